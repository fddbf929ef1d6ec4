#!/usr/bin/env node
// Runs test/browser/**/*.test.ts: the web console in a real headless Chromium (playwright-core),
// against a real server. Kept out of `npm test`: it needs a browser and takes tens of seconds.
//   node scripts/run-browser-tests.mjs [substring…]    CHROMIUM_PATH=/path/to/chromium to choose the browser
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`No Chromium at ${chromium}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}
try {
  createRequire(import.meta.url).resolve('playwright-core');
} catch {
  console.error('playwright-core is not installed: run npm install (it is a devDependency).');
  process.exit(1);
}

const filter = process.argv.slice(2);
const files = readdirSync('test/browser', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => join('test/browser', f))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium, JOBMATCH_BROWSER_TESTS: '1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
});
process.exit(result.status ?? 1);
