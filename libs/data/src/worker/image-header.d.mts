export declare function imageHeaderSize(bytes: Uint8Array): { width: number; height: number } | undefined;
