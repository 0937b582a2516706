// GET /metrics: the Prometheus text format, counters that move with real traffic through the stand-in, the bearer token, several services in one process.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema/index.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { countSend } from '../../src/metrics/hooks.ts';
import { enqueue } from '../../src/outbox/enqueue.ts';
import { runTick } from '../../src/scheduler/tick.ts';
import type { Service } from '../../src/service.ts';
import { useLarkWorld } from '../helpers/lark-world.ts';
import { testService } from '../helpers/service.ts';
import { DRIVERS, useTestDatabase } from '../helpers/test-db.ts';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
interface Family {
  type: string;
  help: string;
  samples: Sample[];
}

/** A strict reader of the Prometheus text exposition format (0.0.4): every line must be a comment, a sample or empty. */
function parsePrometheus(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const family = (name: string) => {
    let f = families.get(name);
    if (!f) families.set(name, (f = { type: '', help: '', samples: [] }));
    return f;
  };
  const familyOf = (sample: string) => {
    for (const suffix of ['_bucket', '_sum', '_count']) {
      const base = sample.slice(0, -suffix.length);
      if (sample.endsWith(suffix) && families.get(base)?.type === 'histogram') return base;
    }
    return sample;
  };
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') {
        expect(['counter', 'gauge', 'histogram', 'summary', 'untyped'], line).toContain(meta[3]);
        family(meta[2]!).type = meta[3]!;
      } else family(meta[2]!).help = meta[3]!;
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: -?\d+)?$/.exec(line);
    if (!m) throw new Error(`not a Prometheus line: ${line}`);
    const labels: Record<string, string> = {};
    const body = m[2] ?? '';
    const pair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/gy;
    let consumed = 0;
    for (let p = pair.exec(body); p; p = pair.exec(body)) {
      labels[p[1]!] = p[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      consumed = pair.lastIndex;
    }
    if (consumed !== body.length) throw new Error(`bad labels in: ${line}`);
    // Prometheus reads values with Go's ParseFloat: NaN and Inf in any case (prom-client writes "Nan" for an empty mean)
    const value = /^\+?inf$/i.test(m[3]!) ? Infinity : /^-inf$/i.test(m[3]!) ? -Infinity : Number(m[3]);
    if (Number.isNaN(value) && !/^nan$/i.test(m[3]!)) throw new Error(`bad value in: ${line}`);
    const name = familyOf(m[1]!);
    if (!families.get(name)?.type) throw new Error(`sample before its # TYPE: ${line}`);
    family(name).samples.push({ name: m[1]!, labels, value });
  }
  return families;
}

