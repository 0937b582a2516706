// Test helpers for the Lark stand-in: a started stand-in, real SDK clients against it, and a tiny webhook receiver.
import type { Json } from '../../../src/sandbox/lark-standin/index.ts';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import * as lark from '@larksuiteoapi/node-sdk';
import { startLarkStandin, type LarkStandin, type StandinOptions } from '../../../src/sandbox/lark-standin/index.ts';

export const APP = {
  appId: 'cli_a1b2c3d4e5f60718',
  appSecret: 'standin-app-secret',
  verificationToken: 'standin-verification-token',
  encryptKey: 'standin-encrypt-key',
};

export const ALICE = { openId: 'ou_alice0000000000000000000000000', name: 'Alice', email: 'alice@example.com', mobile: '13800000001' };
export const BOB = { openId: 'ou_bob000000000000000000000000000', name: 'Bob', email: 'bob@example.com' };
export const GROUP = 'oc_group00000000000000000000000001';

/** A stand-in with Alice, Bob and a group containing both; plain (unencrypted) unless encryptKey is passed. */
export async function startStandin(extra: Partial<StandinOptions> = {}): Promise<LarkStandin> {
  const s = await startLarkStandin({ appId: APP.appId, appSecret: APP.appSecret, verificationToken: APP.verificationToken, ...extra });
  s.addUser(ALICE);
  s.addUser(BOB);
  s.addChat({ chatId: GROUP, name: 'Center 1', members: [ALICE.openId, BOB.openId] });
  return s;
}

const quiet = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };

/** The real SDK client with the stand-in as its domain and its own token cache (the default one is process-global). */
export function sdkClient(s: LarkStandin, appSecret = APP.appSecret): lark.Client {
  return new lark.Client({
    appId: APP.appId,
    appSecret,
    domain: s.url,
    disableTokenCache: false,
    loggerLevel: lark.LoggerLevel.error,
    logger: quiet,
    cache: new lark.DefaultCache(),
  });
}

/** The HTTP status, Lark code and headers of a rejected SDK call (the SDK throws an AxiosError on non-2xx). */
export async function larkError(
  p: Promise<unknown>,
): Promise<{ status: number; code: number; msg: string; headers: Record<string, string> }> {
  try {
    await p;
  } catch (thrown) {
    const e: Json = thrown;
    if (!e?.response) throw e;
    return { status: e.response.status, code: e.response.data?.code, msg: e.response.data?.msg, headers: e.response.headers };
  }
  throw new Error('expected the call to fail');
}

export const text = (t: string) => JSON.stringify({ text: t });

interface Received {
  headers: Record<string, string | undefined>;
  raw: string;
  /** the decrypted (or plain) JSON */
  plain: Json;
  /** undefined when no signature headers came */
  signatureOk?: boolean;
}

type Responder = (r: Received) => { status?: number; body?: unknown; delayMs?: number } | undefined;

/** A webhook that records what arrives, checks signatures with its own sha256 and decrypts with the SDK's AESCipher. */
export async function startReceiver(encryptKey?: string) {
  const received: Received[] = [];
  let responder: Responder = (r) => (r.plain?.type === 'url_verification' ? { body: { challenge: r.plain.challenge } } : undefined);
  const app = Fastify({ forceCloseConnections: true }); // don't wait for sockets of pushes the stand-in gave up on
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.post('/webhook', async (req, reply) => {
    const raw = req.body as string;
    const h = req.headers as Record<string, string | undefined>;
    let plain: Json;
    try {
      const parsed = JSON.parse(raw);
      plain = parsed.encrypt ? JSON.parse(new lark.AESCipher(encryptKey!).decrypt(parsed.encrypt)) : parsed;
    } catch {
      plain = undefined;
    }
    const ts = h['x-lark-request-timestamp'];
    const nonce = h['x-lark-request-nonce'];
    const sig = h['x-lark-signature'];
    const signatureOk =
      ts === undefined && nonce === undefined && sig === undefined
        ? undefined
        : sig === createHash('sha256').update(`${ts}${nonce}${encryptKey}`).update(raw).digest('hex');
    const r: Received = { headers: h, raw, plain, signatureOk };
    received.push(r);
    const answer = responder(r) ?? {};
    if (answer.delayMs) await new Promise((res) => setTimeout(res, answer.delayMs));
    return reply.code(answer.status ?? 200).send(answer.body ?? {});
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    respond(fn: Responder) {
      responder = fn;
    },
    close: () => app.close(),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `cond` holds (polling), failing after `ms`. */
export async function until(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(10);
  }
}

/** A 2.0 card with one form: a required input "title", an optional input "note", a submit button "save". */
export function formCard(extra: { noteDefault?: string } = {}) {
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: { tag: 'plain_text', content: 'Report' }, template: 'blue' },
    body: {
      elements: [
        { tag: 'markdown', content: 'Fill in the report' },
        {
          tag: 'form',
          name: 'report',
          elements: [
            { tag: 'input', name: 'title', required: true, placeholder: { tag: 'plain_text', content: 'Title' } },
            { tag: 'input', name: 'note', ...(extra.noteDefault ? { default_value: extra.noteDefault } : {}) },
            {
              tag: 'button',
              name: 'save',
              text: { tag: 'plain_text', content: 'Save' },
              type: 'primary',
              form_action_type: 'submit',
              behaviors: [{ type: 'callback', value: { action: 'save_report' } }],
            },
          ],
        },
        {
          tag: 'button',
          name: 'snooze',
          text: { tag: 'plain_text', content: 'Later' },
          behaviors: [{ type: 'callback', value: { action: 'snooze' } }],
        },
      ],
    },
  };
}
