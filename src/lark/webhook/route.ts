// POST /lark/webhook — events and card callbacks on one URL: verify, decrypt, check token and app, dedupe, answer fast.
//
// Order: (1) signature over the raw bytes when signed, and its X-Lark-Request-Timestamp within ±5 min of our clock
// (a captured request replayed later is refused), (2) decrypt, (3) url_verification (may come unsigned), (4) an encrypt
// key is configured but the request was unsigned → 401, then the path shared with the long connection
// (src/lark/inbound/dispatch.ts): (5) shape, token, app id and tenant, (6) card callbacks are answered now (3 s budget),
// (7) events are stored, answered 200, and handled after.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BODY_LIMIT } from '../../config.ts';
import type { AppContext } from '../../context.ts';
import { decryptPayload, signatureMatches } from '../crypto.ts';
import { requestTimeProblem } from '../freshness.ts';
import { dispatchInbound } from '../inbound/dispatch.ts';
import { inboundKind, observeInbound, type InboundKind } from '../../metrics/hooks.ts';
import { ChallengeSchema } from './envelope.ts';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
    /** card, event or other, once decrypted (the webhook latency metric's label) */
    larkKind?: InboundKind;
  }
}

const WEBHOOK_PATH = '/lark/webhook';

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function registerWebhook(app: FastifyInstance, ctx: AppContext): void {
  const { config } = ctx;
  const encryptKey = config.LARK_ENCRYPT_KEY;
  const token = config.LARK_VERIFICATION_TOKEN;

  // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits an async plugin
  app.register(async (scope) => {
    scope.addHook('onResponse', async (req, reply) =>
      observeInbound(ctx.metrics, 'webhook', req.larkKind ?? 'other', reply.statusCode, reply.elapsedTime / 1000),
    );
    // keep the raw bytes: the signature is over them, not over re-serialised JSON
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (req, body, done) => {
      req.rawBody = body as Buffer;
      try {
        done(null, JSON.parse((body as Buffer).toString('utf8')));
      } catch {
        done(Object.assign(new Error('body is not valid JSON'), { statusCode: 400 }), undefined);
      }
    });

    scope.post(WEBHOOK_PATH, async (req: FastifyRequest, reply: FastifyReply) => {
      const refuse = (status: number, reason: string) => {
        req.log.warn({ status, reason, ip: req.ip }, 'lark webhook refused');
        return reply.code(status).send({ error: reason });
      };
      const body = req.body as unknown;
      if (!body || typeof body !== 'object' || Array.isArray(body)) return refuse(400, 'body must be a JSON object');

      // (1) signature
      const sig = {
        timestamp: header(req, 'x-lark-request-timestamp'),
        nonce: header(req, 'x-lark-request-nonce'),
        signature: header(req, 'x-lark-signature'),
      };
      const signed = Boolean(sig.signature);
      if (signed && encryptKey && !signatureMatches(sig, encryptKey, req.rawBody ?? Buffer.alloc(0))) {
        return refuse(401, 'signature does not match');
      }
      // a signed request carries the time it was signed: outside the window it is a replay (or a clock gone wrong)
      if (signed && encryptKey) {
        const stale = requestTimeProblem(sig.timestamp, ctx.clock.now());
        if (stale) return refuse(401, stale);
      }

      // (2) decrypt
      let plain: unknown = body;
      const encrypted = (body as { encrypt?: unknown }).encrypt;
      if (encrypted !== undefined) {
        if (!encryptKey) return refuse(400, 'encrypted body but LARK_ENCRYPT_KEY is not set');
        if (typeof encrypted !== 'string') return refuse(400, 'encrypt must be a string');
        try {
          plain = JSON.parse(decryptPayload(encryptKey, encrypted));
        } catch {
          return refuse(400, 'cannot decrypt the body with LARK_ENCRYPT_KEY');
        }
      }

      req.larkKind = inboundKind(plain);

      // (3) url_verification: answered at once, before anything else
      const challenge = ChallengeSchema.safeParse(plain);
      if (challenge.success) {
        if (token && challenge.data.token !== token) return refuse(401, 'verification token does not match');
        return { challenge: challenge.data.challenge };
      }

      // (4) with an encrypt key, Lark signs every push
      if (encryptKey && !signed) return refuse(401, 'signature headers missing');

      // (5)–(7) the shared path: token and app, card callbacks answered now, events stored and handled after
      const answer = await dispatchInbound(ctx, plain, 'webhook');
      if (answer.status === 200) return answer.body;
      if (answer.status === 503) return reply.code(503).send({ error: answer.reason });
      return refuse(answer.status, answer.reason);
    });
  });
}
