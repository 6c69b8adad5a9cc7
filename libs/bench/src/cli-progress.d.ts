// Types for the part of cli-progress 3.12 the terminal progress displays use (the package ships none).
declare module 'cli-progress' {
  export interface Options {
    format?: string;
    stream?: NodeJS.WritableStream;
    hideCursor?: boolean;
    clearOnComplete?: boolean;
    noTTYOutput?: boolean;
    notTTYSchedule?: number;
    fps?: number;
  }
  export class SingleBar {
    constructor(options: Options, preset?: unknown);
    start(total: number, startValue: number, payload?: Record<string, unknown>): void;
    update(value: number, payload?: Record<string, unknown>): void;
    setTotal(total: number): void;
    stop(): void;
  }
  export class MultiBar {
    constructor(options: Options, preset?: unknown);
    create(total: number, startValue: number, payload?: Record<string, unknown>, options?: Options): SingleBar;
    remove(bar: SingleBar): boolean;
    log(text: string): void;
    stop(): void;
  }
  export const Presets: { readonly shades_classic: unknown; readonly legacy: unknown };
}
