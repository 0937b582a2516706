// What an attacker holding the app's secrets sends: envelopes they shape themselves, encrypted and signed as Lark does, POSTed to the bot's real webhook.
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { Clock } from '../../src/lib/clock.ts';
import { buttonValue, findSubmit } from '../../src/sandbox/lark-standin/cards.ts';
import { TENANT_KEY } from '../../src/sandbox/lark-standin/ids.ts';
import { APP_ID, ENCRYPT_KEY, VERIFICATION_TOKEN, type World } from '../helpers/lark-world.ts';

export interface Header {
  event_id: string;
  token: string;
  create_time: string;
  event_type: string;
  tenant_key: string;
  app_id: string;
}

export interface Answer {
  status: number;
  /** the card callback's toast, when it answered one */
  toast?: { type: string; content: string };
  body: string;
}

/** base64(iv ‖ AES-256-CBC(plaintext)) with key SHA-256(encrypt key), written here independently of src/lark/crypto.ts. */
function encrypt(plaintext: string): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', createHash('sha256').update(ENCRYPT_KEY).digest(), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/** The envelope a card callback or event arrives in; `header` overrides (or, with undefined, removes) header fields. */
export function envelope(
  eventType: string,
  event: unknown,
  createTimeMs: number,
  header: Partial<Record<keyof Header, string | undefined>> = {},
) {
  const h: Record<string, string | undefined> = {
    event_id: randomBytes(16).toString('hex'),
    token: VERIFICATION_TOKEN,
    create_time: eventType === 'card.action.trigger' ? `${createTimeMs * 1000}` : `${createTimeMs}`,
    event_type: eventType,
    tenant_key: TENANT_KEY,
    app_id: APP_ID,
    ...header,
  };
  for (const k of Object.keys(h)) if (h[k] === undefined) delete h[k];
  return { schema: '2.0', header: h, event };
}

/** Where the bot listens and what time it is there; a chat id for a person's p2p chat (the stand-in's, in a world). */
export interface Target {
  url(): string;
  clock: Clock;
  chatOf(openId: string): string;
}

export const worldTarget = (w: World, clock: Clock): Target => ({
  url: () => `http://127.0.0.1:${(w.service.app.server.address() as AddressInfo).port}/lark/webhook`,
  clock,
  chatOf: (openId) => w.standin.p2pChatId(openId),
});

const RAW = '\u0000raw form_value\u0000';

export function attacker({ url, clock, chatOf }: Target) {
  /** Encrypts, signs (timestamp: the bot's clock unless given) and POSTs a plain envelope, or raw bytes. */
  async function post(plain: object | string, o: { timestamp?: string } = {}): Promise<Answer> {
    const body = JSON.stringify({ encrypt: encrypt(typeof plain === 'string' ? plain : JSON.stringify(plain)) });
    const ts = o.timestamp ?? String(Math.floor(clock.now().getTime() / 1000));
    const nonce = randomBytes(8).toString('hex');
    const signature = createHash('sha256')
      .update(ts + nonce + ENCRYPT_KEY)
      .update(body)
      .digest('hex');
    const res = await fetch(url(), {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-lark-request-timestamp': ts,
        'x-lark-request-nonce': nonce,
        'x-lark-signature': signature,
      },
      body,
    });
    const text = await res.text();
    let toast: Answer['toast'];
    try {
      toast = (JSON.parse(text) as { toast?: Answer['toast'] }).toast;
    } catch {
      toast = undefined;
    }
    return { status: res.status, toast, body: text };
  }

  /** A card callback from `user` on a card message, with whatever value and form_value the attacker chooses. */
  /** `formValueJson`: the form_value as JSON text, spliced in as is (a value too deep for JSON.stringify to write). */
  function click(o: {
    user: string;
    messageId: string;
    value: unknown;
    formValue?: unknown;
    formValueJson?: string;
    header?: Partial<Record<keyof Header, string | undefined>>;
    timestamp?: string;
  }) {
    const event = {
      operator: { tenant_key: TENANT_KEY, open_id: o.user, union_id: '', user_id: '' },
      token: `c-${randomBytes(8).toString('hex')}`,
      action: {
        value: o.value,
        tag: 'button',
        timezone: 'Asia/Shanghai',
        name: 'submit',
        ...(o.formValueJson !== undefined ? { form_value: RAW } : o.formValue !== undefined ? { form_value: o.formValue } : {}),
      },
      host: 'im_message',
      context: { open_message_id: o.messageId, open_chat_id: chatOf(o.user) },
    };
    const plain = envelope('card.action.trigger', event, clock.now().getTime(), o.header);
    return post(o.formValueJson === undefined ? plain : JSON.stringify(plain).replace(JSON.stringify(RAW), () => o.formValueJson!), {
      timestamp: o.timestamp,
    });
  }

  /** A text message from `user` to the bot. */
  function message(o: {
    user: string;
    text: string;
    messageId?: string;
    header?: Partial<Record<keyof Header, string | undefined>>;
    timestamp?: string;
  }) {
    const event = {
      sender: { sender_id: { open_id: o.user, union_id: '', user_id: '' }, sender_type: 'user', tenant_key: TENANT_KEY },
      message: {
        message_id: o.messageId ?? `om_${randomBytes(16).toString('hex')}`,
        create_time: String(clock.now().getTime()),
        chat_id: chatOf(o.user),
        chat_type: 'p2p',
        message_type: 'text',
        content: JSON.stringify({ text: o.text }),
      },
    };
    return post(envelope('im.message.receive_v1', event, clock.now().getTime(), o.header), { timestamp: o.timestamp });
  }

  return { post, click, message };
}

/** The value a form card's submit button carries (what Lark sends back when it is submitted). */
export function submitValueOf(content: unknown): Record<string, unknown> {
  const found = findSubmit(content as Record<string, unknown>);
  if (!found) throw new Error('no form submit in this card');
  return buttonValue(found.button) as Record<string, unknown>;
}

/** What the bot has stored: every table a click or an event could write to. */
export async function stored(db: World['db']) {
  const res = (await db.execute(sql`select
    (select count(*)::int from submissions) as submissions,
    (select count(*)::int from submissions where superseded_at is null) as live,
    (select count(*)::int from card_actions) as card_actions,
    (select count(*)::int from outbox) as outbox,
    (select count(*)::int from inbound_events where status <> 'seen') as inbound_events,
    (select count(*)::int from complaints) as complaints,
    (select count(*)::int from ledger) as ledger`)) as unknown as { rows: Record<string, number>[] } | Record<string, number>[];
  return (Array.isArray(res) ? res : res.rows)[0]!;
}
