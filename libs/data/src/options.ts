import { availableParallelism } from 'node:os';
import { InvalidArgumentError, silentLogger, type Logger } from '@alsatian/core';

export interface OpenDatasetOptions {
  /** Side of the square centre crop fed to the model (default 224). */
  readonly imageSize?: number;
  /** Shorter side after resizing, before the crop (default 256, scaled as round(imageSize*256/224)). */
  readonly resizeSize?: number;
  /** Seed of the item order (default 42, as the reference). */
  readonly seed?: number;
  /**
   * Decode worker threads (default: half the cores, at least 1, at most prefetch + 1; 0 decodes in the calling
   * thread).
   */
  readonly workers?: number;
  /** Batches decoded ahead of the consumer (default 2). */
  readonly prefetch?: number;
  /**
   * Image folders: reuse the memory of a yielded batch for a later one once the consumer asks for the next batch
   * (default false). Saves allocating and first-touching a fresh batch tensor per batch (measured: ~0.5 ms of CPU
   * per 224 px item, a fifth of a 256 px item's cost). A batch's tensors are then valid only until the iterator is
   * advanced; after that they are detached (length 0), never silently overwritten.
   */
  readonly recycleBatches?: boolean;
  /** Skip unreadable items instead of failing (default false); see `Dataset.skipped()`. */
  readonly skipBad?: boolean;
  /** WordPiece vocabulary (bert-base-uncased `vocab.txt` format) for text folders. */
  readonly vocabFile?: string;
  /** Tokens per text item, [CLS] and [SEP] included (default 256). */
  readonly maxLength?: number;
  /** Keep only this many items per class in each split (seeded choice), like the paper's reduced datasets. */
  readonly perClass?: number;
  readonly logger?: Logger;
}

export interface ResolvedOptions {
  readonly imageSize: number;
  readonly resizeSize: number;
  readonly seed: number;
  readonly workers: number;
  readonly prefetch: number;
  readonly recycleBatches: boolean;
  readonly skipBad: boolean;
  readonly vocabFile: string | undefined;
  readonly maxLength: number;
  readonly perClass: number | undefined;
  readonly logger: Logger;
}

const OPTION_NAMES = [
  'imageSize',
  'resizeSize',
  'seed',
  'workers',
  'prefetch',
  'recycleBatches',
  'skipBad',
  'vocabFile',
  'maxLength',
  'perClass',
  'logger',
];

function integer(name: string, value: number | undefined, fallback: number, min: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min) {
    throw new InvalidArgumentError(`Dataset option ${name} must be an integer >= ${min}, got ${String(value)}.`);
  }
  return v;
}

/** Fills defaults and checks every option once, at the edge. */
export function resolveOptions(options: OpenDatasetOptions = {}): ResolvedOptions {
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.includes(key)) {
      throw new InvalidArgumentError(`Unknown dataset option '${key}'. Valid options: ${OPTION_NAMES.join(', ')}.`);
    }
  }
  const imageSize = integer('imageSize', options.imageSize, 224, 1);
  const resizeSize = integer('resizeSize', options.resizeSize, Math.round((imageSize * 256) / 224), 1);
  if (resizeSize < imageSize) {
    throw new InvalidArgumentError(
      `Dataset option resizeSize (${resizeSize}) must be >= imageSize (${imageSize}): the crop is taken from ` +
        `the resized image.`,
    );
  }
  const prefetch = integer('prefetch', options.prefetch, 2, 0);
  return {
    imageSize,
    resizeSize,
    seed: integer('seed', options.seed, 42, 0),
    // A worker takes whole batches and at most prefetch + 1 are in flight, so more workers than that would idle. The
    // decoding itself runs on libuv's thread pool, which the workers share: on 2 cores, 1 and 2 workers (prefetch 1,
    // 2, 4) measured the same within noise, at both 256 and 448 px. A worker is not free to start: loading the decoder
    // in it took ~250 ms of CPU (2 workers: 540-585 ms of CPU before the first 4 items, 1 worker: 283-368 ms), paid
    // by every search; hence one worker per two cores.
    workers: integer(
      'workers',
      options.workers,
      Math.max(1, Math.min(Math.floor(availableParallelism() / 2), prefetch + 1)),
      0,
    ),
    prefetch,
    recycleBatches: options.recycleBatches ?? false,
    skipBad: options.skipBad ?? false,
    vocabFile: options.vocabFile,
    maxLength: integer('maxLength', options.maxLength, 256, 2),
    perClass: options.perClass === undefined ? undefined : integer('perClass', options.perClass, 0, 1),
    logger: options.logger ?? silentLogger,
  };
}
