// GET /healthz: the service is up and its database answers (and, in long-connection mode, the connection's state).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';

export function registerHealth(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', async (_req, reply) => {
    try {
      await ctx.database.ping();
      return ctx.larkSocket ? { status: 'ok', socket: ctx.larkSocket.state() } : { status: 'ok' };
    } catch (e) {
      ctx.log.error({ err: e }, 'health check: database unreachable');
      return reply.code(503).send({ status: 'unavailable', database: 'unreachable' });
    }
  });
}
