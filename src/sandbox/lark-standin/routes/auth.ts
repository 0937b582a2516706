// POST /open-apis/auth/v3/tenant_access_token/internal: app id + secret → a tenant token that expires.
import type { FastifyInstance } from 'fastify';
import { bodyOf, sendError, sendJson, TOKEN_PATH } from '../http.ts';
import { newTenantToken } from '../ids.ts';
import type { StandinState } from '../state.ts';

/** Lark hands out the current token while it has at least 30 minutes left, a fresh one otherwise. */
const REUSE_MIN_MS = 30 * 60_000;

export function registerAuth(app: FastifyInstance, state: StandinState): void {
  app.post(TOKEN_PATH, async (req, reply) => {
    const { app_id, app_secret } = bodyOf(req);
    if (app_id !== state.opts.appId || app_secret !== state.opts.appSecret) return sendError(reply, 400, 10014);
    const now = state.opts.now();
    for (const [token, expiresAt] of state.tenantTokens) {
      if (expiresAt - now >= REUSE_MIN_MS) {
        return sendJson(reply, 200, { code: 0, msg: 'ok', tenant_access_token: token, expire: Math.floor((expiresAt - now) / 1000) });
      }
    }
    const token = newTenantToken();
    state.tenantTokens.set(token, now + state.opts.tokenTtlSeconds * 1000);
    return sendJson(reply, 200, { code: 0, msg: 'ok', tenant_access_token: token, expire: state.opts.tokenTtlSeconds });
  });
}
