// Runs steward CLI commands in-process against a test database, capturing stdout and stderr.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/run-cli.ts';
import { FixedClock } from '../../src/lib/clock.ts';

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
