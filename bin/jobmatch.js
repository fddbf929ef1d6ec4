#!/usr/bin/env node
// Runs the TypeScript sources through tsx inside a checkout, the compiled dist/ in an installed package.
import { existsSync } from 'node:fs';

const src = new URL('../src/cli/main.ts', import.meta.url);
const dist = new URL('../dist/cli/main.js', import.meta.url);

let cli;
if (existsSync(src)) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(src.href);
} else {
  cli = await import(dist.href);
}
await cli.run(process.argv);
