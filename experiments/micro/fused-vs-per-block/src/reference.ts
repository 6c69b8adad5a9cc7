/**
 * The reference's `seq_vs_merged_model` micro-benchmark (reference section 7): PyTorch on an RTX A5000, sub-models
 * executed one after another vs one merged model, per batch.
 */
export const REFERENCE_SEQ_VS_MERGED = [
  { model: 'large model', sequentialMs: 14.18, mergedMs: 14.26 },
  { model: 'tiny model', sequentialMs: 0.0106, mergedMs: 0.0189 },
] as const;
