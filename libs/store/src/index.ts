/**
 * @alsatian/store: the content-addressed block store on disk, model manifests, importers of real weights
 * (safetensors, torchvision, Hugging Face, ONNX) and synthetic snapshot sets. It stores and reads; it never runs
 * a model.
 */
export * from './safetensors.ts';
