import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.ts';
import { ensureBuilt, freePort, ROOT, start, waitFor } from '../helpers/spawn.ts';

const cleanEnv = {
  DATABASE_URL: '',
  LARK_APP_ID: '',
  LARK_APP_SECRET: '',
  TEST_DATABASE_URL: '',
};

describe('the service process', () => {
  // npm start builds dist/ first when it is stale; build it here so the start itself is timed without the build
  beforeAll(ensureBuilt);

  it('npm start on a fresh folder serves /healthz on the embedded database and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const dataDir = path.join(tempDir(), 'data');
    const proc = start('npm', ['start'], {
      ...cleanEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ORG_FILE: path.join(ROOT, 'examples/org.yaml'),
    });
    try {
      const body = await waitFor(async () => {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        return res.ok ? res.json() : undefined;
      }, '/healthz');
      expect(body).toEqual({ status: 'ok' });
      expect(existsSync(path.join(dataDir, 'pglite.lock'))).toBe(true);
      expect(proc.output()).toMatch(/"org file imported"/);
    } finally {
      process.kill(-proc.child.pid!, 'SIGTERM');
    }
    await proc.exited;
    // npm exits at once on the signal; the node process behind it closes the server and the database, then removes the lock
    await waitFor(async () => (existsSync(path.join(dataDir, 'pglite.lock')) ? undefined : true), 'the database lock to be released');
    expect(proc.output()).toMatch(/"msg":"stopping"/);
  });

  it('a database that cannot be reached stops the start with one line naming the URL, password masked, exit 1', async () => {
    const proc = start(process.execPath, ['dist/main.js'], {
      ...cleanEnv,
      DATABASE_URL: 'postgres://steward:hunter2@127.0.0.1:1/steward',
    });
    expect(await proc.exited).toBe(1);
    const lines = proc.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^steward: cannot reach the database at postgres:\/\/steward:\*\*\*@127\.0\.0\.1:1\/steward: /);
    expect(proc.output()).not.toContain('hunter2');
  });

  it('a wrong setting stops the start naming the variable and what to put there, exit 1', async () => {
    const proc = start(process.execPath, ['dist/main.js'], { ...cleanEnv, PORT: 'eighty' });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toMatch(/PORT \("eighty"\).*put the HTTP port/);
  });

  it('a bad ORG_FILE stops the start with the place of the problem, exit 1', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const proc = start(process.execPath, ['dist/main.js'], {
      ...cleanEnv,
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      ORG_FILE: path.join(ROOT, 'tests/fixtures/org-unknown-manager.yaml'),
    });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toContain('centers[0].manager: unknown person "p099"');
  });

  it('the steward bin runs the CLI: org import then org show --json', async () => {
    const env = { ...cleanEnv, DATA_DIR: path.join(tempDir(), 'data') };
    const imp = start(path.join(ROOT, 'bin/steward.js'), ['org', 'import', 'examples/org.yaml'], env);
    expect(await imp.exited).toBe(0);
    const show = start(path.join(ROOT, 'bin/steward.js'), ['org', 'show', '--json'], env);
    let stdout = '';
    show.child.stdout!.on('data', (d) => (stdout += d));
    expect(await show.exited).toBe(0);
    expect(JSON.parse(stdout).people).toHaveLength(6);
  });
});
