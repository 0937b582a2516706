// Fuzzing the Lark webhook through app.inject with a seeded PRNG: never a 500, always answering, nothing stored from a refusal.
// Besides malformed, oversized and badly signed requests, the shapes of issue 16: stale or unreadable timestamps, missing
// app ids and foreign tenants, NULs in ids, arrays nested to 200,000 levels, and record submits tampered with (nonces,
// duty and edit ids out of range, other centers, cards older than 14 days, deep form values, bidi overrides).
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOASTS } from '../../src/lark/cards/toasts.ts';
import { encryptPayload } from '../../src/lark/crypto.ts';
import type { Service } from '../../src/service.ts';
import { importExampleOrg } from '../helpers/org.ts';
import { testService } from '../helpers/service.ts';
import { settleInbound } from '../helpers/settle.ts';
import { useTestDatabase } from '../helpers/test-db.ts';

const APP_ID = 'cli_a1b2c3d4e5f60718';
const TOKEN = 'vt_fuzz_token';
const KEY = 'ek_fuzz_encrypt_key';
/** testService's clock, 2026-11-27T00:00:00Z, in Unix seconds (what X-Lark-Request-Timestamp carries) */
const NOW_S = String(Date.parse('2026-11-27T00:00:00Z') / 1000);
const env = {
  LARK_APP_ID: APP_ID,
  LARK_APP_SECRET: 'secret',
  LARK_VERIFICATION_TOKEN: TOKEN,
  LARK_ENCRYPT_KEY: KEY,
  LARK_DOMAIN: 'http://127.0.0.1:9',
};

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const MAX_CASES = 5000;
const MAX_MS = 150_000;

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** mulberry32: small, seeded, reproducible. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  return { next, int, pick, bytes };
}
type Rng = ReturnType<typeof prng>;

const ODD = [
  '\ud800',
  '\udfff',
  '\u202e',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u0000',
  '🏢',
  '👨‍👩‍👧',
  'Ω',
  '物服',
  '\u0301',
  'ﷺ',
  '\n',
  '"',
  '\\',
  '<script>',
  "' or 1=1 --",
  '%s%n',
  '\u2028',
];

function oddText(r: Rng, max = 40): string {
  const n = r.int(max) + 1;
  let s = '';
  for (let i = 0; i < n; i++) s += r.next() < 0.5 ? r.pick(ODD) : String.fromCharCode(32 + r.int(0x3000));
  return s;
}

/** A random JSON value of any type, with odd strings and numbers. */
function oddValue(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 2 ? 6 : 8)) {
    case 0:
      return null;
    case 1:
      return r.pick([true, false]);
    case 2:
      return r.pick([0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, -0.0, 99999999999]);
    case 3:
      return oddText(r);
    case 4:
      return r.pick([
        '',
        ' ',
        '25:99 +0800',
        '2026-13-45 +0800',
        '00:00 +0800',
        '23:59 +0800',
        '9999-12-31 +0800',
        '1900-01-01 +0800',
        'NaN',
        '-1',
        '101',
        '1e9',
      ]);
    case 5:
      return 'x'.repeat(r.pick([1, 100, 5000, 200_000]));
    case 6:
      return Array.from({ length: r.int(4) }, () => oddValue(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: r.int(4) }, () => [oddText(r, 6), oddValue(r, depth + 1)]));
  }
}

interface Req {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  payload: string | Buffer;
}

/** `ts`: X-Lark-Request-Timestamp, by default the test service's clock (signatures are checked within ±5 min of it). */
function signedRaw(body: string | Buffer, how: 'valid' | 'forged' | 'none' | 'partial' = 'valid', ts = NOW_S): Req {
  const nonce = 'n0nce';
  const sig = createHash('sha256')
    .update(ts + nonce + KEY)
    .update(body)
    .digest('hex');
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (how !== 'none') {
    headers['x-lark-request-timestamp'] = ts;
    if (how !== 'partial') headers['x-lark-request-nonce'] = nonce;
    headers['x-lark-signature'] = how === 'forged' ? sig.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) : sig;
  }
  return { method: 'POST', url: '/lark/webhook', headers, payload: body };
}

