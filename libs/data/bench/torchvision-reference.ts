/**
 * The reference of the data benchmark: torchvision's PIL pipeline (Resize 256, CenterCrop 224, ToTensor, Normalize), as
 * the original runs it, in a long-lived /usr/bin/python3 child. The benchmark asks it for one pass at a time, between
 * its own passes, so both see the same machine load. Torch runs with one intra-op thread, as in a DataLoader worker
 * (which calls torch.set_num_threads(1)), so its CPU time is what one core spends per item.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

const SERVER = `
import glob, sys, time, numpy as np, torch, torchvision.transforms as T
from PIL import Image
torch.set_num_threads(1)
files = sorted(glob.glob(sys.argv[1] + '/train/*/*.jpg'))
t = T.Compose([
    T.Resize(256), T.CenterCrop(224), T.ToTensor(), T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
])
print('ready', len(files), flush=True)
for line in sys.stdin:
    words = line.split()
    if words[0] == 'pass':
        c, w = time.process_time(), time.perf_counter()
        for f in files: t(Image.open(f).convert('RGB'))
        print(time.process_time() - c, time.perf_counter() - w, flush=True)
    elif words[0] == 'tensors':
        tensors = [t(Image.open(f).convert('RGB')).numpy().ravel() for f in words[2:]]
        np.concatenate(tensors).astype(np.float32).tofile(words[1])
        print('done', flush=True)
`;

/** One pass over every train file: CPU seconds of the python process and wall seconds. */
export interface ReferencePass {
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
}

export interface TorchvisionReference {
  readonly files: number;
  pass(): Promise<ReferencePass>;
  /** Writes the transformed tensors of `files` (float32, concatenated) to `out`. */
  tensors(out: string, files: readonly string[]): Promise<void>;
  close(): void;
}

/** Starts the reference on the folder `root`, or returns undefined when /usr/bin/python3 lacks torchvision. */
export async function startTorchvision(root: string): Promise<TorchvisionReference | undefined> {
  let child: ChildProcessWithoutNullStreams;
  try {
    child = spawn('/usr/bin/python3', ['-c', SERVER, root]);
  } catch {
    return undefined;
  }
  child.stderr.resume();
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string | undefined> =>
    (await lines.next().catch(() => ({ done: true, value: undefined }))).value as string | undefined;
  const ready = await new Promise<string | undefined>((resolve) => {
    child.once('error', () => resolve(undefined));
    void next().then(resolve);
  });
  if (ready === undefined || !ready.startsWith('ready')) {
    child.kill();
    return undefined;
  }
  return {
    files: Number(ready.split(' ')[1]),
    async pass() {
      child.stdin.write('pass\n');
      const [cpu, wall] = (await next())!.split(' ').map(Number);
      return { cpuSeconds: cpu, wallSeconds: wall };
    },
    async tensors(out, files) {
      child.stdin.write(`tensors ${out} ${files.join(' ')}\n`);
      await next();
    },
    close: () => child.stdin.end(),
  };
}
