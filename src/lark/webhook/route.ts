// POST /lark/webhook — events and card callbacks on one URL: verify, decrypt, check token and app, dedupe, answer fast.
//
// Order: (1) signature over the raw bytes when signed, (2) decrypt, (3) url_verification (may come unsigned),
// (4) an encrypt key is configured but the request was unsigned → 401, (5) token and app id, (6) shape,
// (7) card callbacks are answered now (3 s budget), events are stored, answered 200, and handled after.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BODY_LIMIT } from '../../config.ts';
import type { AppContext } from '../../context.ts';
import { recordInbound } from '../../db/queries/inbound.ts';
import { handleCardAction, cardErrorResponse } from '../card-actions/handle-card-action.ts';
import { decryptPayload, signatureMatches } from '../crypto.ts';
import { knownEventType } from '../events/index.ts';
import { processInboundSoon } from '../events/process-inbound.ts';
import { ChallengeSchema, toInbound } from './envelope.ts';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
  }
}

export const WEBHOOK_PATH = '/lark/webhook';
const CARD_ACTION = 'card.action.trigger';

/** Key that absorbs re-deliveries: Lark advises message_id for messages, event_id otherwise. */
function dedupeKey(eventType: string, eventId: string, event: Record<string, unknown>): string {
  const messageId = (event.message as { message_id?: unknown } | undefined)?.message_id;
  return eventType === 'im.message.receive_v1' && typeof messageId === 'string' ? `msg:${messageId}` : `evt:${eventId}`;
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function registerWebhook(app: FastifyInstance, ctx: AppContext): void {
  const { config, log } = ctx;
  const encryptKey = config.LARK_ENCRYPT_KEY;
  const token = config.LARK_VERIFICATION_TOKEN;

  app.register(async (scope) => {
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

      // (3) url_verification: answered at once, before anything else
      const challenge = ChallengeSchema.safeParse(plain);
      if (challenge.success) {
        if (token && challenge.data.token !== token) return refuse(401, 'verification token does not match');
        return { challenge: challenge.data.challenge };
      }

      // (4) with an encrypt key, Lark signs every push
      if (encryptKey && !signed) return refuse(401, 'signature headers missing');

      // (5) shape, token, app
      const inbound = toInbound(plain);
      if ('error' in inbound) return refuse(400, inbound.error);
      if (!token || inbound.token !== token) return refuse(401, 'verification token does not match');
      if (inbound.appId && config.LARK_APP_ID && inbound.appId !== config.LARK_APP_ID) return refuse(401, 'app id does not match');

      // (6) card callbacks: answered now, within Lark's 3 seconds
      if (inbound.eventType === CARD_ACTION) {
        try {
          return await handleCardAction(ctx, inbound.eventId, inbound.event);
        } catch (e) {
          req.log.error({ err: e, eventId: inbound.eventId }, 'card action failed');
          return cardErrorResponse();
        }
      }

      // (7) events: store (dedupe), answer, handle after
      const known = knownEventType(inbound.eventType);
      const key = dedupeKey(inbound.eventType, inbound.eventId, inbound.event);
      let fresh: boolean;
      try {
        fresh = await recordInbound(ctx.db, {
          key,
          eventId: inbound.eventId,
          eventType: inbound.eventType,
          payload: inbound.event,
          receivedAt: ctx.clock.now(),
          status: known ? 'pending' : 'skipped',
        });
      } catch (e) {
        req.log.error({ err: e }, 'cannot store the event; Lark will re-send it');
        return reply.code(503).send({ error: 'temporarily unavailable' });
      }
      if (!known) log.info({ eventType: inbound.eventType, eventId: inbound.eventId }, 'event type not handled; acknowledged');
      else if (!fresh) log.info({ key, eventId: inbound.eventId }, 'repeated event; acknowledged, not handled again');
      else processInboundSoon(ctx, key);
      return {};
    });
  });
}