const sealed = (plain: string, how: Parameters<typeof signedRaw>[1] = 'valid', ts?: string) =>
  signedRaw(JSON.stringify({ encrypt: encryptPayload(KEY, plain) }), how, ts);

type HeaderOver = { token?: unknown; appId?: unknown; tenantKey?: unknown; eventId?: unknown; createTime?: unknown };

/** A v2 envelope; a key given in `over` replaces that header field, and undefined removes it. */
function envelope(eventType: string, event: unknown, over: HeaderOver = {}) {
  const pick = (k: keyof HeaderOver, v: unknown) => (k in over ? over[k] : v);
  const header = {
    event_id: pick('eventId', randomBytes(16).toString('hex')),
    token: pick('token', TOKEN),
    create_time: pick('createTime', eventType === 'card.action.trigger' ? `${NOW_S}000000` : `${NOW_S}000`),
    event_type: eventType,
    tenant_key: pick('tenantKey', TENANT),
    app_id: pick('appId', APP_ID),
  };
  return { schema: '2.0', header: JSON.parse(JSON.stringify(header)) as Record<string, unknown>, event };
}

/** The tenant of every genuine push here (learned from the first one, before the fuzzing starts). */
const TENANT = 't';
const NOW_MS = Number(NOW_S) * 1000;
/** The event id of the genuine message pushed before the fuzzing starts. */
const GENUINE_EVENT_ID = 'evt_genuine_message';
const DAY_S = 86_400;
/** A night check that passes every field check: only what the case tampers with can refuse it. */
const GOOD_NIGHT = { night: '2026-11-23 +0800', time: '22:40 +0800', posts: ['大门岗', '监控中心'], asleep: '0', signed: 'yes', notes: '' };
const BIDI = ['\u202e', '\u202d', '\u202a', '\u2066', '\u2069'];
const nonceHex = () => randomBytes(8).toString('hex');

/** JSON text of an array nested `depth` levels around a value (built as text: JSON.stringify would overflow the stack). */
const deepJson = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
/** An envelope's JSON with `deep` spliced in place of the string "DEEP". */
const withDeep = (plain: object, deep: string) => JSON.stringify(plain).replace('"DEEP"', () => deep);

const USERS = ['ou_m1', 'ou_v1', 'ou_a1', 'ou_q1', 'ou_nobody'];

