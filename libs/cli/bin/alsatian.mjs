#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npx alsatian` works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
// Relaunched with glibc malloc settings that let sessions reuse freed memory (see libs/core/src/allocator.ts).
const { relaunchWithAllocatorSettings } = await import('@alsatian/core');
await relaunchWithAllocatorSettings();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
