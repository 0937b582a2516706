// Rate limits over real time: the app-wide gateway limit (429 / 99991400) and the per-target send limit (230020).
import type { Json } from '../../../src/sandbox/lark-standin/index.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { LarkStandin } from '../../../src/sandbox/lark-standin/index.ts';
import { ALICE, sdkClient, startStandin, text } from './helpers.ts';

let s: LarkStandin;
afterEach(() => s?.close());

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => ({ status: 200, code: 0, reset: undefined as string | undefined }),
    (e: Json) => ({
      status: e.response.status as number,
      code: e.response.data.code as number,
      reset: e.response.headers['x-ogw-ratelimit-reset'] as string | undefined,
    }),
  );

describe('rate limits', () => {
  it('60 quick sends past 50 per second get some HTTP 429 with code 99991400 and x-ogw-ratelimit-reset', async () => {
    s = await startStandin();
    const users = Array.from({ length: 12 }, (_, i) => `ou_user${String(i).padStart(2, '0')}`);
    for (const openId of users) s.addUser({ openId, name: openId });
    const client = sdkClient(s);
    await client.request({ method: 'GET', url: '/open-apis/bot/v3/info' }); // token first, so the sends race only each other
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        outcome(
          client.im.message.create({
            params: { receive_id_type: 'open_id' },
            data: { receive_id: users[i % 12], msg_type: 'text', content: text(`n${i}`) },
          }),
        ),
      ),
    );
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0); // 11 when all 61 calls land within one second (50/s, bot/v3/info included)
    expect(limited.length).toBeLessThanOrEqual(11);
    for (const r of limited) {
      expect(r.code).toBe(99991400);
      expect(Number(r.reset)).toBeGreaterThanOrEqual(1);
    }
    expect(s.messages()).toHaveLength(60 - limited.length);
    expect(s.requests().filter((r) => r.status === 429)).toHaveLength(limited.length);
  });

  it('6 quick sends to one user: the sixth answers 230020 and creates no message', async () => {
    s = await startStandin();
    const client = sdkClient(s);
    const results = [];
    for (let i = 0; i < 6; i++) {
      results.push(
        await outcome(
          client.im.message.create({
            params: { receive_id_type: 'open_id' },
            data: { receive_id: ALICE.openId, msg_type: 'text', content: text(`n${i}`) },
          }),
        ),
      );
    }
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 230020]);
    expect(results[5].status).toBe(400);
    expect(s.messages()).toHaveLength(5);
  });

  it('the per-minute limit applies too (appPerMinute: 5)', async () => {
    s = await startStandin({ rateLimit: { appPerMinute: 5 } });
    const client = sdkClient(s);
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await outcome(client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(results[5].reset)).toBeGreaterThan(50);
  });
});
