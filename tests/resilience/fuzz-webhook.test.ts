// Fuzzing the Lark webhook through app.inject with a seeded PRNG: never a 500, always answering, nothing stored from a refusal.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptPayload } from '../../src/lark/crypto.ts';
import type { Service } from '../../src/service.ts';
import { importExampleOrg } from '../helpers/org.ts';
import { testService } from '../helpers/service.ts';
import { settleInbound } from '../helpers/settle.ts';
import { useTestDatabase } from '../helpers/test-db.ts';

const APP_ID = 'cli_a1b2c3d4e5f60718';
const TOKEN = 'vt_fuzz_token';
const KEY = 'ek_fuzz_encrypt_key';
const env = { LARK_APP_ID: APP_ID, LARK_APP_SECRET: 'secret', LARK_VERIFICATION_TOKEN: TOKEN, LARK_ENCRYPT_KEY: KEY, LARK_DOMAIN: 'http://127.0.0.1:9' };

const SEED = Number(process.env.FUZZ_SEED ?? (Date.now() % 2 ** 31));
const MAX_CASES = 3000;
const MAX_MS = 60_000;

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

const ODD = ['\ud800', '\udfff', '\u202e', '\u200b', '\u200d', '\ufeff', '\u0000', '🏢', '👨‍👩‍👧', 'Ω', '物服', '\u0301', 'ﷺ', '\n', '"', '\\', '<script>', "' or 1=1 --", '%s%n', '\u2028'];

function oddText(r: Rng, max = 40): string {
  const n = r.int(max) + 1;
  let s = '';
  for (let i = 0; i < n; i++) s += r.next() < 0.5 ? r.pick(ODD) : String.fromCharCode(32 + r.int(0x3000));
  return s;
}

/** A random JSON value of any type, with odd strings and numbers. */
function oddValue(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 2 ? 6 : 8)) {
    case 0: return null;
    case 1: return r.pick([true, false]);
    case 2: return r.pick([0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, -0.0, 99999999999]);
    case 3: return oddText(r);
    case 4: return r.pick(['', ' ', '25:99 +0800', '2026-13-45 +0800', '00:00 +0800', '23:59 +0800', '9999-12-31 +0800', '1900-01-01 +0800', 'NaN', '-1', '101', '1e9']);
    case 5: return 'x'.repeat(r.pick([1, 100, 5000, 200_000]));
    case 6: return Array.from({ length: r.int(4) }, () => oddValue(r, depth + 1));
    default: return Object.fromEntries(Array.from({ length: r.int(4) }, () => [oddText(r, 6), oddValue(r, depth + 1)]));
  }
}

interface Req {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  payload: string | Buffer;
}

function signedRaw(body: string | Buffer, how: 'valid' | 'forged' | 'none' | 'partial' = 'valid'): Req {
  const ts = '1795000000';
  const nonce = 'n0nce';
  const sig = createHash('sha256').update(ts + nonce + KEY).update(body).digest('hex');
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (how !== 'none') {
    headers['x-lark-request-timestamp'] = ts;
    if (how !== 'partial') headers['x-lark-request-nonce'] = nonce;
    headers['x-lark-signature'] = how === 'forged' ? sig.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) : sig;
  }
  return { method: 'POST', url: '/lark/webhook', headers, payload: body };
}

const sealed = (plain: string, how: Parameters<typeof signedRaw>[1] = 'valid') => signedRaw(JSON.stringify({ encrypt: encryptPayload(KEY, plain) }), how);

function envelope(eventType: string, event: unknown, over: { token?: unknown; appId?: unknown } = {}) {
  return {
    schema: '2.0',
    header: { event_id: randomBytes(16).toString('hex'), token: 'token' in over ? over.token : TOKEN, create_time: '1795000000000', event_type: eventType, tenant_key: 't', app_id: 'appId' in over ? over.appId : APP_ID },
    event,
  };
}

const USERS = ['ou_m1', 'ou_v1', 'ou_a1', 'ou_q1', 'ou_nobody'];

