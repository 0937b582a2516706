// Issue 26, points 5 and 6: an event id reused with another message, card-life read in every timestamp form, and
// webhook mode without an encrypt key — each sent as the exact request to the real webhook (or the real process).
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.ts';
import { TOASTS } from '../../src/lark/cards/toasts.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { TENANT_KEY } from '../../src/sandbox/lark-standin/ids.ts';
import { tempDir } from '../helpers/cli.ts';
import { APP_ID, APP_SECRET, useLarkWorld, VERIFICATION_TOKEN } from '../helpers/lark-world.ts';
import { ensureBuilt, start } from '../helpers/spawn.ts';
import { DRIVERS } from '../helpers/test-db.ts';
import { attacker, envelope, stored, submitValueOf, worldTarget } from './attacker.ts';

const DAILY = { done: '完成消防通道清理；协调3户漏水维修', plan: '明日跟进车库照明' };
const DAY_MS = 24 * 3600_000;

/** A text message event from ou_m1 in their chat with the bot. */
const messageEvent = (chatId: string, messageId: string, text: string, at: number) => ({
  sender: { sender_id: { open_id: 'ou_m1', union_id: '', user_id: '' }, sender_type: 'user', tenant_key: TENANT_KEY },
  message: {
    message_id: messageId,
    create_time: String(at),
    chat_id: chatId,
    chat_type: 'p2p',
    message_type: 'text',
    content: JSON.stringify({ text }),
  },
});

describe.each(DRIVERS)('event ids and card age at the webhook on %s', (driver) => {
  const clock = new FixedClock('2026-11-24T10:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01' });
  const evil = attacker(worldTarget(w, clock));
  const settled = async () => {
    await w.settle();
    return stored(w.db);
  };
  const dailyCard = async () => {
    const m = await w.say('ou_m1', '日报');
    return { messageId: m.messageId, value: submitValueOf(m.content) };
  };

  beforeEach(async () => {
    clock.set('2026-11-24T06:00:00+08:00');
    await w.tick();
    clock.set('2026-11-24T10:00:00+08:00');
  });

  it('a message event reusing an event id with another message is acknowledged and not handled again; so is a message id under a new event id', async () => {
    const chat = w.standin.p2pChatId('ou_m1');
    const now = clock.now().getTime();
    const eventId = randomBytes(16).toString('hex');
    const first = envelope('im.message.receive_v1', messageEvent(chat, `om_${randomBytes(8).toString('hex')}`, '帮助', now), now, {
      event_id: eventId,
    });
    expect((await evil.post(first)).status).toBe(200);
    const before = await settled();
    const sent = w.standin.messages().length;
    expect(before.inbound_events).toBeGreaterThan(0);

    // the same event id with another message (and another text): answered 200, stored and handled never
    const reused = envelope('im.message.receive_v1', messageEvent(chat, `om_${randomBytes(8).toString('hex')}`, '日报', now), now, {
      event_id: eventId,
    });
    expect((await evil.post(reused)).status).toBe(200);
    // the first message again under a fresh event id (Lark's re-send): absorbed by its message id
    const resent = { ...first, header: { ...first.header, event_id: randomBytes(16).toString('hex') } };
    expect((await evil.post(resent)).status).toBe(200);
    // another event type under the message's event id is a repeat too
    expect((await evil.post(envelope('im.chat.member.bot.added_v1', { chat_id: chat }, now, { event_id: eventId }))).status).toBe(200);

    expect(await settled()).toEqual(before);
    expect(w.standin.messages()).toHaveLength(sent);
    // a new message under a new event id is handled as ever
    expect((await evil.message({ user: 'ou_m1', text: '帮助' })).status).toBe(200);
    await w.settle();
    expect(w.standin.messages()).toHaveLength(sent + 1);
  });

  it('a card submit whose create_time is written as Go or RFC 3339 writes a time two months ago is answered 「卡片已过期」 and files nothing', async () => {
    const card = await dailyCard();
    const before = await settled();
    for (const create_time of ['2026-09-24 10:00:00.05 +0800 CST m=+3612.1', '2026-09-24T10:00:00+08:00', '2026-09-24T02:00:00Z']) {
      const res = await evil.click({
        user: 'ou_m1',
        messageId: card.messageId,
        value: card.value,
        formValue: DAILY,
        header: { create_time },
      });
      expect(res.status, create_time).toBe(200);
      expect(res.toast, create_time).toEqual({ type: 'error', content: TOASTS.cardExpired });
    }
    expect(await settled()).toEqual(before);
    // the same forms an hour ago are within a card's life
    const recent = '2026-11-24 09:00:00.5 +0800 CST m=+12.5';
    const res = await evil.click({
      user: 'ou_m1',
      messageId: card.messageId,
      value: card.value,
      formValue: DAILY,
      header: { create_time: recent },
    });
    expect(res.toast).toEqual({ type: 'success', content: '已提交' });
  });

  it('a card submit without create_time, or with one that is no time, is refused and files nothing', async () => {
    const card = await dailyCard();
    const before = await settled();
    for (const create_time of [undefined, '', 'yesterday', '2026-09-24', '0x19a7c2d5e00', String(15 * DAY_MS)]) {
      const res = await evil.click({
        user: 'ou_m1',
        messageId: card.messageId,
        value: card.value,
        formValue: DAILY,
        header: { create_time },
      });
      expect(res.status, String(create_time)).toBe(200);
      expect(res.toast, String(create_time)).toEqual({ type: 'error', content: TOASTS.cardExpired });
    }
    expect(await settled()).toEqual(before);
  });
});

