// steward tick --at: one pass as of an instant, delivered to the Lark stand-in before the command exits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLarkStandin, type LarkStandin } from '../../src/sandbox/lark-standin/index.ts';
import { useCliDatabase } from '../helpers/cli.ts';
import { APP_ID, APP_SECRET, ENCRYPT_KEY, EXAMPLE_USERS, VERIFICATION_TOKEN } from '../helpers/lark-world.ts';
import { EXAMPLE_ORG_PATH } from '../helpers/org.ts';
import { DRIVERS } from '../helpers/test-db.ts';

describe.each(DRIVERS)('steward tick on %s', (driver) => {
  let standin: LarkStandin;
  beforeAll(async () => {
    standin = await startLarkStandin({ appId: APP_ID, appSecret: APP_SECRET, verificationToken: VERIFICATION_TOKEN });
    for (const u of EXAMPLE_USERS) standin.addUser(u);
  });
  afterAll(() => standin.close());
  const cli = useCliDatabase(driver, () => ({
    LARK_APP_ID: APP_ID,
    LARK_APP_SECRET: APP_SECRET,
    LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_DOMAIN: standin.url,
  }));

  it('a dry run says what it would send and sends nothing; the real pass delivers it and prints it', async () => {
    expect((await cli.run('org', 'import', EXAMPLE_ORG_PATH, '--day', '2026-11-01')).code).toBe(0);
    await cli.run('tick', '--at', '2026-11-23T06:00:00+08:00'); // the first pass: the duties of the month, a catch-up for the past weeks
    standin.reset();
    for (const u of EXAMPLE_USERS) standin.addUser(u);

    const dry = await cli.run('tick', '--at', '2026-11-24T15:30:00+08:00', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('would send: 张伟 — 待提交：日报');
    expect(standin.messages()).toHaveLength(0);

    const real = await cli.run('tick', '--at', '2026-11-24T15:30:00+08:00', '--json');
    const report = JSON.parse(real.stdout);
    expect(report.enqueued.map((e: { title: string }) => e.title)).toContain('待提交：日报');
    expect(report.delivery).toMatchObject({ failed: 0 });
    expect(standin.messages({ chatId: standin.p2pChatId('ou_m1') }).map((m) => m.content.header.title.content)).toContain('待提交：日报');

    const again = await cli.run('tick', '--at', '2026-11-24T15:30:00+08:00');
    expect(again.stdout).not.toContain('sent:');
  }); // the first pass materialises a month of duties on embedded PGlite: ~25 s alone, more on a busy machine

  it('--at must be a time', async () => {
    const bad = await cli.run('tick', '--at', 'tomorrow');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--at must be an ISO-8601 time');
  });
});

describe.each(DRIVERS)('steward photos on %s', (driver) => {
  let standin: LarkStandin;
  beforeAll(async () => {
    standin = await startLarkStandin({ appId: APP_ID, appSecret: APP_SECRET, verificationToken: VERIFICATION_TOKEN });
  });
  afterAll(() => standin.close());
  const cli = useCliDatabase(driver, () => ({
    LARK_APP_ID: APP_ID,
    LARK_APP_SECRET: APP_SECRET,
    LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_DOMAIN: standin.url,
  }));

  it('an unknown record is a clear error; a bad id shows the usage', async () => {
    expect((await cli.run('org', 'import', EXAMPLE_ORG_PATH)).code).toBe(0);
    expect((await cli.run('photos', '999', '--out', cli.dir)).stderr).toContain('no record 999');
    expect((await cli.run('photos', 'x')).stderr).toContain('usage: steward photos RECORD_ID --out DIR');
  });
});