/** A card submit for one of the three save actions, with values out of range or of the wrong type. */
function badSubmit(r: Rng) {
  const user = r.next() < 0.8 ? r.pick(['ou_m1', 'ou_a1']) : r.pick(USERS);
  const kind = r.int(3);
  let value: Record<string, unknown>;
  let form: Record<string, unknown>;
  if (kind === 0) {
    value = { a: 'settings.save', p: r.next() < 0.8 ? 'm1' : oddValue(r) };
    form = {
      morning_time: r.pick([
        '07:59 +0800',
        '12:01 +0800',
        '23:30 +0800',
        '8:30',
        '08:30',
        '',
        '99:99 +0800',
        830,
        null,
        ['08:30 +0800'],
        { t: 1 },
        oddText(r),
      ]),
    };
  } else if (kind === 1) {
    value = {
      a: 'record.submit',
      f: r.next() < 0.7 ? r.pick(['daily_report', 'night_check']) : oddValue(r),
      p: r.next() < 0.8 ? 'm1' : oddValue(r),
      c: 'C001',
      d: r.pick([0, 0, -1, 'abc', 1e12, null]),
      n: nonceHex(),
    };
    form = r.pick([
      { done: '', plan: '' },
      { done: 'x'.repeat(r.pick([2001, 20_000, 300_000])) },
      { done: 42, plan: ['a'] },
      { done: { nested: true } },
      { time: '14:00 +0800', posts: ['大门岗'], asleep: '0', signed: true },
      { time: '22:40 +0800', posts: 'not-a-list', asleep: '-3', signed: true },
      { time: '22:40 +0800', posts: ['大门岗'], asleep: '51', signed: true },
      { time: '22:40 +0800', posts: ['不存在的岗位'], asleep: 'NaN', signed: 'yes' },
      { time: 2240, posts: [null], asleep: 1e308, signed: false },
    ]);
  } else {
    value = { a: 'leave.save', by: r.next() < 0.8 ? 'a1' : oddValue(r) };
    form = r.pick([
      { person: 'm1', from: '2026-12-05 +0800', to: '2026-12-01 +0800' },
      { person: 'm1', from: '2026-11-01 +0800', to: '2027-06-01 +0800' },
      { person: 'm1', from: '2025-01-01 +0800', to: '2025-01-02 +0800' },
      { person: 'nobody', from: '2026-11-30 +0800', to: '2026-11-30 +0800' },
      { person: 'm1', from: 'tomorrow', to: 20261130 },
      { person: ['m1'], from: null, to: null },
      { person: 'm1', from: '2026-11-30 +0800', to: '2026-11-30 +0800', reason: 'x'.repeat(51) },
    ]);
  }
  if (r.next() < 0.3) form = { ...form, [oddText(r, 5)]: oddValue(r) };
  return envelope('card.action.trigger', {
    operator: { open_id: user },
    token: 'c-token',
    action: { tag: 'button', value: r.next() < 0.1 ? JSON.stringify(value) : value, form_value: form },
    context: { open_message_id: `om_${randomBytes(8).toString('hex')}`, open_chat_id: `oc_p2p_${user}` },
  });
}

/** absorbed: 200, acknowledged as a repeat, nothing stored */
type Expect = 'refused' | 'any' | 'error-toast' | 'refused-toast' | 'absorbed';
interface Case {
  name: string;
  req: Req;
  expect: Expect;
}

/** A record submit from m1's night-check card, tampered with one way or another: always an error toast, nothing stored. */
function tamperedSubmit(r: Rng): { name: string; plain: string } {
  const value: Record<string, unknown> = { a: 'record.submit', f: 'night_check', p: 'm1', c: 'C001', d: 0, n: nonceHex() };
  let form: Record<string, unknown> | string = { ...GOOD_NIGHT, notes: `正常${r.pick(BIDI)}备注` };
  let over: HeaderOver = {};
  const how = r.int(8);
  let name: string;
  if (how === 0) {
    name = 'nonce missing or malformed';
    const n = r.pick([undefined, '', 7, null, ['a'], 'short', 'x'.repeat(16), 'ABCDEF0123456789', oddText(r, 8)]);
    if (n === undefined) delete value.n;
    else value.n = n;
  } else if (how === 1) {
    name = 'duty id out of range';
    value.d = r.pick([999_999_999_999, 1e30, 2 ** 31, -1, 1.5, 'abc', '12abc', [1], { id: 1 }, Number.MAX_SAFE_INTEGER]);
  } else if (how === 2) {
    name = 'edit id out of range or unknown';
    value.e = r.pick([999_999_999_999, 1e30, 2 ** 31, -3, 0.5, 'NaN', 2_000_000_000, 2_147_483_647]); // the last two fit, and name no record
    if (r.next() < 0.5) value.d = 0;
  } else if (how === 3) {
    name = 'another center or person';
    Object.assign(
      value,
      r.pick([{ c: 'C002' }, { c: '' }, { c: oddText(r, 6) }, { p: 'v1' }, { p: 'q1', c: 'C001' }, { p: oddText(r, 4) }]),
    );
  } else if (how === 4) {
    name = 'card older than 14 days, or of no time';
    const old = NOW_MS - (15 + r.int(100)) * DAY_S * 1000;
    // Go's time.String() in +0800, as a card callback has been seen to carry
    const go = `${new Date(old + 8 * 3600_000).toISOString().replace('T', ' ').replace('Z', '')} +0800 CST m=+3612.1`;
    over = {
      createTime: r.pick([String(old * 1000), String(old), go, new Date(old).toISOString(), undefined, '', 'yesterday', '2026-11-27']),
    };
  } else if (how === 5) {
    name = 'form value nested too deep';
    form = `{"notes":${deepJson(r.pick([7, 40, 5000]))}}`;
  } else if (how === 6) {
    name = 'other ids in card values';
    Object.assign(
      value,
      r.pick([
        { a: 'record.edit', s: r.pick([1e30, 999_999_999_999, 'NaN', -1]) },
        { a: 'record.open', d: r.pick([1e30, 999_999_999_999, 'x']) },
        { a: 'complaint.open', id: r.pick([1e30, 999_999_999_999, 'abc']) },
        { a: 'followup.close', id: r.pick([1e30, 999_999_999_999, 'abc']) },
      ]),
    );
  } else {
    name = 'form value from another form';
    form = { done: '日报内容', plan: '' };
    value.n = r.pick([nonceHex(), '']);
  }
  const event = {
    operator: { open_id: 'ou_m1' },
    token: 'c-token',
    action: { tag: 'button', value, form_value: typeof form === 'string' ? 'DEEP' : form },
    context: { open_message_id: `om_${randomBytes(8).toString('hex')}`, open_chat_id: 'oc_p2p_ou_m1' },
  };
  const plain = envelope('card.action.trigger', event, over);
  return { name: `tampered submit: ${name}`, plain: typeof form === 'string' ? withDeep(plain, form) : JSON.stringify(plain) };
}

