// The OpenAPI gateway: JSON replies with log ids, request log, injected faults, bearer-token check, app rate limits.
import type { Json } from './types.ts';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { newLogId } from './ids.ts';
import type { StandinState } from './state.ts';

export const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';
const JSON_TYPE = 'application/json; charset=utf-8';

/** Default `msg` for the codes the stand-in answers with. */
const MESSAGES: Record<number, string> = {
  9499: 'Bad Request',
  10014: 'app secret invalid',
  99991400: 'request trigger frequency limit',
  99991661: 'Need a token',
  99991663: 'Invalid access token for authorization',
  99992402: 'field validation failed',
  230001: 'Your request contains an invalid request parameter.',
  230002: 'The bot can not be outside the group.',
  230012: 'The bot is not the sender of the message.',
  230013: 'Bot has NO availability to this user.',
  230020: 'This operation triggers the frequency limit',
  230025: 'The length of the message content reaches its limit.',
  230034: 'The receive_id is invalid.',
  230099: 'Failed to create card content.',
  234001: 'Invalid request param.',
  234003: 'File not in msg.',
  234006: 'The file size exceed the max value.',
  234010: "File's size can't be 0.",
  300030: 'card update token is expired or invalid',
  300040: 'card update token has been used too many times',
};

export function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).header('content-type', JSON_TYPE).send(JSON.stringify(body));
}

export function sendError(reply: FastifyReply, status: number, code: number, msg?: string): FastifyReply {
  const logId = String(reply.getHeader('x-tt-logid') ?? newLogId());
  return sendJson(reply, status, { code, msg: msg ?? MESSAGES[code] ?? 'error', error: { log_id: logId } });
}

/** A business error: HTTP 400 with Lark's error body. */
export const fail = (reply: FastifyReply, code: number, msg?: string): FastifyReply => sendError(reply, 400, code, msg);

const pathOf = (url: string): string => url.split('?')[0];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function parseBody(body: string, done: (err: Error | null, value?: unknown) => void): void {
  if (body.trim() === '') return done(null, {});
  try {
    done(null, JSON.parse(body));
  } catch {
    done(Object.assign(new Error('invalid JSON body'), { statusCode: 400 }));
  }
}

export function installGateway(app: FastifyInstance, state: StandinState): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => parseBody(body as string, done));
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => parseBody(body as string, done));

  app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) =>
    sendError(reply, err.statusCode && err.statusCode < 500 ? err.statusCode : 500, 9499, err.message),
  );
  app.setNotFoundHandler((_req, reply) => sendError(reply, 404, 404, 'page not found'));

  const arrivals = new WeakMap<FastifyRequest, number>();

  app.addHook('onRequest', async (req, reply) => {
    arrivals.set(req, performance.now());
    reply.header('x-tt-logid', newLogId());
    const path = pathOf(req.url);
    if (!path.startsWith('/open-apis/')) return;

    const fault = state.takeFault(path, req.method);
    if (fault) {
      if (fault.delayMs) await sleep(fault.delayMs);
      if (fault.status !== 0) {
        const reset = fault.resetSeconds ?? (fault.status === 429 ? 1 : undefined);
        if (reset !== undefined) reply.header('x-ogw-ratelimit-reset', String(reset));
        if (fault.status === 429) reply.header('x-ogw-ratelimit-limit', String(state.opts.rateLimit.appPerSecond));
        return sendError(reply, fault.status, fault.code, fault.msg);
      }
    }
    if (path === TOKEN_PATH) return;

    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : '';
    if (!token) return sendError(reply, 400, 99991661);
    const expiresAt = state.tenantTokens.get(token);
    if (expiresAt === undefined || expiresAt <= state.opts.now()) return sendError(reply, 400, 99991663);

    const now = performance.now();
    const { appPerSecond, appPerMinute } = state.opts.rateLimit;
    for (const [limit, windowMs] of [
      [appPerSecond, 1000],
      [appPerMinute, 60_000],
    ] as const) {
      if (state.appWindow.count(now, windowMs) >= limit) {
        const reset = Math.max(1, Math.ceil(state.appWindow.msUntilFree(now, windowMs) / 1000));
        reply.header('x-ogw-ratelimit-limit', String(limit)).header('x-ogw-ratelimit-reset', String(reset));
        return sendError(reply, 429, 99991400);
      }
    }
    state.appWindow.hit(now);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const path = pathOf(req.url);
    if (!path.startsWith('/open-apis/')) return payload;
    let code = 0;
    if (typeof payload === 'string') {
      try {
        code = Number(JSON.parse(payload)?.code ?? 0);
      } catch {
        code = -1;
      }
    }
    state.requestLog.push({
      at: arrivals.get(req) ?? performance.now(),
      method: req.method,
      path,
      status: reply.statusCode,
      code,
      appWide: path !== TOKEN_PATH,
    });
    return payload;
  });
}

/** Body fields as a plain object (Fastify gives unknown). */
export const bodyOf = (req: FastifyRequest): Record<string, Json> =>
  req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, Json>) : {};

export const queryOf = (req: FastifyRequest): Record<string, string | undefined> => (req.query ?? {}) as Record<string, string | undefined>;
