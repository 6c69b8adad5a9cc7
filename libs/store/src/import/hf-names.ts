/**
 * Renames Hugging Face transformers checkpoints' keys into the torchvision / transformers names our blocks use.
 * Each function takes a key without the model prefix (`resnet.`, `vit.`, `bert.`) and returns the new key, or
 * undefined for tensors our feature extractor does not hold (poolers, classifiers, BatchNorm step counters).
 * q/k/v projections are merged separately (torchvision's MultiheadAttention keeps one in_proj).
 */

/** microsoft/resnet-*: ResNetModel. */
export function resnetKey(key: string): string | undefined {
  if (key.endsWith('num_batches_tracked')) return undefined;
  let m = /^embedder\.embedder\.convolution\.(weight)$/.exec(key);
  if (m) return `conv1.${m[1]}`;
  m = /^embedder\.embedder\.normalization\.(\w+)$/.exec(key);
  if (m) return `bn1.${m[1]}`;
  m = /^encoder\.stages\.(\d+)\.layers\.(\d+)\.shortcut\.(convolution|normalization)\.(\w+)$/.exec(key);
  if (m) return `layer${Number(m[1]) + 1}.${m[2]}.downsample.${m[3] === 'convolution' ? 0 : 1}.${m[4]}`;
  m = /^encoder\.stages\.(\d+)\.layers\.(\d+)\.layer\.(\d+)\.(convolution|normalization)\.(\w+)$/.exec(key);
  if (m) return `layer${Number(m[1]) + 1}.${m[2]}.${m[4] === 'convolution' ? 'conv' : 'bn'}${Number(m[3]) + 1}.${m[5]}`;
  return key.startsWith('classifier.') || key.startsWith('pooler.') ? undefined : key;
}

const VIT_LAYER: Record<string, string> = {
  layernorm_before: 'ln_1',
  layernorm_after: 'ln_2',
  'attention.output.dense': 'self_attention.out_proj',
  'intermediate.dense': 'mlp.0',
  'output.dense': 'mlp.3',
};

/** google/vit-*: ViTModel. Query/key/value come back as `...self_attention.{q,k,v}_part.*` for merging. */
export function vitKey(key: string): string | undefined {
  if (key === 'embeddings.cls_token') return 'class_token';
  if (key === 'embeddings.position_embeddings') return 'encoder.pos_embedding';
  let m = /^embeddings\.patch_embeddings\.projection\.(weight|bias)$/.exec(key);
  if (m) return `conv_proj.${m[1]}`;
  m = /^layernorm\.(weight|bias)$/.exec(key);
  if (m) return `encoder.ln.${m[1]}`;
  m = /^encoder\.layer\.(\d+)\.attention\.attention\.(query|key|value)\.(weight|bias)$/.exec(key);
  if (m) return `encoder.layers.encoder_layer_${m[1]}.self_attention.${m[2]}_part.${m[3]}`;
  m = /^encoder\.layer\.(\d+)\.(.+)\.(weight|bias)$/.exec(key);
  if (m && VIT_LAYER[m[2]]) return `encoder.layers.encoder_layer_${m[1]}.${VIT_LAYER[m[2]]}.${m[3]}`;
  return key.startsWith('pooler.') || key.startsWith('classifier.') ? undefined : key;
}

/** bert-base-uncased: BertModel names are ours; old checkpoints say gamma/beta for LayerNorm weight/bias. */
export function bertKey(key: string): string | undefined {
  if (key.startsWith('pooler.') || key.startsWith('cls.') || key === 'embeddings.position_ids') return undefined;
  return key.replace(/LayerNorm\.gamma$/, 'LayerNorm.weight').replace(/LayerNorm\.beta$/, 'LayerNorm.bias');
}
