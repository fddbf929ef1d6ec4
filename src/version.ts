import { readFileSync } from 'node:fs';

/** The package version, read once: it goes into /healthz and every parse's metadata. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
