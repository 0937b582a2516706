// Issue 16, the edge: replays (the ±5 min timestamp window, card life), missing app ids and foreign tenants, and event
// shapes that used to answer 503 for ever — each sent signed and encrypted to the real webhook, answered, nothing stored.
import { beforeEach, describe, expect, it } from 'vitest';
import { TOASTS } from '../../src/lark/cards/toasts.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { TENANT_KEY } from '../../src/sandbox/lark-standin/ids.ts';
import { useLarkWorld } from '../helpers/lark-world.ts';
import { DRIVERS } from '../helpers/test-db.ts';
import { attacker, envelope, stored, submitValueOf, worldTarget } from './attacker.ts';

const DAILY = { done: '完成消防通道清理；协调3户漏水维修', plan: '明日跟进车库照明' };
const DAY_MS = 24 * 3600_000;

describe.each(DRIVERS)('the webhook edge under attack on %s', (driver) => {
  const clock = new FixedClock('2026-11-24T10:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01' });
  const evil = attacker(worldTarget(w, clock));
  const nowS = () => Math.floor(clock.now().getTime() / 1000);
  const settled = async () => {
    await w.settle();
    return stored(w.db);
  };
  /** The daily report's form card as the bot sent it (a real card, with its nonce and duty). */
  const dailyCard = async () => {
    const m = await w.say('ou_m1', '日报');
    return { messageId: m.messageId, value: submitValueOf(m.content) };
  };

  beforeEach(async () => {
    clock.set('2026-11-24T06:00:00+08:00');
    await w.tick();
    clock.set('2026-11-24T10:00:00+08:00');
  });

  it('a correctly signed message 90 days old, or 6 minutes ahead, or with a timestamp that is no time, is refused (401): nothing stored, nothing answered', async () => {
    const before = await settled();
    const sent = w.standin.messages().length;
    for (const timestamp of [String(nowS() - 90 * 86_400), String(nowS() + 6 * 60), String(nowS() - 5 * 60 - 1), 'yesterday', '']) {
      const res = await evil.message({ user: 'ou_m1', text: '帮助', timestamp });
      expect(res.status, timestamp).toBe(401);
    }
    expect(await settled()).toEqual(before);
    expect(w.standin.messages()).toHaveLength(sent);
  });

  it('inside the window the same message is accepted: 4 minutes old, in milliseconds, or as Go writes a time', async () => {
    const go = '2026-11-24 09:58:00.05 +0800 CST m=+3612.1'; // 2 minutes before the clock
    for (const timestamp of [String(nowS() - 4 * 60), String(clock.now().getTime() + 60_000), go]) {
      const res = await evil.message({ user: 'ou_m1', text: '帮助', timestamp });
      expect(res.status, timestamp).toBe(200);
    }
    expect((await settled()).inbound_events).toBe(3);
  });

  it('a correctly signed card submit 90 days old is refused (401): no record, no click record, no forward', async () => {
    const card = await dailyCard();
    const before = await settled();
    const res = await evil.click({
      user: 'ou_m1',
      messageId: card.messageId,
      value: card.value,
      formValue: DAILY,
      timestamp: String(nowS() - 90 * 86_400),
    });
    expect(res.status).toBe(401);
    expect(await settled()).toEqual(before);
    // the same submit, fresh, is filed: only the time was wrong
    expect((await evil.click({ user: 'ou_m1', messageId: card.messageId, value: card.value, formValue: DAILY })).toast).toEqual({
      type: 'success',
      content: '已提交',
    });
  });

  it('a card callback made more than 14 days ago is answered 「卡片已过期」 even when freshly signed, and stores nothing', async () => {
    const card = await dailyCard();
    const before = await settled();
    const made = (clock.now().getTime() - 15 * DAY_MS) * 1000; // card callbacks carry microseconds
    const res = await evil.click({
      user: 'ou_m1',
      messageId: card.messageId,
      value: card.value,
      formValue: DAILY,
      header: { create_time: String(made) },
    });
    expect(res.status).toBe(200);
    expect(res.toast).toEqual({ type: 'error', content: TOASTS.cardExpired });
    expect(await settled()).toEqual(before);
    // 13 days is within a card's life
    const recent = (clock.now().getTime() - 13 * DAY_MS) * 1000;
    expect(
      (
        await evil.click({
          user: 'ou_m1',
          messageId: card.messageId,
          value: card.value,
          formValue: DAILY,
          header: { create_time: String(recent) },
        })
      ).toast?.type,
    ).toBe('success');
  });

  it('an envelope without app_id or tenant_key, or from a foreign tenant, is refused (401) and nothing is stored', async () => {
    // the stand-in's genuine pushes have taught the bot its tenant (tests/security/tenant.test.ts: learned and stored)
    const card = await dailyCard();
    const before = await settled();
    for (const header of [{ app_id: undefined }, { app_id: '' }, { tenant_key: undefined }, { tenant_key: 'tenant_other_company' }]) {
      expect((await evil.message({ user: 'ou_m1', text: '帮助', header })).status, JSON.stringify(header)).toBe(401);
      expect(
        (await evil.click({ user: 'ou_m1', messageId: card.messageId, value: card.value, formValue: DAILY, header })).status,
        JSON.stringify(header),
      ).toBe(401);
    }
    expect(await settled()).toEqual(before);
    // the stand-in's own tenant is still served
    expect((await evil.message({ user: 'ou_m1', text: '帮助', header: { tenant_key: TENANT_KEY } })).status).toBe(200);
  });

  it('a NUL or a control character in event_type, event_id or message_id is a 400 on every delivery, never a 503; nothing stored', async () => {
    const before = await settled();
    const message = (id: string) => ({
      sender: { sender_id: { open_id: 'ou_m1' }, sender_type: 'user', tenant_key: TENANT_KEY },
      message: {
        message_id: id,
        create_time: String(clock.now().getTime()),
        chat_id: w.standin.p2pChatId('ou_m1'),
        chat_type: 'p2p',
        message_type: 'text',
        content: JSON.stringify({ text: '帮助' }),
      },
    });
    const now = clock.now().getTime();
    const shapes = [
      envelope('im.message.receive_v1\u0000', message('om_ok1'), now),
      envelope('im.message.receive_v1', message('om_ok2'), now, { event_id: 'evt\u0000id' }),
      envelope('im.message.receive_v1', message('om_a\u0000b'), now),
      envelope('im.message.receive_v1', message('om_a\nb'), now),
      envelope('im.message.receive_v1', message('om_\ud800'), now),
      envelope('contact.user.created_v3', {}, now, { event_id: 'e\u0007' }),
    ];
    for (const shape of shapes) {
      for (let delivery = 0; delivery < 2; delivery++) expect((await evil.post(shape)).status, JSON.stringify(shape.header)).toBe(400);
    }
    expect(await settled()).toEqual(before);
  });

  it('a 200,000-deep array in an event is a 400; in a card callback an error toast; nothing stored and the service answers on', async () => {
    const before = await settled();
    const deep = `${'['.repeat(200_000)}1${']'.repeat(200_000)}`;
    const event = JSON.stringify(envelope('im.message.receive_v1', { nested: 'RAW' }, clock.now().getTime())).replace('"RAW"', () => deep);
    expect((await evil.post(event)).status).toBe(400);
    const unknown = JSON.stringify(envelope('fuzz.unknown_v1', { nested: 'RAW' }, clock.now().getTime())).replace('"RAW"', () => deep);
    expect((await evil.post(unknown)).status).toBe(400);
    const card = await dailyCard();
    const afterCard = await settled();
    const res = await evil.click({ user: 'ou_m1', messageId: card.messageId, value: card.value, formValueJson: `{"done":${deep}}` });
    expect(res.toast).toEqual({ type: 'error', content: TOASTS.badCardValue });
    expect(await settled()).toEqual(afterCard);
    expect(afterCard.inbound_events).toBe(before.inbound_events + 1); // the 日报 message only
    expect((await w.say('ou_m1', '帮助')).content).toBeDefined();
  });

  it('an ordinary day still works end to end through every check: the form is filed and forwarded', async () => {
    const card = await dailyCard();
    const res = await w.standin.submitForm({ messageId: card.messageId, user: 'ou_m1', values: DAILY });
    expect(res.toast).toEqual({ type: 'success', content: '已提交' });
    await w.flush();
    expect(JSON.stringify(w.lastTo('ou_a1').content)).toContain('完成消防通道清理');
    expect((await stored(w.db)).submissions).toBe(1);
  });
});
