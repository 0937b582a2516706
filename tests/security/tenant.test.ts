// Issue 16, point 5: the tenant a push must come from — LARK_TENANT_KEY when set, else learned from the first genuine
// push and stored, so a second instance (or a restart) refuses a foreign tenant from its very first push.
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { larkTenants } from '../../src/db/schema/index.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import type { Service } from '../../src/service.ts';
import { APP_ID, APP_SECRET, ENCRYPT_KEY, VERIFICATION_TOKEN } from '../helpers/lark-world.ts';
import { importExampleOrg } from '../helpers/org.ts';
import { testService } from '../helpers/service.ts';
import { DRIVERS, useTestDatabase } from '../helpers/test-db.ts';
import { attacker } from './attacker.ts';

const ENV = {
  LARK_APP_ID: APP_ID,
  LARK_APP_SECRET: APP_SECRET,
  LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
  LARK_ENCRYPT_KEY: ENCRYPT_KEY,
  LARK_DOMAIN: 'http://127.0.0.1:9',
};

describe.each(DRIVERS)('the tenant of every push on %s', (driver) => {
  const t = useTestDatabase(driver);
  const clock = new FixedClock('2026-11-24T10:00:00+08:00');
  const services: Service[] = [];
  /** A service on the test database, listening, and an attacker aimed at it. */
  async function instance(env: Record<string, string> = {}) {
    const service = await testService(t.database, { ...ENV, ...env }, { clock, scheduler: false });
    services.push(service);
    const address = await service.app.listen({ port: 0, host: '127.0.0.1' });
    return attacker({ url: () => `${address}/lark/webhook`, clock, chatOf: (openId) => `oc_p2p_${openId}` });
  }
  const inbound = async () => {
    const res = (await t.db.execute(sql`select count(*)::int as n from inbound_events where status <> 'seen'`)) as unknown as
      | { rows: { n: number }[] }
      | { n: number }[];
    return (Array.isArray(res) ? res : res.rows)[0]!.n;
  };
  const tenants = () => t.db.select({ appId: larkTenants.appId, tenantKey: larkTenants.tenantKey }).from(larkTenants);

  beforeEach(async () => {
    await t.reset();
    await importExampleOrg(t.db);
  });
  afterEach(async () => {
    for (const s of services.splice(0)) await s.close();
  });

  it('unset: the first push that passes every other check teaches the tenant; a foreign one is refused here and by a second instance from its first push', async () => {
    const first = await instance();
    expect((await first.message({ user: 'ou_m1', text: '帮助', header: { tenant_key: 'tenant_ours' } })).status).toBe(200);
    expect(await tenants()).toEqual([{ appId: APP_ID, tenantKey: 'tenant_ours' }]);
    expect((await first.message({ user: 'ou_m1', text: '帮助', header: { tenant_key: 'tenant_theirs' } })).status).toBe(401);
    expect(await inbound()).toBe(1);

    const second = await instance(); // a restart, or another instance on the same database
    expect((await second.message({ user: 'ou_m1', text: '帮助', header: { tenant_key: 'tenant_theirs' } })).status).toBe(401);
    expect(
      (await second.click({ user: 'ou_m1', messageId: 'om_card', value: { a: 'settings.open' }, header: { tenant_key: 'tenant_theirs' } }))
        .status,
    ).toBe(401);
    expect((await second.message({ user: 'ou_m1', text: '帮助', header: { tenant_key: 'tenant_ours' } })).status).toBe(200);
    expect(await inbound()).toBe(2);
    expect(await tenants()).toEqual([{ appId: APP_ID, tenantKey: 'tenant_ours' }]);
  });

  it('a push that fails another check (a wrong token) teaches nothing', async () => {
    const bot = await instance();
    expect(
      (await bot.message({ user: 'ou_m1', text: '帮助', header: { tenant_key: 'tenant_theirs', token: 'not-the-token' } })).status,
    ).toBe(401);
    expect(await tenants()).toEqual([]);
    expect((await bot.message({ user: 'ou_m1', text: '帮助', header: { tenant_key: 'tenant_ours' } })).status).toBe(200);
    expect(await tenants()).toEqual([{ appId: APP_ID, tenantKey: 'tenant_ours' }]);
  });

  it('set (LARK_TENANT_KEY): only that tenant is served, from the first push on, and nothing is learned', async () => {
    const bot = await instance({ LARK_TENANT_KEY: 'tenant_configured' });
    expect((await bot.message({ user: 'ou_m1', text: '帮助', header: { tenant_key: 'tenant_other' } })).status).toBe(401);
    const click = await bot.click({
      user: 'ou_m1',
      messageId: 'om_card',
      value: { a: 'settings.save', p: 'm1' },
      formValue: { morning_time: '09:00 +0800' },
      header: { tenant_key: 'tenant_other' },
    });
    expect(click.status).toBe(401);
    expect(await inbound()).toBe(0);
    expect((await bot.message({ user: 'ou_m1', text: '帮助', header: { tenant_key: 'tenant_configured' } })).status).toBe(200);
    expect(await inbound()).toBe(1);
    expect(await tenants()).toEqual([]);
  });
});
