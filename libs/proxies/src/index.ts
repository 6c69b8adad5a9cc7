/**
 * @alsatian/proxies: cheap scores of how well a model's features transfer to the target task (linear probe with
 * the original's exact schedule, 1-NN, LogME), behind core's `Proxy` contract, plus the `PROXIES` registry.
 * It owns the proxies' arithmetic only: it never runs models, reads files, caches features or logs; the
 * executor hands it features already in memory.
 */
export { PROXIES, PROXY_NAMES, createProxy, isProxyName, type ProxyDefinition, type ProxyName, type ProxyOptions } from './registry.ts';
export { LinearProxy, type LinearProxyOptions } from './linear/linear-proxy.ts';
export { initLinear, linearInitRng, type LinearParams } from './linear/init.ts';
export { trainLinearProbe, evaluateLinearProbe } from './linear/probe.ts';
export { trainLinearProbeWasm, evaluateLinearProbeWasm } from './linear/wasm-probe.ts';
export { PROBE_BACKENDS, resolveProbeBackend, tsProbe, wasmProbe, type ProbeBackend, type ProbeBackendName } from './linear/backends.ts';
export { KnnProxy, nearestTrainItems, KNN_METRICS, KNN_BACKENDS, type KnnMetric, type KnnBackend, type KnnProxyOptions } from './knn.ts';
export { LogMeProxy, logMe } from './logme.ts';
export { symmetricEigenProject } from './symmetric-eigen.ts';
export { checkProxyInput } from './features.ts';
export { messages as proxyMessages } from './messages.ts';
