/** Talks to scripts/parity/bench_torch.py: one PyTorch batch timed per request, so batches can be interleaved. */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../../scripts/parity/bench_torch.py', import.meta.url));
export const TORCH_LAYOUTS = ['default', 'channels_last'] as const;

export interface TorchServer {
  /** Seconds PyTorch took for one batch of `model` in `layout`. */
  time(model: string, layout: (typeof TORCH_LAYOUTS)[number]): Promise<number>;
  close(): Promise<void>;
}

export async function startTorchServer(
  models: readonly string[],
  batch: number,
  threads: number,
): Promise<TorchServer> {
  const child = spawn('/usr/bin/python3', [SCRIPT, '--batch', String(batch), '--threads', String(threads), ...models], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const next = async (): Promise<Record<string, unknown>> => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`${SCRIPT} exited (code ${await exited}) before answering`);
    return JSON.parse(value) as Record<string, unknown>;
  };
  if ((await next()).ready !== true) throw new Error(`${SCRIPT} did not report ready`);
  return {
    async time(model, layout) {
      child.stdin.write(`${model} ${layout}\n`);
      return (await next()).seconds as number;
    },
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}
