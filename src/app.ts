// Builds the Fastify app from a context; tests inject into it, main.ts listens.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { BODY_LIMIT } from './config.ts';
import type { AppContext } from './context.ts';
import { registerWebhook } from './lark/webhook/route.ts';
import { registerHealth } from './routes/health.ts';
import { registerMetrics } from './routes/metrics.ts';

export async function buildApp(ctx: AppContext, extraRoutes?: (app: FastifyInstance, ctx: AppContext) => void): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    requestTimeout: 30_000,
  });

  // One place reports errors: 4xx say what was wrong, 5xx say nothing about internals.
  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ status, reason: err.message }, 'request refused');
    return reply.code(status).send({ error: status >= 500 ? 'internal error' : err.message });
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: 'not found' }));

  registerHealth(app, ctx);
  registerMetrics(app, ctx);
  if (ctx.config.LARK_APP_ID) registerWebhook(app, ctx);
  else ctx.log.warn('LARK_APP_ID is not set: the Lark webhook is off');
  if (ctx.config.LARK_APP_ID && ctx.config.LARK_CONNECTION === 'webhook' && !ctx.config.LARK_ENCRYPT_KEY) {
    ctx.log.warn('LARK_ALLOW_UNSIGNED=1 and no LARK_ENCRYPT_KEY: Lark pushes unencrypted, unsigned requests (only the token is checked)');
  }
  extraRoutes?.(app, ctx);
  await app.ready();
  return app;
}
