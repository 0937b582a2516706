// One Prometheus registry per service instance (never the library's global one): the metrics Steward keeps and their labels.
import { hostname } from 'node:os';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The outbox kinds the depth gauges always report (0 when none are waiting). */
export const OUTBOX_KINDS = ['send', 'reply', 'patch'] as const;

export interface Metrics {
  readonly registry: Registry;
  /** Messages the outbox sender finished with, by what became of them. */
  readonly sends: Counter<'kind' | 'msg_type' | 'result' | 'error_class'>;
  /** Every failed call to Lark while sending (including the short waits retried inline). */
  readonly sendErrors: Counter<'kind' | 'msg_type' | 'error_class'>;
  /** Time from a push arriving (webhook request / long-connection frame) to its answer. */
  readonly inbound: Histogram<'transport' | 'kind' | 'status'>;
  /** How long one scheduler batch took, in its own transaction. */
  readonly schedulerBatch: Histogram<'outcome'>;
  /** Duties newly inserted by scheduler passes (counted once their batch committed). */
  readonly dutiesWritten: Counter<string>;
  /** Unsent outbox rows (pending or sending), by kind and whether they are due yet. */
  readonly outboxUnsent: Gauge<'kind' | 'due'>;
  /** Seconds since the oldest due unsent row was enqueued. */
  readonly outboxOldestAge: Gauge<'kind'>;
  /** 1 when the last scrape read the outbox numbers, 0 when it had to show the previous ones. */
  readonly outboxStatsOk: Gauge<string>;
  /** Scrapes that could not read the outbox numbers in time. */
  readonly outboxStatsFailures: Counter<'reason'>;
}

/** The instance label: INSTANCE_ID when set, else host:pid (unique among the instances on one database). */
export function instanceId(configured?: string): string {
  return configured ?? `${hostname()}:${process.pid}`;
}

/**
 * A fresh registry with Steward's metrics and the default process metrics (memory, CPU, event loop lag, GC), every
 * series labelled `instance_id` (not `instance`: Prometheus sets that one itself from the scrape target).
 */
export function createMetrics(opts: { instanceId: string }): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ instance_id: opts.instanceId });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    sends: new Counter({
      name: 'steward_outbox_sends_total',
      help: 'Outbox messages finished by the sender: result sent, retried (back to the queue) or failed (for good)',
      labelNames: ['kind', 'msg_type', 'result', 'error_class'] as const,
      registers,
    }),
    sendErrors: new Counter({
      name: 'steward_outbox_send_errors_total',
      help: 'Failed calls to Lark while sending, each attempt, by error class (rate = 429 and frequency limits)',
      labelNames: ['kind', 'msg_type', 'error_class'] as const,
      registers,
    }),
    inbound: new Histogram({
      name: 'steward_inbound_duration_seconds',
      help: 'From a Lark push arriving to its answer (Lark waits 3 s for a card callback)',
      labelNames: ['transport', 'kind', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    schedulerBatch: new Histogram({
      name: 'steward_scheduler_batch_duration_seconds',
      help: 'One scheduler batch (its own transaction), by outcome: ok, skipped (another instance had it) or failed',
      labelNames: ['outcome'] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    dutiesWritten: new Counter({
      name: 'steward_duties_written_total',
      help: 'Duties newly inserted by scheduler passes on this instance',
      registers,
    }),
    outboxUnsent: new Gauge({
      name: 'steward_outbox_unsent',
      help: 'Outbox rows not sent yet (pending or sending), by kind; due="false" are scheduled ahead (reminder waves, retries)',
      labelNames: ['kind', 'due'] as const,
      registers,
    }),
    outboxOldestAge: new Gauge({
      name: 'steward_outbox_oldest_due_age_seconds',
      help: 'Seconds since the oldest due, unsent outbox row was enqueued (0 when none is due)',
      labelNames: ['kind'] as const,
      registers,
    }),
    outboxStatsOk: new Gauge({
      name: 'steward_outbox_stats_ok',
      help: '1 when this scrape read the outbox numbers, 0 when the database was too slow or down and the previous numbers are shown',
      registers,
    }),
    outboxStatsFailures: new Counter({
      name: 'steward_outbox_stats_failures_total',
      help: 'Scrapes that could not read the outbox numbers: reason timeout or error',
      labelNames: ['reason'] as const,
      registers,
    }),
  };
}
