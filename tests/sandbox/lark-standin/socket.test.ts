// The stand-in's long connection: the endpoint's codes, one-time URLs, ping/pong, data frames and answers — with a raw
import type { Json } from '../../../src/sandbox/lark-standin/index.ts';
// WebSocket client speaking pbbp2 frames, and with the SDK's own WSClient.
import * as lark from '@larksuiteoapi/node-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { LarkStandin } from '../../../src/sandbox/lark-standin/index.ts';
import { decodeFrame, encodeFrame, headerOf, METHOD, type Frame } from '../../../src/sandbox/lark-standin/socket/frame.ts';
import { ALICE, APP, startStandin, until } from './helpers.ts';

let s: LarkStandin | undefined;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await s?.close();
  s = undefined;
});

const endpoint = async (standin: LarkStandin, body: object) =>
  (await (
    await fetch(`${standin.url}/callback/ws/endpoint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', locale: 'zh' },
      body: JSON.stringify(body),
    })
  ).json()) as Json;

/** Opens the URL; resolves with the socket, or with the refusal's status and Handshake-* headers. */
function open(
  url: string,
): Promise<{ ws: WebSocket; frames: Frame[] } | { status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    const frames: Frame[] = [];
    ws.on('message', (data) => frames.push(decodeFrame(data as Buffer)));
    ws.on('open', () => {
      sockets.push(ws);
      resolve({ ws, frames });
    });
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    ws.on('error', () => {});
  });
}

/** The SDK treats loggerLevel 0 (fatal) as unset: a logger that drops everything keeps it quiet. */
const quiet = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, trace: () => {} };
const serviceOf = (url: string) => Number(new URL(url).searchParams.get('service_id'));

describe('the stand-in long connection', () => {
  it("the endpoint answers a URL and Lark's ClientConfig for the app's credentials, and code 514 for a wrong secret or another app", async () => {
    s = await startStandin({ connection: 'socket' });
    const ok = await endpoint(s, { AppID: APP.appId, AppSecret: APP.appSecret });
    expect(ok.code).toBe(0);
    expect(ok.data.URL).toMatch(
      /^ws:\/\/127\.0\.0\.1:\d+\/ws\/v2\?fpid=\d+&aid=\d+&device_id=\d+&access_key=\w+&service_id=\d+&ticket=\w+$/,
    );
    expect(ok.data.ClientConfig).toEqual({ PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 });
    expect(await endpoint(s, { AppID: APP.appId, AppSecret: 'wrong' })).toMatchObject({ code: 514 });
    expect(await endpoint(s, { AppID: 'cli_0000000000000009', AppSecret: APP.appSecret })).toMatchObject({ code: 514 });
    expect(await endpoint(s, {})).toMatchObject({ code: 514 });
  });

  it('a URL opens one connection, once: a re-used or altered ticket is refused with 401 and Handshake-Status 514', async () => {
    s = await startStandin({ connection: 'socket' });
    const { data } = await endpoint(s, { AppID: APP.appId, AppSecret: APP.appSecret });
    expect('ws' in (await open(data.URL))).toBe(true);
    expect(await open(data.URL)).toMatchObject({ status: 401, headers: { 'handshake-status': '514' } });
    const fresh = (await endpoint(s, { AppID: APP.appId, AppSecret: APP.appSecret })).data.URL as string;
    expect(await open(fresh.replace(/service_id=\d+/, 'service_id=1'))).toMatchObject({
      status: 401,
      headers: { 'handshake-status': '514' },
    });
    expect(s.socketConnections()).toBe(1);
  });

  it("a ping for the connection's service gets a pong carrying the ClientConfig; a ping for another service is a protocol error", async () => {
    s = await startStandin({ connection: 'socket', socket: { pingInterval: 5, reconnectInterval: 1, reconnectNonce: 0 } });
    const { data } = await endpoint(s, { AppID: APP.appId, AppSecret: APP.appSecret });
    const c = (await open(data.URL)) as { ws: WebSocket; frames: Frame[] };
    const ping = (service: number): Frame => ({
      SeqID: 0,
      LogID: 0,
      service,
      method: METHOD.control,
      headers: [{ key: 'type', value: 'ping' }],
    });
    c.ws.send(encodeFrame(ping(serviceOf(data.URL))));
    await until(() => c.frames.length === 1);
    expect(headerOf(c.frames[0]!, 'type')).toBe('pong');
    expect(JSON.parse(Buffer.from(c.frames[0]!.payload!).toString())).toEqual({
      PingInterval: 5,
      ReconnectCount: -1,
      ReconnectInterval: 1,
      ReconnectNonce: 0,
    });
    c.ws.send(encodeFrame(ping(7)));
    await until(() => s!.socketProtocolErrors().length === 1);
    expect(s.socketProtocolErrors()[0]).toMatch(/ping for service 7/);
  });

  it("an event goes out as one data frame with the plain envelope; the client's {code:200,data} answer is the push's result", async () => {
    s = await startStandin({ connection: 'socket' });
    const { data } = await endpoint(s, { AppID: APP.appId, AppSecret: APP.appSecret });
    const c = (await open(data.URL)) as { ws: WebSocket; frames: Frame[] };
    c.ws.on('message', (bytes) => {
      const f = decodeFrame(bytes as Buffer);
      const answer = { code: 200, data: Buffer.from(JSON.stringify({ toast: { type: 'info', content: 'ok' } })).toString('base64') };
      c.ws.send(
        encodeFrame({ ...f, headers: [...f.headers, { key: 'biz_rt', value: '3' }], payload: Buffer.from(JSON.stringify(answer)) }),
      );
    });
    const res = await s.sendText({ from: ALICE.openId, text: 'hi' });
    expect(res).toMatchObject({ ok: true, status: 200, body: '{"toast":{"type":"info","content":"ok"}}' });
    const f = c.frames[0]!;
    expect(f.method).toBe(METHOD.data);
    expect(f.service).toBe(serviceOf(data.URL));
    expect(Object.fromEntries(f.headers.map((h) => [h.key, h.value]))).toMatchObject({
      type: 'event',
      sum: '1',
      seq: '0',
      message_id: expect.any(String),
      trace_id: expect.any(String),
    });
    const envelope = JSON.parse(Buffer.from(f.payload!).toString());
    expect(envelope).toMatchObject({
      schema: '2.0',
      header: { event_id: res.eventId, event_type: 'im.message.receive_v1', app_id: APP.appId },
    });
    expect(envelope.encrypt).toBeUndefined();
  });

  it("the SDK's WSClient connects, pings as it should, and answers an event through its EventDispatcher", async () => {
    s = await startStandin({ connection: 'socket', socket: { pingInterval: 0.05, reconnectInterval: 1, reconnectNonce: 0 } });
    const got: string[] = [];
    const dispatcher = new lark.EventDispatcher({ logger: quiet }).register({
      'im.message.receive_v1': async (d: Json) => {
        got.push(d.message.message_id);
        return { fine: true };
      },
    });
    const client = new lark.WSClient({ appId: APP.appId, appSecret: APP.appSecret, domain: s.url, logger: quiet });
    try {
      await client.start({ eventDispatcher: dispatcher });
      await until(() => s!.socketConnections() === 1 && s!.socketPings() >= 2, 5000);
      const res = await s.sendText({ from: ALICE.openId, text: 'hi' });
      expect(res).toMatchObject({ ok: true, status: 200, body: '{"fine":true}' });
      expect(got).toHaveLength(1);
      expect(s.socketProtocolErrors()).toEqual([]);
    } finally {
      client.close({ force: true });
    }
  });
});
