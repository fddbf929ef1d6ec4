import { readFile, unlink, writeFile } from 'node:fs/promises';
import { StoreError } from './errors.js';

/**
 * PGlite is a single-process database and does not stop a second process from opening the same files,
 * which would corrupt them. A lock file holding the owner's pid turns that into a clear error; a lock left
 * by a process that no longer runs is taken over.
 */
export async function lockDataDirectory(lockPath: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockPath, String(process.pid), { flag: 'wx' });
      return () => unlink(lockPath).catch(() => undefined);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
      throw new StoreError(
        'database_locked',
        `The data directory is in use by another jobmatch process (pid ${owner}, lock file ${lockPath}). ` +
          'Stop that process, or give this one another JOBMATCH_DATA_DIR or a DATABASE_URL.',
        { lockPath, pid: owner },
      );
    }
    await unlink(lockPath).catch(() => undefined);
  }
  throw new StoreError('database_locked', `Could not take the data directory lock ${lockPath}; another process keeps re-creating it.`, { lockPath });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
