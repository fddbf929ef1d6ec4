import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Path of a file shipped in the package (data/…), found by walking up from this module: the same code
 * runs from src/ under tsx and from dist/ after a build.
 */
export function packageFile(relativePath: string, from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, relativePath);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`${relativePath} not found in the jobmatch-ai package (searched up from ${from})`);
  }
}