describe.each(DRIVERS)('webhook mode without an encrypt key, the risk accepted (LARK_ALLOW_UNSIGNED=1), on %s', (driver) => {
  const clock = new FixedClock('2026-11-24T10:00:00+08:00');
  const w = useLarkWorld(driver, {
    clock,
    orgDay: '2026-11-01',
    standin: { encryptKey: '' },
    env: { LARK_ENCRYPT_KEY: '', LARK_ALLOW_UNSIGNED: '1' },
  });
  /** POSTs a plain envelope with no signature headers, as Lark does without an encrypt key. */
  const unsigned = async (plain: object) => {
    const port = (w.service.app.server.address() as AddressInfo).port;
    const res = await fetch(`http://127.0.0.1:${port}/lark/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(plain),
    });
    const text = await res.text();
    return { status: res.status, toast: (JSON.parse(text) as { toast?: unknown }).toast };
  };

  it('starts and serves; an unsigned card submit without create_time, or made 90 days ago, is answered 「卡片已过期」 and files nothing', async () => {
    clock.set('2026-11-24T06:00:00+08:00');
    await w.tick();
    clock.set('2026-11-24T10:00:00+08:00');
    const m = await w.say('ou_m1', '日报');
    const value = submitValueOf(m.content);
    const before = await stored(w.db);
    const click = (createTime: string | undefined) =>
      envelope(
        'card.action.trigger',
        {
          operator: { tenant_key: TENANT_KEY, open_id: 'ou_m1', union_id: '', user_id: '' },
          token: `c-${randomBytes(8).toString('hex')}`,
          action: { value, tag: 'button', name: 'submit', form_value: DAILY },
          host: 'im_message',
          context: { open_message_id: m.messageId, open_chat_id: w.standin.p2pChatId('ou_m1') },
        },
        clock.now().getTime(),
        { create_time: createTime },
      );
    for (const createTime of [undefined, String((clock.now().getTime() - 90 * DAY_MS) * 1000)]) {
      const res = await unsigned(click(createTime));
      expect(res.status).toBe(200);
      expect(res.toast).toEqual({ type: 'error', content: TOASTS.cardExpired });
    }
    await w.settle();
    expect(await stored(w.db)).toEqual(before);
    expect((await unsigned(click(`${clock.now().getTime() * 1000}`))).toast).toEqual({
      type: 'success',
      content: '已提交',
    });
  });
});

describe('webhook mode without an encrypt key', () => {
  beforeAll(ensureBuilt);
  const lark = { LARK_APP_ID: APP_ID, LARK_APP_SECRET: APP_SECRET, LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN };

  it('does not start: the process stops with one line saying to set LARK_ENCRYPT_KEY, socket mode or LARK_ALLOW_UNSIGNED=1, exit 1', async () => {
    const proc = start(process.execPath, ['dist/main.js'], {
      ...lark,
      LARK_ENCRYPT_KEY: '',
      LARK_ALLOW_UNSIGNED: '',
      LARK_CONNECTION: '',
      DATABASE_URL: '',
      TEST_DATABASE_URL: '',
      DATA_DIR: path.join(tempDir(), 'data'),
      PORT: '1',
    });
    expect(await proc.exited).toBe(1);
    const lines = proc.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^steward: .*LARK_ENCRYPT_KEY \(unset\) is required for LARK_CONNECTION=webhook/);
    expect(lines[0]).toContain('LARK_ALLOW_UNSIGNED=1 to accept the risk');
    expect(proc.output()).not.toContain(APP_SECRET);
  });

  it('starts with LARK_ALLOW_UNSIGNED=1; the long connection needs neither the key nor that setting; anything but 1 or 0 is refused', () => {
    expect(readConfig({ ...lark, LARK_ALLOW_UNSIGNED: '1' }).LARK_ALLOW_UNSIGNED).toBe(true);
    expect(() => readConfig({ ...lark, LARK_ALLOW_UNSIGNED: '0' })).toThrow(/LARK_ENCRYPT_KEY \(unset\) is required/);
    expect(() => readConfig({ ...lark, LARK_ALLOW_UNSIGNED: 'yes' })).toThrow(/LARK_ALLOW_UNSIGNED \("yes"\) must be 1 or 0/);
    const socket = readConfig({ LARK_APP_ID: 'cli_a1b2c3d4e5f60718', LARK_APP_SECRET: APP_SECRET, LARK_CONNECTION: 'socket' });
    expect(socket.LARK_ALLOW_UNSIGNED).toBe(false);
    expect(readConfig({ ...lark, LARK_ENCRYPT_KEY: 'k' }).LARK_ENCRYPT_KEY).toBe('k');
  });
});
