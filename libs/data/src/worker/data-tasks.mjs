// The work one decode worker does, also callable in-process (workers: 0). Plain JavaScript because worker
// threads do not get the TypeScript loader. Failures come back as `{ ok: false, reason }` values, never throws,
// so the main thread can name the file and apply skip-bad.
import { decodeImage, readImageFile, transformImage } from './image-transform.mjs';
import { renderSyntheticTensor } from './synthetic-render.mjs';

export async function runDataTask(task) {
  switch (task.kind) {
    case 'image': {
      const file = await readImageFile(task.path);
      if (!file.ok) return file;
      const result = await transformImage(file.bytes, task.imageSize, task.resizeSize);
      return result.ok ? result.data : result;
    }
    case 'decode-only': {
      const file = await readImageFile(task.path);
      if (!file.ok) return file;
      return decodeImage(file.bytes);
    }
    case 'synthetic':
      return renderSyntheticTensor(task.params);
    default:
      return { ok: false, reason: `unknown data task '${task.kind}'` };
  }
}