/** The shapes of issue 16 that must be refused before anything is read: stale time, missing app, foreign tenant, bad ids, deep arrays. */
function hostileEdge(r: Rng, text: () => { sender: unknown; message: { message_id: string } }): Case {
  const type = r.pick(['im.message.receive_v1', 'card.action.trigger']);
  switch (r.int(7)) {
    case 0: {
      const off = r.pick([301, 302, 3600, 90 * DAY_S, 10 * 365 * DAY_S]) * r.pick([-1, 1]);
      return {
        name: 'stale or future timestamp',
        req: sealed(JSON.stringify(envelope('im.message.receive_v1', text())), 'valid', String(Number(NOW_S) + off)),
        expect: 'refused',
      };
    }
    case 1:
      return {
        name: 'unreadable timestamp',
        req: sealed(
          JSON.stringify(envelope('im.message.receive_v1', text())),
          'valid',
          r.pick(['', 'now', 'yesterday', '17950', oddText(r, 10), '2026-11-27']),
        ),
        expect: 'refused',
      };
    case 2:
      return {
        name: 'app id or tenant missing',
        req: sealed(
          JSON.stringify(
            envelope(
              type,
              text(),
              r.pick([{ appId: undefined }, { appId: '' }, { tenantKey: undefined }, { tenantKey: '' }, { tenantKey: 7 }]),
            ),
          ),
        ),
        expect: 'refused',
      };
    case 3:
      return {
        name: 'foreign tenant',
        req: sealed(JSON.stringify(envelope(type, text(), { tenantKey: r.pick(['t2', 'tenant_other', oddText(r, 8), `${TENANT} `]) }))),
        expect: 'refused',
      };
    case 4: {
      const bad = r.pick(['\u0000', '\u0007', '\n', '\ud800', ' ', '\u202e']);
      const event = text();
      const where = r.int(3);
      if (where === 2) event.message.message_id = `om_${bad}${randomBytes(4).toString('hex')}`;
      const plain = envelope(
        where === 0 ? `im.message.receive_v1${bad}` : 'im.message.receive_v1',
        event,
        where === 1 ? { eventId: `evt${bad}${randomBytes(4).toString('hex')}` } : {},
      );
      return { name: 'NUL or control character in an id', req: sealed(JSON.stringify(plain)), expect: 'refused' };
    }
    case 5:
      return {
        name: "a stored message's event id with another message",
        req: sealed(JSON.stringify(envelope('im.message.receive_v1', text(), { eventId: GENUINE_EVENT_ID }))),
        expect: 'absorbed',
      };
    default: {
      const depth = r.pick([33, 64, 1000, 5000, 200_000]);
      const plain = envelope(r.pick(['im.message.receive_v1', 'fuzz.unknown_v1']), { nested: 'DEEP' });
      return { name: 'event nested too deep', req: sealed(withDeep(plain, deepJson(depth))), expect: 'refused' };
    }
  }
}

