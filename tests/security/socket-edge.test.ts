// Issue 16 over the long connection (no signature, no timestamp header): the same app, tenant and card-life checks as the webhook.
import { describe, expect, it } from 'vitest';
import { TOASTS } from '../../src/lark/cards/toasts.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { TENANT_KEY } from '../../src/sandbox/lark-standin/ids.ts';
import { useLarkWorld } from '../helpers/lark-world.ts';
import { DRIVERS } from '../helpers/test-db.ts';
import { envelope, stored, submitValueOf } from './attacker.ts';

const DAY_MS = 24 * 3600_000;

describe.each(DRIVERS)('the long connection under attack on %s', (driver) => {
  const clock = new FixedClock('2026-11-24T10:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01', connection: 'socket' });
  /** Sends a plain envelope of the attacker's making down the long connection, as Lark would. */
  const push = (plain: object) => w.standin.pushEvent('card.action.trigger', {}, { rawBody: JSON.stringify(plain), redeliver: false });
  const settled = async () => {
    await w.settle();
    return stored(w.db);
  };

  it('a card callback made more than 14 days ago is answered 「卡片已过期」 and stores nothing; one made now is filed', async () => {
    clock.set('2026-11-24T06:00:00+08:00');
    await w.tick();
    clock.set('2026-11-24T10:00:00+08:00');
    const form = await w.say('ou_m1', '日报');
    const event = {
      operator: { tenant_key: TENANT_KEY, open_id: 'ou_m1' },
      token: 'c-token',
      action: { value: submitValueOf(form.content), tag: 'button', name: 'submit', form_value: { done: '完成消防通道清理', plan: '' } },
      context: { open_message_id: form.messageId, open_chat_id: w.standin.p2pChatId('ou_m1') },
    };
    const before = await settled();
    const old = await push(envelope('card.action.trigger', event, clock.now().getTime() - 15 * DAY_MS));
    expect(old.status).toBe(200);
    expect(JSON.parse(old.body).toast).toEqual({ type: 'error', content: TOASTS.cardExpired });
    expect(await settled()).toEqual(before);
    const now = await push(envelope('card.action.trigger', event, clock.now().getTime()));
    expect(JSON.parse(now.body).toast).toEqual({ type: 'success', content: '已提交' });
    expect((await settled()).submissions).toBe(1);
  });

  it('an event without app_id, or from a foreign tenant, is refused (the frame answers an error, Lark would re-send) and nothing is stored', async () => {
    await w.say('ou_m1', '帮助'); // a genuine push first: the tenant is known
    const before = await settled();
    const message = {
      sender: { sender_id: { open_id: 'ou_m1' }, sender_type: 'user', tenant_key: TENANT_KEY },
      message: {
        message_id: 'om_socket_attack',
        create_time: String(clock.now().getTime()),
        chat_id: w.standin.p2pChatId('ou_m1'),
        chat_type: 'p2p',
        message_type: 'text',
        content: JSON.stringify({ text: '帮助' }),
      },
    };
    for (const header of [{ app_id: undefined }, { tenant_key: 'tenant_other_company' }, { tenant_key: undefined }]) {
      const res = await push(envelope('im.message.receive_v1', message, clock.now().getTime(), header));
      expect(res.ok, JSON.stringify(header)).toBe(false);
      expect(res.status).not.toBe(200);
    }
    expect(await settled()).toEqual(before);
  });
});
