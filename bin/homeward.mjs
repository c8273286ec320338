#!/usr/bin/env node
// Entry point for `npx homeward` and `npm start`: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
