#!/usr/bin/env node
// The `thidua` command: runs the TypeScript sources through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
process.env.THIDUA_BIN = '1';
await import(new URL('../src/cli.ts', import.meta.url).href);
