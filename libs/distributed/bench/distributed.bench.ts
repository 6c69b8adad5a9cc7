/**
 * `npm run bench:distributed`: (1) runs a real search here with 2 workers of 1 thread each against 1 process of
 * 2 threads, a few times, and prints both times, the ratio and where the jobs' time went; its job timings give the
 * job overhead (queue round trip + start-up); (2) measures the other per-unit costs on this machine; (3) simulates
 * the coordinator's partitioning of a 2,800-model, multi-family lake (the paper's crawl shape) for 1, 2, 4, 16 and
 * 64 workers with those measured costs and prints makespan and efficiency (target: >= 70 % at 16). The real run
 * comes first because the simulation needs its measurement. The last line is JSON.
 * Options: --workers 1,2,4,16,64  --repeats 3  --skip-real (the simulation then uses the coordinator's prior)
 */
import { CRAWL_FAMILIES, crawlShape } from './crawl-shape.ts';
import { measureCosts } from './measure-costs.ts';
import { realRun } from './real-run.ts';
import { simulate } from './simulate.ts';
import { DEFAULT_COSTS } from '../src/index.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const workerCounts = (option('--workers') ?? '1,2,4,16,64').split(',').map(Number);

const real = args.includes('--skip-real') ? undefined : await realRun(Number(option('--repeats') ?? 3));
const measured = await measureCosts();
const costs = { ...measured, jobOverheadSeconds: real?.jobOverheadSeconds ?? DEFAULT_COSTS.jobOverheadSeconds };
console.log('\nper-unit costs measured here (1 ONNX Runtime thread):');
for (const [k, v] of Object.entries(costs)) console.log(`  ${k.padEnd(30)} ${v.toExponential(3)}`);
if (!real) console.log("  (jobOverheadSeconds is the coordinator's prior: the real run did not measure it)");

const crawl = crawlShape();
const started = performance.now();
const rows = simulate(crawl, costs, workerCounts);
console.log(
  `\nsimulated: ${crawl.models.length} models, ${CRAWL_FAMILIES.length} families, 4000 train + 1000 test items, ` +
    'batch 32 ' +
    `(partitioning took ${((performance.now() - started) / 1000).toFixed(1)} s)`,
);
console.log('workers  makespan (s)  efficiency  jobs  iterations with a shared prefix');
for (const r of rows)
  console.log(
    [
      String(r.workers).padStart(7),
      r.makespanSeconds.toFixed(1).padStart(12),
      `${(100 * r.efficiency).toFixed(1).padStart(9)}%`,
      String(r.jobs).padStart(4),
      r.sharedIterations,
    ].join('  '),
  );
const at16 = rows.find((r) => r.workers === 16);
if (at16)
  console.log(
    `efficiency at 16 workers: ${(100 * at16.efficiency).toFixed(1)}% ` +
      `(target >= 70%: ${at16.efficiency >= 0.7 ? 'met' : 'NOT met'})`,
  );

console.log(JSON.stringify({ costs, simulation: rows, real }));
