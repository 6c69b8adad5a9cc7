/**
 * The reference's loading numbers: its back-of-envelope model-loading benchmark (`snapshot_loading_boe.py`,
 * reference section 7), the 200 MB/s store limit of its experiments (section 1.3) and Table 1's model sizes.
 */
export const REFERENCE_BOE = { hddMBps: 120, ssdMBps: 1100, fullModelMB: 240, partialModelMB: 19 } as const;
export const REFERENCE_STORE_LIMIT_MBPS = 200;

/** Table 1 sizes (MB, params * 4 / 1e6) of the architectures that have one. */
export const REFERENCE_SIZE_MB: Readonly<Record<string, number>> = {
  resnet18: 46.8,
  resnet152: 241.7,
  efficientnet_v2_l: 476.7,
  vit_l_32: 1226.3,
};