/** A card submit for one of the three save actions, with values out of range or of the wrong type. */
function badSubmit(r: Rng) {
  const user = r.next() < 0.8 ? r.pick(['ou_m1', 'ou_a1']) : r.pick(USERS);
  const kind = r.int(3);
  let value: Record<string, unknown>;
  let form: Record<string, unknown>;
  if (kind === 0) {
    value = { a: 'settings.save', p: r.next() < 0.8 ? 'm1' : oddValue(r) };
    form = { morning_time: r.pick(['07:59 +0800', '12:01 +0800', '23:30 +0800', '8:30', '08:30', '', '99:99 +0800', 830, null, ['08:30 +0800'], { t: 1 }, oddText(r)]) };
  } else if (kind === 1) {
    value = { a: 'record.submit', f: r.next() < 0.7 ? r.pick(['daily_report', 'night_check']) : oddValue(r), p: r.next() < 0.8 ? 'm1' : oddValue(r), c: 'C001', d: r.pick([0, 0, -1, 'abc', 1e12, null]), n: randomBytes(6).toString('hex') };
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

type Expect = 'refused' | 'any' | 'error-toast';
interface Case { name: string; req: Req; expect: Expect }

/** One random case and what it must do (refused: no 200; error-toast: 200 with an error toast, nothing filed). */
function makeCase(r: Rng): Case {
  const text = () => ({
    sender: { sender_id: { open_id: r.pick(USERS) }, sender_type: 'user', tenant_key: 't' },
    message: { message_id: `om_${randomBytes(12).toString('hex')}`, create_time: '1795000000000', chat_id: 'oc_p2p_x', chat_type: 'p2p', message_type: 'text', content: JSON.stringify({ text: oddText(r) }) },
  });
  switch (r.int(16)) {
    case 0: {
      const good = JSON.stringify(envelope('im.message.receive_v1', text()));
      return { name: 'malformed JSON', req: signedRaw(good.slice(0, r.int(good.length)) + r.pick(['', '}', ',', '"', '\\'])), expect: 'refused' };
    }
    case 1: return { name: 'random bytes', req: signedRaw(r.bytes(r.int(2000)), r.pick(['valid', 'none', 'forged'] as const)), expect: 'refused' };
    case 2: return { name: 'random bytes, other content type', req: { ...signedRaw(r.bytes(r.int(500))), headers: { 'content-type': r.pick(['text/plain', 'application/octet-stream', 'multipart/form-data', 'application/x-www-form-urlencoded']) } }, expect: 'refused' };
    case 3: return { name: 'odd JSON value', req: signedRaw(JSON.stringify(oddValue(r)), r.pick(['valid', 'none'] as const)), expect: 'refused' };
    case 4: return { name: 'forged signature', req: sealed(JSON.stringify(envelope('im.message.receive_v1', text())), 'forged'), expect: 'refused' };
    case 5: return { name: 'missing or partial signature', req: sealed(JSON.stringify(envelope('im.message.receive_v1', text())), r.pick(['none', 'partial'] as const)), expect: 'refused' };
    case 6: return { name: 'wrong token', req: sealed(JSON.stringify(envelope(r.pick(['im.message.receive_v1', 'card.action.trigger']), text(), { token: r.pick(['', 'vt_other', TOKEN + ' ', oddText(r), 7, null]) }))), expect: 'refused' };
    case 7: return { name: 'wrong app id', req: sealed(JSON.stringify(envelope('im.message.receive_v1', text(), { appId: r.pick(['cli_ffffffffffffffff', oddText(r)]) }))), expect: 'refused' };
    case 8: return { name: 'undecryptable', req: signedRaw(JSON.stringify({ encrypt: r.pick([r.bytes(r.int(80)).toString('base64'), oddText(r), 12, '', null]) })), expect: 'refused' };
    case 9: {
      // just under 1 MiB once encrypted: a signed, valid event of an unknown type with a huge field
      const big = 'y'.repeat(700_000 + r.int(50_000));
      return { name: 'huge field under 1 MiB', req: sealed(JSON.stringify(envelope(`fuzz.unknown_${r.int(5)}`, { big }))), expect: 'any' };
    }
    case 10: {
      const body = JSON.stringify({ encrypt: 'A'.repeat(1024 * 1024 + r.int(100_000)) });
      return { name: 'body over 1 MiB', req: signedRaw(body), expect: 'refused' };
    }
    case 11: return { name: 'unknown event type', req: sealed(JSON.stringify(envelope(r.pick(['contact.user.created_v3', oddText(r, 20), 'x'.repeat(128), 'im.chat.disbanded_v1']), oddValue(r, 2) ?? {}))), expect: 'any' };
    case 12: return { name: 'envelope with wrongly typed header', req: sealed(JSON.stringify({ schema: r.pick(['2.0', '1.0', 2]), header: oddValue(r, 1), event: oddValue(r, 1) })), expect: 'refused' };
    case 13: return { name: 'message with odd Unicode', req: sealed(JSON.stringify(envelope('im.message.receive_v1', text()))), expect: 'any' };
    case 14: return { name: 'card callback of odd shape', req: sealed(JSON.stringify(envelope('card.action.trigger', { operator: oddValue(r, 1), action: r.next() < 0.5 ? { value: oddValue(r, 1) } : { value: { a: oddText(r, 8) }, form_value: oddValue(r, 1) }, context: oddValue(r, 1) }))), expect: 'error-toast' };
    default: return { name: 'bad form values on a save', req: sealed(JSON.stringify(badSubmit(r))), expect: 'error-toast' };
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
      (select count(*)::int from inbound_events) as inbound_events`)) as unknown as { rows: Record<string, number>[] } | Record<string, number>[];
    return (Array.isArray(res) ? res : res.rows)[0]!;
  };

  beforeAll(async () => {
    service = await testService(t.database, env);
    await importExampleOrg(t.db);
  });
  afterAll(() => service.close());

  it('thousands of hostile requests: never a 500, always answering /healthz, nothing stored from a refused one', { timeout: 180_000 }, async () => {
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
    console.log(`fuzz-webhook: ${n} cases in ${Date.now() - started} ms; outcomes:\n${[...statuses].sort().map(([k, v]) => `  ${k}: ${v}`).join('\n')}`);
    if (unavailable.length) console.log(`fuzz-webhook: 503 for ${unavailable.length} cases, e.g. ${unavailable.slice(0, 5).join('; ')}`);
    expect(n).toBeGreaterThan(300);

    // the stored events with odd text are handled without failing, and the service still answers
    await settleInbound(service.ctx);
    const failed = (await t.db.execute(sql`select event_type, error from inbound_events where status = 'failed'`)) as unknown as { rows: unknown[] } | unknown[];
    expect(Array.isArray(failed) ? failed : failed.rows).toEqual([]);
    const health = await service.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.json()).toEqual({ status: 'ok' });
  });
});
