import { relaunchWithAllocatorSettings } from '@alsatian/core';
import type { Engine, PreparedUnit } from '@alsatian/core';
import { openDataset } from '@alsatian/data';
import { createEngine } from '@alsatian/engine';
import { createProxy } from '@alsatian/proxies';
import { openStore } from '@alsatian/store';
import { search } from '../src/index.ts';
await relaunchWithAllocatorSettings();
const store = await openStore('/tmp/pcb/store-top-layers', { verifyReads: 'once' });
const origGet = store.getBlock.bind(store);
let readFaults = 0,
  readMs = 0,
  readBytes = 0;
(store as { getBlock: typeof origGet }).getBlock = async (id: string) => {
  const f0 = process.resourceUsage().minorPageFault;
  const t = performance.now();
  const b = await origGet(id);
  readFaults += process.resourceUsage().minorPageFault - f0;
  readMs += performance.now() - t;
  for (const w of b.weights.values()) readBytes += w.data.byteLength;
  return b;
};
process.on('exit', () => console.log('reads', { readFaults, readMs, readMB: readBytes / 1e6 }));
const dataset = await openDataset('/tmp/pcb/data-320', { imageSize: 224, recycleBatches: true });
const inner = await createEngine({ preparation: { compiledKeepBytes: 10e9 } });
const log: string[] = [];
const engine: Engine = {
  ...inner,
  async prepare(blocks, options) {
    const t0 = performance.now();
    const pf0 = process.resourceUsage().minorPageFault;
    const unit = await inner.prepare(blocks, options);
    log.push(`prepare faults=${process.resourceUsage().minorPageFault - pf0} reused=${unit.reused}`);
    const prepMs = performance.now() - t0;
    let runs = 0;
    const wrapped: PreparedUnit = {
      label: unit.label,
      inputs: unit.inputs,
      outputs: unit.outputs,
      weightBytes: unit.weightBytes,
      reused: unit.reused,
      async run(x) {
        const t = performance.now();
        const f0 = process.resourceUsage().minorPageFault;
        const out = await unit.run(x);
        const faults = process.resourceUsage().minorPageFault - f0;
        log.push(
          `${unit.label} blocks=${blocks.length} ${(unit.weightBytes / 1e6).toFixed(1)}MB prep=` +
            `${prepMs.toFixed(0)} run#${runs++} batch=${x[0].shape[0]} faults=${faults} ` +
            `${(performance.now() - t).toFixed(1)}ms`,
        );
        return out;
      },
      dispose: () => unit.dispose(),
    };
    return wrapped;
  },
} as Engine;
const t0 = performance.now();
const r = await search({
  store,
  dataset,
  strategy: 'alsatian',
  engine,
  proxy: createProxy('linear'),
  cacheBudgetBytes: 10e9,
  batchSize: 32,
  deterministic: true,
  seed: 42,
});
console.log('total', (performance.now() - t0) / 1000, JSON.stringify(r.measurements));
console.log(log.join('\n'));
await inner.dispose();
await dataset.close();
