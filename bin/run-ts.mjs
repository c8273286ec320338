#!/usr/bin/env node
// Runs a TypeScript file (benchmarks, scripts) through tsx: `node bin/run-ts.mjs bench/intake.bench.ts`.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

register();
const file = process.argv[2];
if (!file) throw new Error('usage: run-ts.mjs <file.ts> [args]');
await import(pathToFileURL(resolve(file)).href);
