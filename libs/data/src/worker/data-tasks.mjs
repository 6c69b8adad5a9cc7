// The work one decode worker does, also callable in-process (workers: 0). Plain JavaScript because worker
// threads do not get the TypeScript loader. Failures come back as `{ ok: false, reason }` values, never throws,
// so the main thread can name the file and apply skip-bad.
import { decodeImage, readImageFile, transformImage } from './image-transform.mjs';
import { renderSyntheticTensor } from './synthetic-render.mjs';

/**
 * Decodes the files of one batch straight into their rows of the batch tensor `out` ([paths.length, 3, S, S]): no
 * per-item array, no copy into the batch afterwards. The decodes run concurrently on libuv's thread pool, where sharp
 * works. Each file is read and decoded at most once; `decoded` lists the rows whose file went through the decoder,
 * so callers can count decodes per item.
 */
async function runImageBatch(task) {
  const per = 3 * task.imageSize * task.imageSize;
  const failures = [];
  const decoded = [];
  await Promise.all(
    task.paths.map(async (path, index) => {
      const file = await readImageFile(path);
      if (!file.ok) return failures.push({ index, reason: file.reason });
      decoded.push(index);
      const result = await transformImage(file.bytes, task.imageSize, task.resizeSize, task.out, index * per);
      if (!result.ok) failures.push({ index, reason: result.reason });
    }),
  );
  return { out: task.out, failures, decoded };
}

export async function runDataTask(task) {
  switch (task.kind) {
    case 'images':
      return runImageBatch(task);
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