/** One random case and what it must do (refused: no 200; error-toast: 200 with an error toast, nothing filed). */
function makeCase(r: Rng): Case {
  const text = () => ({
    sender: { sender_id: { open_id: r.pick(USERS) }, sender_type: 'user', tenant_key: 't' },
    message: {
      message_id: `om_${randomBytes(12).toString('hex')}`,
      create_time: `${NOW_S}000`,
      chat_id: 'oc_p2p_x',
      chat_type: 'p2p',
      message_type: 'text',
      content: JSON.stringify({ text: oddText(r) }),
    },
  });
  const k = r.int(24);
  if (k >= 20) {
    const t = tamperedSubmit(r);
    return { name: t.name, req: sealed(t.plain), expect: 'refused-toast' };
  }
  if (k >= 16) return hostileEdge(r, text);
  switch (k) {
    case 0: {
      const good = JSON.stringify(envelope('im.message.receive_v1', text()));
      // a cut just before the last brace plus a '}' rebuilds the whole event: draw again until it is not JSON
      let bad = good;
      while (parses(bad)) bad = good.slice(0, r.int(good.length)) + r.pick(['', '}', ',', '"', '\\']);
      return { name: 'malformed JSON', req: signedRaw(bad), expect: 'refused' };
    }
    case 1:
      return {
        name: 'random bytes',
        req: signedRaw(r.bytes(r.int(2000)), r.pick(['valid', 'none', 'forged'] as const)),
        expect: 'refused',
      };
    case 2:
      return {
        name: 'random bytes, other content type',
        req: {
          ...signedRaw(r.bytes(r.int(500))),
          headers: {
            'content-type': r.pick(['text/plain', 'application/octet-stream', 'multipart/form-data', 'application/x-www-form-urlencoded']),
          },
        },
        expect: 'refused',
      };
    case 3:
      return { name: 'odd JSON value', req: signedRaw(JSON.stringify(oddValue(r)), r.pick(['valid', 'none'] as const)), expect: 'refused' };
    case 4:
      return {
        name: 'forged signature',
        req: sealed(JSON.stringify(envelope('im.message.receive_v1', text())), 'forged'),
        expect: 'refused',
      };
    case 5:
      return {
        name: 'missing or partial signature',
        req: sealed(JSON.stringify(envelope('im.message.receive_v1', text())), r.pick(['none', 'partial'] as const)),
        expect: 'refused',
      };
    case 6:
      return {
        name: 'wrong token',
        req: sealed(
          JSON.stringify(
            envelope(r.pick(['im.message.receive_v1', 'card.action.trigger']), text(), {
              token: r.pick(['', 'vt_other', `${TOKEN} `, oddText(r), 7, null]),
            }),
          ),
        ),
        expect: 'refused',
      };
    case 7:
      return {
        name: 'wrong app id',
        req: sealed(JSON.stringify(envelope('im.message.receive_v1', text(), { appId: r.pick(['cli_ffffffffffffffff', oddText(r)]) }))),
        expect: 'refused',
      };
    case 8:
      return {
        name: 'undecryptable',
        req: signedRaw(JSON.stringify({ encrypt: r.pick([r.bytes(r.int(80)).toString('base64'), oddText(r), 12, '', null]) })),
        expect: 'refused',
      };
    case 9: {
      // just under 1 MiB once encrypted: a signed, valid event of an unknown type with a huge field
      const big = 'y'.repeat(700_000 + r.int(50_000));
      return { name: 'huge field under 1 MiB', req: sealed(JSON.stringify(envelope(`fuzz.unknown_${r.int(5)}`, { big }))), expect: 'any' };
    }
    case 10: {
      const body = JSON.stringify({ encrypt: 'A'.repeat(1024 * 1024 + r.int(100_000)) });
      return { name: 'body over 1 MiB', req: signedRaw(body), expect: 'refused' };
    }
    case 11:
      return {
        name: 'unknown event type',
        req: sealed(
          JSON.stringify(
            envelope(r.pick(['contact.user.created_v3', oddText(r, 20), 'x'.repeat(128), 'im.chat.disbanded_v1']), oddValue(r, 2) ?? {}),
          ),
        ),
        expect: 'any',
      };
    case 12:
      return {
        name: 'envelope with wrongly typed header',
        req: sealed(JSON.stringify({ schema: r.pick(['2.0', '1.0', 2]), header: oddValue(r, 1), event: oddValue(r, 1) })),
        expect: 'refused',
      };
    case 13:
      return { name: 'message with odd Unicode', req: sealed(JSON.stringify(envelope('im.message.receive_v1', text()))), expect: 'any' };
    case 14:
      return {
        name: 'card callback of odd shape',
        req: sealed(
          JSON.stringify(
            envelope('card.action.trigger', {
              operator: oddValue(r, 1),
              action: r.next() < 0.5 ? { value: oddValue(r, 1) } : { value: { a: oddText(r, 8) }, form_value: oddValue(r, 1) },
              context: oddValue(r, 1),
            }),
          ),
        ),
        expect: 'error-toast',
      };
    default:
      return { name: 'bad form values on a save', req: sealed(JSON.stringify(badSubmit(r))), expect: 'error-toast' };
  }
}

