// GET /healthz: the service is up and its database answers.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';

export function registerHealth(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', async (_req, reply) => {
    try {
      await ctx.database.ping();
      return { status: 'ok' };
    } catch (e) {
      ctx.log.error({ err: e }, 'health check: database unreachable');
      return reply.code(503).send({ status: 'unavailable', database: 'unreachable' });
    }
  });
}
