// org import resolves people given by email/mobile through the Lark directory (the stand-in) and reports who it cannot find.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLarkStandin, type LarkStandin } from '../../src/sandbox/lark-standin/index.ts';
import { useCliDatabase } from '../helpers/cli.ts';
import { APP_ID, APP_SECRET, ENCRYPT_KEY, VERIFICATION_TOKEN } from '../helpers/lark-world.ts';
import { EXAMPLE_ORG_PATH } from '../helpers/org.ts';
import { DRIVERS } from '../helpers/test-db.ts';

describe.each(DRIVERS)('org import with the Lark directory on %s', (driver) => {
  let standin: LarkStandin;
  beforeAll(async () => {
    standin = await startLarkStandin({ appId: APP_ID, appSecret: APP_SECRET, verificationToken: VERIFICATION_TOKEN });
    standin.addUser({ openId: 'ou_l1', name: '李强', email: 'li@example.com' });
  });
  afterAll(() => standin.close());
  // registered after the stand-in's hooks, so its URL is known when the runner is made
  const cli = useCliDatabase(driver, () => ({
    LARK_APP_ID: APP_ID,
    LARK_APP_SECRET: APP_SECRET,
    LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_DOMAIN: standin.url,
  }));
  const run = (...argv: string[]) => cli.run(...argv);
  const dir = cli.dir;

  it('a leader given by email gets their open_id; a person the directory does not know is reported by name', async () => {
    const file = path.join(dir, 'org.yaml');
    const text = readFileSync(EXAMPLE_ORG_PATH, 'utf8').replace(
      '  - { id: q1,',
      '  - { id: q2, name: 钱多, email: qian@example.com, roles: [quality] }\n  - { id: q1,',
    );
    writeFileSync(file, text);
    const res = await run('org', 'import', file);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('q2 钱多 (qian@example.com): not found in the Lark directory');
    const org = JSON.parse((await run('org', 'show', '--json')).stdout);
    const byId = Object.fromEntries(org.people.map((p: { id: string }) => [p.id, p]));
    expect(byId.l1.openId).toBe('ou_l1');
    expect(byId.q2.openId).toBeNull();

    // a re-import keeps the resolved open_id and changes nothing
    const again = await run('org', 'import', file, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ peopleUpdated: 0, resolved: [], unresolved: [{ id: 'q2', reason: 'not_found' }] });
  });
});
