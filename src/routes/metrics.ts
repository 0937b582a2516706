// GET /metrics: this instance's metrics in the Prometheus text format; with METRICS_TOKEN set, only for `Authorization: Bearer <token>`.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { outboxGauges } from '../metrics/outbox-stats.ts';

/** How long a scrape waits for the outbox numbers before it shows the previous ones. */
const OUTBOX_STATS_TIMEOUT_MS = 500;

const digest = (s: string) => createHash('sha256').update(s).digest();

function bearerMatches(req: FastifyRequest, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return Boolean(m) && timingSafeEqual(digest(m![1]!), digest(token));
}

export function registerMetrics(app: FastifyInstance, ctx: AppContext): void {
  const { metrics, config } = ctx;
  const refreshOutbox = outboxGauges(metrics, ctx.db, OUTBOX_STATS_TIMEOUT_MS);
  let warned = false;

  app.get('/metrics', async (req, reply) => {
    const token = config.METRICS_TOKEN;
    if (token && !bearerMatches(req, token)) {
      req.log.info({ ip: req.ip }, 'metrics scrape refused: no or wrong bearer token');
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .send({ error: 'a bearer token is required (METRICS_TOKEN)' });
    }
    const fresh = await refreshOutbox(ctx.clock.now());
    // one line per outage, not one per scrape
    if (!fresh && !warned) ctx.log.warn('metrics: the outbox numbers could not be read in time; showing the previous ones');
    warned = !fresh;
    return reply
      .header('content-type', metrics.registry.contentType)
      .header('cache-control', 'no-store')
      .send(await metrics.registry.metrics());
  });
}
