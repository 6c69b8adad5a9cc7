/** User-facing messages of the engine, in one place so tests can match them. */

export function cudaBinariesMissing(dir: string): string {
  return (
    `Execution provider 'cuda' is unavailable: the CUDA EP binaries (libonnxruntime_providers_cuda.so, ` +
    (`libonnxruntime_providers_shared.so) are not installed in ${dir}. onnxruntime-node's install step ` +
      `fetches them on `) +
    (`machines with internet access (it is skipped here with ONNXRUNTIME_NODE_INSTALL=skip); see ` +
      `libs/engine/README.md. `) +
    `CUDA 12 and cuDNN 9 must also be installed. Use --ep cpu, or --ep webgpu on a machine with a Vulkan GPU.`
  );
}

export function vulkanLoaderMissing(): string {
  return (
    `Execution provider 'webgpu' is unavailable: the Vulkan loader library libvulkan.so.1 is missing ` +
    `(Debian: apt-get install libvulkan1, plus the GPU vendor's Vulkan driver). Use --ep cpu instead.`
  );
}

export function noWebGpuAdapter(detail: string): string {
  return (
    `Execution provider 'webgpu' is unavailable: WebGPU found no usable GPU adapter (no Vulkan device, or only a ` +
    `software one lacking required features). Install the GPU's Vulkan driver, or use --ep cpu. ORT said: ${detail}`
  );
}

export function cpuFallbackRefused(ep: string, label: string): string {
  return (
    `Part of the model cannot run on execution provider '${ep}': ORT would place some of its nodes on the CPU, ` +
    (`and silent CPU fallback is disabled. Run it with --ep cpu, or allow CPU nodes explicitly (engine option ` +
      `allowCpuNodes). `) +
    `(engine unit '${label}')`
  );
}

export function sessionFailed(ep: string, label: string, detail: string): string {
  return `Could not create an ONNX Runtime session on execution provider '${ep}': ${detail} (engine unit '${label}')`;
}
