/**
 * The reference's `layer_io_vs_compute_bound` results (reference section 7): per start block (batch 32), how many
 * following blocks' GPU inference fits into reading the block's input at an assumed 1000 MB/s.
 */
export const REFERENCE_READ_MBPS = 1000;

export const REFERENCE_COUNTS: Readonly<Record<string, { readonly blocks: number; readonly summary: string }>> = {
  resnet152: { blocks: 54, summary: '11, 21, then 54 (all remaining) for most blocks; 29-30 in the middle of layer3' },
  vit_l_32: { blocks: 26, summary: '6, 2, 2, 2, 1, 1, ... and 26 at the end' },
  efficientnet_v2_l: { blocks: 49, summary: '48-49 early, 1-6 in the middle' },
};

/** Our quick-scale stand-ins for the reference's architectures. */
export const STAND_IN_FOR: Readonly<Record<string, string>> = { resnet50: 'resnet152', vit_b_32: 'vit_l_32', efficientnet_v2_s: 'efficientnet_v2_l' };
