/**
 * @alsatian/proxies: cheap scores of how well a model's features transfer to the target task, behind core's
 * `Proxy` contract, plus the `PROXIES` registry (`createProxy('linear' | 'knn' | 'logme', options)`):
 * - linear: the original's probe (Linear(D, C), torch init, SGD lr 0.1, 100 epochs, one step per cached batch in
 *   order; score = top-1 test accuracy), on our WebAssembly SIMD kernels (or plain TypeScript);
 * - knn: 1-nearest-neighbour top-1 accuracy, cosine or euclidean;
 * - logme: LogME evidence (You et al.), float64, mean over classes.
 * It owns the proxies' arithmetic only: it never runs models, reads files, caches features or logs; the executor
 * hands it features already in memory. Randomness comes from core's Rng only.
 */
export {
  PROXIES,
  PROXY_NAMES,
  createProxy,
  isProxyName,
  type ProxyDefinition,
  type ProxyName,
  type ProxyOptions,
} from './registry.ts';
export { LinearProxy, type LinearProxyOptions } from './linear/linear-proxy.ts';
export { initLinear, linearInitRng, type LinearParams } from './linear/init.ts';
export { trainLinearProbe, evaluateLinearProbe } from './linear/probe.ts';
export { trainLinearProbeWasm, evaluateLinearProbeWasm } from './linear/wasm-probe.ts';
export {
  PROBE_BACKENDS,
  resolveProbeBackend,
  tsProbe,
  wasmProbe,
  type ProbeBackend,
  type ProbeBackendName,
} from './linear/backends.ts';
export {
  KnnProxy,
  nearestTrainItems,
  KNN_METRICS,
  KNN_BACKENDS,
  type KnnMetric,
  type KnnBackend,
  type KnnProxyOptions,
} from './knn.ts';
export { LogMeProxy, logMe } from './logme.ts';
export { symmetricEigenProject } from './symmetric-eigen.ts';
export { checkProxyInput } from './features.ts';
export { messages as proxyMessages } from './messages.ts';
