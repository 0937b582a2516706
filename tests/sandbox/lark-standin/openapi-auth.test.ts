// Tenant tokens over real HTTP with the real SDK: issue, use, expire (by clock or on demand), and the gateway's answers.
import { afterEach, describe, expect, it } from 'vitest';
import type { LarkStandin } from '../../../src/sandbox/lark-standin/index.ts';
import { ALICE, APP, larkError, sdkClient, startStandin, text } from './helpers.ts';

let s: LarkStandin;
afterEach(() => s?.close());

const send = (s: LarkStandin, client = sdkClient(s)) =>
  client.im.message.create({
    params: { receive_id_type: 'open_id' },
    data: { receive_id: ALICE.openId, msg_type: 'text', content: text('hi') },
  });

describe('tenant access tokens', () => {
  it('the SDK gets a token from the stand-in and sends a message with it', async () => {
    s = await startStandin();
    const res = await send(s);
    expect(res.code).toBe(0);
    const [tokenCall, sendCall] = s.requests();
    expect(tokenCall).toMatchObject({
      method: 'POST',
      path: '/open-apis/auth/v3/tenant_access_token/internal',
      status: 200,
      code: 0,
      appWide: false,
    });
    expect(sendCall).toMatchObject({ method: 'POST', path: '/open-apis/im/v1/messages', status: 200, code: 0, appWide: true });
  });

  it("the token endpoint answers Lark's shape, and HTTP 400 code 10014 for a wrong secret", async () => {
    s = await startStandin({ tokenTtlSeconds: 3600 });
    const ok = await fetch(`${s.url}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ app_id: APP.appId, app_secret: APP.appSecret }),
    });
    const body = await ok.json();
    expect(body).toEqual({ code: 0, msg: 'ok', tenant_access_token: expect.stringMatching(/^t-[0-9a-f]+$/), expire: 3600 });
    expect(ok.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(ok.headers.get('x-tt-logid')).toBeTruthy();
    const err = await larkError(send(s, sdkClient(s, 'wrong-secret')));
    expect(err).toMatchObject({ status: 400, code: 10014 });
  });

  it('after expireTokens() the next SDK call fails with 99991663 (the SDK keeps its cached token)', async () => {
    s = await startStandin();
    const client = sdkClient(s);
    await send(s, client);
    s.expireTokens();
    expect(await larkError(send(s, client))).toMatchObject({ status: 400, code: 99991663 });
    expect(await send(s)).toMatchObject({ code: 0 }); // a client with a fresh cache fetches a new token
  });

  it('a token expires after its ttl by the injected clock', async () => {
    let clock = Date.parse('2026-11-27T01:00:00Z');
    s = await startStandin({ now: () => clock, tokenTtlSeconds: 7200 });
    const client = sdkClient(s);
    await send(s, client);
    clock += 7200 * 1000;
    expect(await larkError(send(s, client))).toMatchObject({ status: 400, code: 99991663 });
  });

  it('a request without a bearer token is refused with 99991661 and an error log id', async () => {
    s = await startStandin();
    const res = await fetch(`${s.url}/open-apis/im/v1/messages?receive_id_type=open_id`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ receive_id: ALICE.openId, msg_type: 'text', content: text('hi') }),
    });
    expect(res.status).toBe(400);
    const logId = res.headers.get('x-tt-logid');
    expect(await res.json()).toEqual({ code: 99991661, msg: 'Need a token', error: { log_id: logId } });
  });

  it('an injected fault answers the next matching requests, then normal handling resumes', async () => {
    s = await startStandin();
    s.injectFault({ path: '/im/v1/messages', method: 'POST', times: 1, status: 400, code: 230099, msg: 'card broken' });
    const client = sdkClient(s);
    expect(await larkError(send(s, client))).toMatchObject({ status: 400, code: 230099 });
    expect(await send(s, client)).toMatchObject({ code: 0 });
    expect(s.messages()).toHaveLength(1);
  });

  it('a fault with delayMs answers late, so a client timeout can be tested', async () => {
    s = await startStandin();
    s.injectFault({ path: /\/im\/v1\/messages$/, times: 1, status: 0, code: 0, delayMs: 150 });
    const started = performance.now();
    expect(await send(s)).toMatchObject({ code: 0 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});
