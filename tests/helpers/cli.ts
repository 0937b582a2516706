// Runs steward CLI commands in-process against a test database, capturing stdout and stderr.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { runCli } from '../../src/cli/run-cli.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { openDatabase } from '../../src/db/client.ts';
import { createPostgresDatabase, pgliteTemplate, postgresTemplate } from './test-db.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cliRunner(env: NodeJS.ProcessEnv, clock = new FixedClock('2026-11-27T02:00:00Z')) {
  return async (...argv: string[]): Promise<CliResult> => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { out: (s) => (stdout += s), err: (s) => (stderr += s), env, clock });
    return { code, stdout, stderr };
  };
}

export function tempDir(prefix = 'steward-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/**
 * A CLI runner on a database of the driver for the test file's lifetime: a fresh PostgreSQL database, or an embedded
 * one in a temporary folder, each a copy of the run's migrated template. `env` adds settings (e.g. Lark's); it may be a function called once the file starts.
 */
export function useCliDatabase(driver: 'pglite' | 'postgres', env: NodeJS.ProcessEnv | (() => NodeJS.ProcessEnv) = {}) {
  const state: { run: (...argv: string[]) => Promise<CliResult>; dir: string; databaseUrl?: string } = {
    run: async () => ({ code: -1, stdout: '', stderr: 'not started' }),
    dir: tempDir(),
  };
  let drop = async () => {};
  beforeAll(async () => {
    const extra = typeof env === 'function' ? env() : env;
    if (driver === 'postgres') {
      const pgdb = await createPostgresDatabase(postgresTemplate());
      drop = pgdb.drop;
      state.databaseUrl = pgdb.url;
      state.run = cliRunner({ ...extra, DATABASE_URL: pgdb.url });
    } else {
      const dataDir = path.join(state.dir, 'data');
      await (await openDatabase({ dataDir, pgliteTemplate: pgliteTemplate() })).close();
      state.run = cliRunner({ ...extra, DATA_DIR: dataDir });
    }
  });
  afterAll(() => drop());
  return state;
}
