#!/usr/bin/env node
// Runs every test/**/*.test.ts with Node's own test runner (tsx as the loader).
// Node 20's --test does not expand globs, so we list the files here.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const filter = process.argv.slice(2);
const files = readdirSync('test', { recursive: true, encoding: 'utf8' })
  // Browser tests need Chromium and run separately (npm run test:browser).
  .filter((f) => f.endsWith('.test.ts') && !f.startsWith('browser'))
  .map((f) => join('test', f))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' } },
);
process.exit(result.status ?? 1);
