#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npx alsatian` works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
