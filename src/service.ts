// Assembles the running service: Lark client, outbox sender, recovery of unhandled events, the HTTP app, and in
// LARK_CONNECTION=socket mode the long connection that brings events and card callbacks.
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import type { Database } from './db/client.ts';
import { processUnhandledInbound } from './lark/events/process-inbound.ts';
import { larkClientOf } from './lark/lark-client.ts';
import { createLarkSocket, type LarkSocket } from './lark/socket/lark-socket.ts';
import type { RateLimiter } from './lark/rate-limiter.ts';
import type { Clock } from './lib/clock.ts';
import type { Logger } from './lib/logger.ts';
import { createMetrics, instanceId } from './metrics/registry.ts';
import { notifyAdminsOfFailure } from './outbox/notify-failure.ts';
import { OutboxSender, type SenderOptions } from './outbox/sender.ts';
import { loadRulesContext, type RulesContext } from './rules/rules-context.ts';
import { startScheduler } from './scheduler/cron.ts';

export interface ServiceOptions {
  config: Config;
  database: Database;
  clock: Clock;
  log: Logger;
  limiter?: RateLimiter;
  sender?: Partial<Pick<SenderOptions, 'concurrency' | 'leaseMs' | 'pollMs' | 'maxAttempts'>>;
  /** How often to look for events a crash left unhandled (ms). */
  recoveryEveryMs?: number;
  /** The rules in force (default: loaded from RULEBOOK_FILE and CALENDAR_FILE). */
  rules?: RulesContext;
  /** Run the every-minute scheduler (default true; tests drive passes themselves). */
  scheduler?: boolean;
  /** More routes on the same app (the playground). */
  routes?: (app: FastifyInstance, ctx: AppContext) => void;
}

export interface Service {
  app: FastifyInstance;
  ctx: AppContext;
  sender: OutboxSender | null;
  /** The long connection to Lark (LARK_CONNECTION=socket), opened by start(). */
  socket: LarkSocket | null;
  /** Starts the background loops (outbox sender, recovery) and the long connection; the HTTP app works without them. */
  start(): void;
  /** Closes the long connection, stops the loops and closes the app (not the database). */
  close(): Promise<void>;
}

export async function createService(opts: ServiceOptions): Promise<Service> {
  const { config, database, clock, log } = opts;
  const lark = larkClientOf(config, log, opts.limiter);
  let sender: OutboxSender | null = null;
  const rules = opts.rules ?? (await loadRulesContext(config));
  const metrics = createMetrics({ instanceId: instanceId(config.INSTANCE_ID) });
  const ctx: AppContext = { config, database, db: database.db, clock, log, lark, rules, metrics, kickOutbox: () => sender?.kick() };
  if (lark) {
    sender = new OutboxSender({
      db: database.db,
      clock,
      client: lark,
      log,
      metrics,
      ...opts.sender,
      onPermanentFailure: async (row, err) => {
        if ((await notifyAdminsOfFailure(database.db, clock.now(), row, err)) > 0) sender?.kick();
      },
    });
  }
  const socket = lark && config.LARK_CONNECTION === 'socket' ? createLarkSocket(ctx) : null;
  if (socket) ctx.larkSocket = socket;
  const app = await buildApp(ctx, opts.routes);

  let recovery: NodeJS.Timeout | undefined;
  let scheduler: { stop: () => Promise<void> } | undefined;
  return {
    app,
    ctx,
    sender,
    socket,
    start() {
      socket?.start();
      sender?.start();
      if (opts.scheduler !== false) scheduler = startScheduler(ctx);
      const every = opts.recoveryEveryMs ?? 30_000;
      recovery = setInterval(() => {
        processUnhandledInbound(ctx).catch((e) => log.error({ err: e }, 'recovery of unhandled events failed'));
      }, every);
      recovery.unref();
    },
    async close() {
      socket?.close();
      if (recovery) clearInterval(recovery);
      await scheduler?.stop();
      await sender?.stop();
      await app.close();
    },
  };
}