/** The value of one sample (0 when the series does not exist yet). */
function sampleValue(families: Map<string, Family>, sample: string, labels: Record<string, string> = {}): number {
  const base = sample.replace(/_(bucket|sum|count)$/, '');
  const f = families.get(sample) ?? families.get(base);
  const hit = f?.samples.find((s) => s.name === sample && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return hit?.value ?? 0;
}

async function scrape(service: Service, headers: Record<string, string> = {}) {
  const res = await service.app.inject({ method: 'GET', url: '/metrics', headers });
  return { res, families: res.statusCode === 200 ? parsePrometheus(res.body) : new Map<string, Family>() };
}

describe.each(DRIVERS)('GET /metrics with Lark traffic on %s', (driver) => {
  const clock = new FixedClock('2026-12-01T02:00:00Z');
  const w = useLarkWorld(driver, { clock });

  it('answers the Prometheus text format: every metric typed and described, every series labelled instance_id', async () => {
    const { res, families } = await scrape(w.service);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of [
      'steward_outbox_sends_total',
      'steward_outbox_send_errors_total',
      'steward_inbound_duration_seconds',
      'steward_scheduler_batch_duration_seconds',
      'steward_duties_written_total',
      'steward_outbox_unsent',
      'steward_outbox_oldest_due_age_seconds',
      'steward_outbox_stats_ok',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(families.get(name)?.help, name).toBeTruthy();
    }
    const samples = [...families.values()].flatMap((f) => f.samples);
    expect(samples.length).toBeGreaterThan(20);
    const instance = samples[0]!.labels.instance_id;
    expect(instance).toMatch(/.+:\d+$/); // hostname:pid without INSTANCE_ID
    for (const s of samples) expect(s.labels.instance_id, s.name).toBe(instance);
    expect(sampleValue(families, 'steward_outbox_stats_ok')).toBe(1);
    expect(res.body).not.toContain('standin-secret');
  });

  it('a message sent through the stand-in counts as sent; one to an unknown person as failed, with its Lark error class', async () => {
    const before = (await scrape(w.service)).families;
    const sent = (f: Map<string, Family>) =>
      sampleValue(f, 'steward_outbox_sends_total', { kind: 'send', msg_type: 'text', result: 'sent', error_class: 'none' });
    const failed = (f: Map<string, Family>) =>
      sampleValue(f, 'steward_outbox_sends_total', { kind: 'send', msg_type: 'text', result: 'failed', error_class: 'permanent' });
    const errors = (f: Map<string, Family>) =>
      sampleValue(f, 'steward_outbox_send_errors_total', { kind: 'send', msg_type: 'text', error_class: 'permanent' });
    const text = (key: string, target: string) => ({
      key,
      kind: 'send' as const,
      receiveIdType: 'open_id' as const,
      target,
      msgType: 'text' as const,
      content: { text: '测试' },
      source: 'test',
    });
    await enqueue(w.db, clock.now(), text('metrics:ok', 'ou_m1'));
    await enqueue(w.db, clock.now(), text('metrics:nobody', 'ou_nobody'));
    await w.flush();
    expect(w.standin.messages({ chatId: w.standin.p2pChatId('ou_m1') })).toHaveLength(1);
    const after = (await scrape(w.service)).families;
    expect(sent(after) - sent(before)).toBe(1);
    expect(failed(after) - failed(before)).toBe(1);
    expect(errors(after) - errors(before)).toBe(1);
  });

  it('a card click and a message over the webhook land in the latency histogram as card 200 and event 200', async () => {
    const count = (f: Map<string, Family>, kind: string) =>
      sampleValue(f, 'steward_inbound_duration_seconds_count', { transport: 'webhook', kind, status: '200' });
    const before = (await scrape(w.service)).families;
    await w.standin.sendText({ from: 'ou_m1', text: '设置' });
    await w.settle();
    const card = w.standin.messages({ chatId: w.standin.p2pChatId('ou_m1') }).at(-1)!;
    const click = await w.standin.submitForm({ messageId: card.messageId, user: 'ou_m1', values: { morning_time: '09:00 +0800' } });
    expect(click.toast?.content).toBe('已保存');
    const after = (await scrape(w.service)).families;
    expect(count(after, 'card') - count(before, 'card')).toBe(1);
    expect(count(after, 'event') - count(before, 'event')).toBe(1);
    // the reply card the 设置 message caused was sent (kind reply or send, interactive)
    const interactiveSent = (f: Map<string, Family>) =>
      (f.get('steward_outbox_sends_total')?.samples ?? [])
        .filter((s) => s.labels.msg_type === 'interactive' && s.labels.result === 'sent')
        .reduce((n, s) => n + s.value, 0);
    expect(interactiveSent(after) - interactiveSent(before)).toBeGreaterThanOrEqual(1);
    const sum = sampleValue(after, 'steward_inbound_duration_seconds_sum', { transport: 'webhook', kind: 'card', status: '200' });
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThan(60);
  });

  it('a refused push is counted under its status: a wrong signature is 401 of kind other', async () => {
    const refused = (f: Map<string, Family>) =>
      sampleValue(f, 'steward_inbound_duration_seconds_count', { transport: 'webhook', kind: 'other', status: '401' });
    const before = (await scrape(w.service)).families;
    const res = await w.service.app.inject({
      method: 'POST',
      url: '/lark/webhook',
      headers: {
        'content-type': 'application/json',
        'x-lark-request-timestamp': '1',
        'x-lark-request-nonce': 'n',
        'x-lark-signature': 'forged',
      },
      payload: { encrypt: 'x' },
    });
    expect(res.statusCode).toBe(401);
    expect(refused((await scrape(w.service)).families) - refused(before)).toBe(1);
  });

  it('a scheduler pass counts its batches in the duration histogram and the duties it wrote, once', async () => {
    const batches = (f: Map<string, Family>) => sampleValue(f, 'steward_scheduler_batch_duration_seconds_count', { outcome: 'ok' });
    const duties = (f: Map<string, Family>) => sampleValue(f, 'steward_duties_written_total');
    const deps = { db: w.db, rules: w.service.ctx.rules, log: silentLogger, metrics: w.service.ctx.metrics };
    const before = (await scrape(w.service)).families;
    const first = await runTick(deps, clock.now());
    const afterFirst = (await scrape(w.service)).families;
    expect(first.materialized?.created).toBeGreaterThan(0);
    expect(duties(afterFirst) - duties(before)).toBe(first.materialized!.created);
    expect(batches(afterFirst) - batches(before)).toBe(first.batches.ran);
    expect(first.batches.ran).toBeGreaterThanOrEqual(2); // the centers and the global batch
    // a dry run writes nothing, so it counts no duties
    await runTick(deps, clock.now(), { dryRun: true, rematerialize: true });
    expect(duties((await scrape(w.service)).families)).toBe(duties(afterFirst));
  });

  it('outbox depth and age: unsent rows by kind, due or scheduled ahead, and how long the oldest due one has waited', async () => {
    clock.set('2026-12-01T02:00:00Z');
    const card = (key: string, notBefore?: Date) => ({
      key,
      kind: 'send' as const,
      receiveIdType: 'open_id' as const,
      target: 'ou_m1',
      msgType: 'interactive' as const,
      content: {},
      source: 'test',
      notBefore,
    });
    await enqueue(w.db, clock.now(), card('depth:1'));
    clock.set('2026-12-01T02:00:30Z');
    await enqueue(w.db, clock.now(), card('depth:2'));
    await enqueue(w.db, clock.now(), card('depth:later', new Date('2026-12-01T03:00:00Z')));
    await enqueue(w.db, clock.now(), {
      key: 'depth:patch',
      kind: 'patch',
      target: 'om_x',
      msgType: 'interactive',
      content: {},
      source: 'test',
    });
    clock.set('2026-12-01T02:01:30Z');
    const { families } = await scrape(w.service);
    expect(sampleValue(families, 'steward_outbox_unsent', { kind: 'send', due: 'true' })).toBe(2);
    expect(sampleValue(families, 'steward_outbox_unsent', { kind: 'send', due: 'false' })).toBe(1);
    expect(sampleValue(families, 'steward_outbox_unsent', { kind: 'patch', due: 'true' })).toBe(1);
    expect(sampleValue(families, 'steward_outbox_unsent', { kind: 'reply', due: 'true' })).toBe(0);
    expect(sampleValue(families, 'steward_outbox_oldest_due_age_seconds', { kind: 'send' })).toBe(90);
    expect(sampleValue(families, 'steward_outbox_oldest_due_age_seconds', { kind: 'patch' })).toBe(60);
    await w.db.delete(outbox);
    const empty = (await scrape(w.service)).families;
    expect(sampleValue(empty, 'steward_outbox_unsent', { kind: 'send', due: 'true' })).toBe(0);
    expect(sampleValue(empty, 'steward_outbox_oldest_due_age_seconds', { kind: 'send' })).toBe(0);
  });

  it('a database too slow to answer does not fail the scrape: the previous outbox numbers, stats_ok 0, a timeout counted', async () => {
    await enqueue(w.db, clock.now(), {
      key: 'slow:1',
      kind: 'send',
      receiveIdType: 'open_id',
      target: 'ou_m1',
      msgType: 'text',
      content: { text: 'x' },
      source: 'test',
    });
    const first = (await scrape(w.service)).families;
    expect(sampleValue(first, 'steward_outbox_unsent', { kind: 'send', due: 'true' })).toBe(1);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    // another session holds the outbox table: the scrape's read waits behind it
    const holder = w.db.transaction(async (tx) => {
      await tx.execute(sql`lock table outbox in access exclusive mode`);
      locked();
      await held;
    });
    await isLocked;
    try {
      const { res, families } = await scrape(w.service);
      expect(res.statusCode).toBe(200);
      expect(sampleValue(families, 'steward_outbox_stats_ok')).toBe(0);
      expect(sampleValue(families, 'steward_outbox_stats_failures_total', { reason: 'timeout' })).toBeGreaterThanOrEqual(1);
      expect(sampleValue(families, 'steward_outbox_unsent', { kind: 'send', due: 'true' })).toBe(1);
    } finally {
      release();
      await holder;
    }
    const again = (await scrape(w.service)).families;
    expect(sampleValue(again, 'steward_outbox_stats_ok')).toBe(1);
  });
});

describe.each(DRIVERS)('GET /metrics protection and isolation on %s', (driver) => {
  const t = useTestDatabase(driver);
  const TOKEN = 'metrics-token-0123456789';
  let guarded: Service;
  let open: Service;
  beforeAll(async () => {
    guarded = await testService(t.database, { METRICS_TOKEN: TOKEN, INSTANCE_ID: 'steward-a' });
    open = await testService(t.database, { INSTANCE_ID: 'steward-b' });
  });
  afterAll(async () => {
    await guarded?.close();
    await open?.close();
  });

  it('with METRICS_TOKEN set, /metrics needs Authorization: Bearer <token>: none or a wrong one is 401', async () => {
    const none = await guarded.app.inject({ method: 'GET', url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.json()).toEqual({ error: 'a bearer token is required (METRICS_TOKEN)' });
    expect((await scrape(guarded, { authorization: 'Bearer wrong-token-0123456789' })).res.statusCode).toBe(401);
    expect((await scrape(guarded, { authorization: TOKEN })).res.statusCode).toBe(401);
    const ok = await scrape(guarded, { authorization: `Bearer ${TOKEN}` });
    expect(ok.res.statusCode).toBe(200);
    expect(ok.res.body).not.toContain(TOKEN);
  });

  it('without METRICS_TOKEN, /metrics is served to anyone who reaches the port', async () => {
    expect((await scrape(open)).res.statusCode).toBe(200);
  });

  it('two services in one process keep their own registries: their own instance_id, their own counts', async () => {
    countSend(guarded.ctx.metrics, { kind: 'send', msgType: 'text' }, 'sent');
    countSend(guarded.ctx.metrics, { kind: 'send', msgType: 'text' }, 'sent');
    const a = (await scrape(guarded, { authorization: `Bearer ${TOKEN}` })).families;
    const b = (await scrape(open)).families;
    const labels = { kind: 'send', msg_type: 'text', result: 'sent', error_class: 'none' };
    expect(sampleValue(a, 'steward_outbox_sends_total', { ...labels, instance_id: 'steward-a' })).toBe(2);
    expect(sampleValue(b, 'steward_outbox_sends_total', labels)).toBe(0);
    expect(sampleValue(b, 'process_resident_memory_bytes', { instance_id: 'steward-b' })).toBeGreaterThan(0);
  });

  it('a METRICS_TOKEN shorter than 16 characters or a bad INSTANCE_ID stops the start with a message naming it', async () => {
    await expect(testService(t.database, { METRICS_TOKEN: 'short' })).rejects.toThrow(
      /METRICS_TOKEN \("\*\*\*"\) must be at least 16 characters/,
    );
    await expect(testService(t.database, { INSTANCE_ID: 'a b' })).rejects.toThrow(/INSTANCE_ID \("a b"\) must be 1 to 64/);
  });
});

// one driver is enough here: the transport, not the database, is under test
describe('GET /metrics with the long connection', () => {
  const w = useLarkWorld(DRIVERS[0]!, { connection: 'socket' });

  it('a message over the long connection lands in the latency histogram as socket event 200', async () => {
    const count = (f: Map<string, Family>) =>
      sampleValue(f, 'steward_inbound_duration_seconds_count', { transport: 'socket', kind: 'event', status: '200' });
    const before = (await scrape(w.service)).families;
    await w.say('ou_m1', '帮助');
    const after = (await scrape(w.service)).families;
    expect(count(after) - count(before)).toBe(1);
    expect(sampleValue(after, 'steward_inbound_duration_seconds_count', { transport: 'webhook' })).toBe(0);
  });
});