describe('fuzzing the Lark webhook', () => {
  const t = useTestDatabase('pglite');
  let service: Service;
  const counts = async () => {
    const res = (await t.db.execute(sql`select
      (select count(*)::int from card_actions) as card_actions,
      (select count(*)::int from person_settings) as person_settings,
      (select count(*)::int from submissions) as submissions,
      (select count(*)::int from leaves) as leaves,
      (select count(*)::int from inbound_events) as inbound_events,
      (select count(*)::int from outbox) as outbox,
      (select count(*)::int from complaints) as complaints,
      (select count(*)::int from followups) as followups,
      (select count(*)::int from lark_tenants) as lark_tenants`)) as unknown as
      | { rows: Record<string, number>[] }
      | Record<string, number>[];
    return (Array.isArray(res) ? res : res.rows)[0]!;
  };

  beforeAll(async () => {
    service = await testService(t.database, env);
    await importExampleOrg(t.db);
    // one genuine push first: the tenant is learned (and stored) before any hostile one arrives
    const genuine = {
      sender: { sender_id: { open_id: 'ou_m1' }, sender_type: 'user', tenant_key: TENANT },
      message: {
        message_id: 'om_genuine',
        create_time: `${NOW_S}000`,
        chat_id: 'oc_p2p_ou_m1',
        chat_type: 'p2p',
        message_type: 'text',
        content: JSON.stringify({ text: '帮助' }),
      },
    };
    const first = envelope('im.message.receive_v1', genuine, { eventId: GENUINE_EVENT_ID });
    expect((await service.app.inject(sealed(JSON.stringify(first)))).statusCode).toBe(200);
    await settleInbound(service.ctx);
  });
  afterAll(() => service.close());

  it('thousands of hostile requests: never a 500, always answering /healthz, nothing stored from a refused one', async () => {
    console.log(`fuzz-webhook seed: ${SEED} (FUZZ_SEED=${SEED} to replay)`);
    const r = prng(SEED);
    const started = Date.now();
    const statuses = new Map<string, number>();
    const unavailable: string[] = [];
    let n = 0;
    for (; n < MAX_CASES && Date.now() - started < MAX_MS; n++) {
      const c = makeCase(r);
      const before = await counts();
      const res = await service.app.inject(c.req);
      // an accepted event is handled in the background: let it finish, so what it writes is not taken for the next case's
      if (res.statusCode === 200) await settleInbound(service.ctx);
      const where = `case ${n} (${c.name}), seed ${SEED}`;
      statuses.set(`${c.name} → ${res.statusCode}`, (statuses.get(`${c.name} → ${res.statusCode}`) ?? 0) + 1);
      expect(res.statusCode, where).not.toBe(500);
      expect(res.statusCode === 503 || res.statusCode < 500, `${where}: ${res.statusCode} ${res.body.slice(0, 200)}`).toBe(true);
      if (res.statusCode === 503) unavailable.push(where);
      const after = await counts();
      if (res.statusCode !== 200) {
        expect(after, `${where}: a refused request stored something`).toEqual(before);
      } else if (c.expect === 'refused') {
        throw new Error(`${where}: accepted with 200 (${res.body.slice(0, 200)})`);
      } else if (c.expect === 'absorbed') {
        expect(after, `${where}: a repeated event id stored something`).toEqual(before);
      } else if (c.expect === 'refused-toast') {
        const answer = res.json() as { toast?: { type: string; content: string } };
        expect(answer.toast?.type, `${where}: ${res.body.slice(0, 200)}`).toBe('error');
        expect(answer.toast?.content, where).not.toBe(TOASTS.busy);
        // a refusal leaves nothing, not even the click record
        expect(after, `${where}: a refused submit stored something`).toEqual(before);
      } else if (c.expect === 'error-toast') {
        const answer = res.json() as { toast?: { type: string } };
        if (answer.toast?.type === 'error') {
          // the click itself may be recorded, but nothing is filed
          expect({ ...after, card_actions: 0 }, `${where}: an error toast yet something was filed`).toEqual({ ...before, card_actions: 0 });
          expect(after.card_actions - before.card_actions, where).toBeLessThanOrEqual(1);
        }
      }
      if (n % 100 === 0) expect((await service.app.inject({ method: 'GET', url: '/healthz' })).statusCode, where).toBe(200);
    }
    console.log(
      `fuzz-webhook: ${n} cases in ${Date.now() - started} ms; outcomes:\n${[...statuses]
        .sort()
        .map(([k, v]) => `  ${k}: ${v}`)
        .join('\n')}`,
    );
    if (unavailable.length) console.log(`fuzz-webhook: 503 for ${unavailable.length} cases, e.g. ${unavailable.slice(0, 5).join('; ')}`);
    expect(n).toBeGreaterThanOrEqual(MAX_CASES);

    // what was filed carries no bidi override; nothing was filed under another center
    const filed = (await t.db.execute(sql`select center_code, values::text as v from submissions`)) as unknown as
      | { rows: { center_code: string; v: string }[] }
      | { center_code: string; v: string }[];
    for (const row of Array.isArray(filed) ? filed : filed.rows) {
      expect(row.center_code).toBe('C001');
      expect(row.v).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    }

    // the stored events with odd text are handled without failing, and the service still answers
    await settleInbound(service.ctx);
    const failed = (await t.db.execute(sql`select event_type, error from inbound_events where status = 'failed'`)) as unknown as
      | { rows: unknown[] }
      | unknown[];
    expect(Array.isArray(failed) ? failed : failed.rows).toEqual([]);
    const health = await service.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.json()).toEqual({ status: 'ok' });
  });
});
