// Every failure that reaches the CLI ends as one `steward: …` line and exit 1: a Lark timeout, a Lark error code, a database error, a bug.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.ts';
import { openDatabase } from '../../src/db/client.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { startLarkStandin, type LarkStandin } from '../../src/sandbox/lark-standin/index.ts';
import { useCliDatabase, type CliResult } from '../helpers/cli.ts';
import { APP_ID, APP_SECRET, ENCRYPT_KEY, VERIFICATION_TOKEN } from '../helpers/lark-world.ts';
import { EXAMPLE_ORG_PATH } from '../helpers/org.ts';
import { DRIVERS } from '../helpers/test-db.ts';

const DIRECTORY = '/open-apis/contact/v3/users/batch_get_id';

/** One line on stderr, starting with "steward: ", and no stack frame anywhere. */
function expectOneLine(res: CliResult) {
  expect(res.code).toBe(1);
  expect(res.stderr.endsWith('\n')).toBe(true);
  expect(res.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(res.stderr).toMatch(/^steward: /);
  expect(res.stderr + res.stdout).not.toMatch(/\n\s+at |TypeError|\.ts:\d+/);
}

describe.each(DRIVERS)('the CLI when Lark fails, on %s', (driver) => {
  let standin: LarkStandin;
  beforeAll(async () => {
    standin = await startLarkStandin({ appId: APP_ID, appSecret: APP_SECRET, verificationToken: VERIFICATION_TOKEN });
    standin.addUser({ openId: 'ou_l1', name: '李强', email: 'li@example.com' });
  });
  afterAll(() => standin.close());
  const cli = useCliDatabase(driver, () => ({
    LARK_APP_ID: APP_ID,
    LARK_APP_SECRET: APP_SECRET,
    LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_DOMAIN: standin.url,
    LARK_TIMEOUT_MS: '300',
  }));
  const file = () => {
    const f = path.join(cli.dir, 'org.yaml');
    writeFileSync(
      f,
      readFileSync(EXAMPLE_ORG_PATH, 'utf8').replace(
        '  - { id: q1,',
        '  - { id: q2, name: 钱多, email: qian@example.com, roles: [quality] }\n  - { id: q1,',
      ),
    );
    return f;
  };
  const people = async () => JSON.parse((await cli.run('org', 'show', '--json')).stdout).people as { id: string; openId: string | null }[];

  it('a directory that does not answer in time: one line naming the timeout and the people, and nothing imported', async () => {
    standin.injectFault({ path: DIRECTORY, times: 1, status: 0, code: 0, delayMs: 1_500 });
    const res = await cli.run('org', 'import', file());
    expectOneLine(res);
    expect(res.stderr).toContain('the Lark directory could not be reached, so nothing was imported');
    expect(res.stderr).toMatch(
      /Lark did not answer at http:\/\/127\.0\.0\.1:\d+ within 300 ms \(LARK_TIMEOUT_MS\): check LARK_DOMAIN and the network/,
    );
    expect(res.stderr).toContain('Not resolved: l1 李强 (li@example.com), q2 钱多 (qian@example.com)');
    expect(res.stderr).toContain('--allow-unresolved');
    expect(await people()).toEqual([]);
  });

  it('a Lark error code is named with what to change, and nothing is imported', async () => {
    standin.injectFault({
      path: DIRECTORY,
      times: 1,
      status: 400,
      code: 99991672,
      msg: 'Access denied. One of the following scopes is required: [contact:user.id:readonly]',
    });
    const res = await cli.run('org', 'import', file());
    expectOneLine(res);
    expect(res.stderr).toContain('Lark answered code 99991672 (HTTP 400): Access denied.');
    expect(res.stderr).toContain('add it in the developer console (Permissions & Scopes)');
    expect(await people()).toEqual([]);
  });

  it('--allow-unresolved imports the rest and says who is still without an open_id; the next import resolves them', async () => {
    standin.injectFault({ path: DIRECTORY, times: 1, status: 0, code: 0, delayMs: 1_500 });
    const partial = await cli.run('org', 'import', file(), '--allow-unresolved');
    expect(partial.code).toBe(0);
    expect(partial.stdout).toContain('the Lark directory could not be reached (Lark did not answer');
    expect(partial.stdout).toContain('l1 李强 (li@example.com): not resolved: run steward org import again when Lark answers');
    const stored = await people();
    expect(stored).toHaveLength(7);
    expect(stored.find((p) => p.id === 'l1')?.openId).toBeNull();

    const again = await cli.run('org', 'import', file(), '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      resolved: ['l1'],
      unresolved: [{ id: 'q2', reason: 'not_found' }],
      directoryError: null,
    });
    expect((await people()).find((p) => p.id === 'l1')?.openId).toBe('ou_l1');
  });

  it('a Lark failure in another command (photos) is one line too', async () => {
    standin.injectFault({ path: /.*/, times: 5, status: 500, code: 1000, msg: 'internal error' });
    const res = await cli.run('photos', '1', '--out', cli.dir);
    expectOneLine(res);
  });
});

describe('the CLI on an unexpected failure', () => {
  const io = () => {
    const out = { stdout: '', stderr: '' };
    return {
      out,
      io: {
        out: (s: string) => (out.stdout += s),
        err: (s: string) => (out.stderr += s),
        env: {},
        clock: new FixedClock('2026-11-27T02:00:00Z'),
      },
    };
  };

  it('an exception no command expects is one line that says it is a bug and how to see the details', async () => {
    const { out, io: cliIo } = io();
    const code = await runCli(['boom'], cliIo, {
      boom: async () => {
        throw new TypeError('e.code?.startsWith is not a function');
      },
    });
    const res = { code, ...out };
    expectOneLine({ ...res, stderr: res.stderr.replace('TypeError', 'Type-Error') });
    expect(res.stderr).toBe(
      'steward: unexpected error (TypeError: e.code?.startsWith is not a function): this is a bug in Steward; please report it with the command you ran (STEWARD_DEBUG=1 prints the details)\n',
    );
  });

  it('a thrown object with a numeric code (what crashed before) is one line, not a crash', async () => {
    const { out, io: cliIo } = io();
    const code = await runCli(['boom'], cliIo, {
      boom: async () => {
        throw Object.assign(new Error('whatever'), { code: 99991663 });
      },
    });
    expect(code).toBe(1);
    expect(out.stderr).toMatch(/^steward: unexpected error \(Error: whatever\)/);
  });
});

describe.each(DRIVERS)('the CLI on a database error, on %s', (driver) => {
  const cli = useCliDatabase(driver);
  it('a table missing from the database is one line naming the database error and what to do', async () => {
    expect((await cli.run('db', 'migrate')).code).toBe(0);
    const database = await openDatabase(cli.databaseUrl ? { url: cli.databaseUrl } : { dataDir: path.join(cli.dir, 'data') });
    await database.db.execute(sql`drop table company cascade`);
    await database.close();
    const res = await cli.run('org', 'show');
    // migrate runs first and finds nothing to do; the query then fails
    expectOneLine(res);
    expect(res.stderr).toMatch(
      /^steward: the database refused the request \(42P01: relation "company" does not exist\): run "steward db migrate"/,
    );
  });
});
