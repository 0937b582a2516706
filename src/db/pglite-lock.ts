// A lock file beside the embedded database: PGlite is single-process, so a second process must not open the same folder.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

export class DatabaseBusyError extends Error {
  readonly code = 'DATABASE_BUSY' as const;
  constructor(dir: string, pid: number) {
    super(
      `the embedded database in ${dir} is in use by another Steward process (pid ${pid}); stop it first, or set DATABASE_URL to use PostgreSQL`,
    );
    this.name = 'DatabaseBusyError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock for this process; returns the function that releases it. */
export function lockDataDir(dir: string): () => void {
  const file = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new DatabaseBusyError(dir, pid);
      rmSync(file, { force: true }); // stale lock from a process that died
    }
  }
  throw new Error(`could not lock ${dir}`);
}
