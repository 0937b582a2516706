// The one-line calls other modules make to move the metrics; each is a no-op without a registry (CLI, bare tests).
import type { LarkErrorKind } from '../lark/lark-error.ts';
import type { Metrics } from './registry.ts';

export type SendResult = 'sent' | 'retried' | 'failed';

/** What the sender knows of a row; only bounded values become labels (never targets, keys or content). */
interface SentRow {
  kind: string;
  msgType: string;
}

/** A row the sender finished with: sent, put back for a retry, or failed for good (with the Lark error's class). */
export function countSend(m: Metrics | undefined, row: SentRow, result: SendResult, err?: { kind: LarkErrorKind }): void {
  m?.sends.inc({ kind: row.kind, msg_type: row.msgType, result, error_class: err?.kind ?? 'none' });
}

/** One failed call to Lark while sending a row (each attempt, inline retries included). */
export function countSendError(m: Metrics | undefined, row: SentRow, err: { kind: LarkErrorKind }): void {
  m?.sendErrors.inc({ kind: row.kind, msg_type: row.msgType, error_class: err.kind });
}

export type InboundKind = 'card' | 'event' | 'other';

/** card for card.action.trigger, event for any other envelope (v2 or v1), other for what is neither (challenge, junk). */
export function inboundKind(plain: unknown): InboundKind {
  if (!plain || typeof plain !== 'object') return 'other';
  const p = plain as { header?: { event_type?: unknown }; type?: unknown };
  if (p.header && typeof p.header === 'object') return p.header.event_type === 'card.action.trigger' ? 'card' : 'event';
  return p.type === 'event_callback' ? 'event' : 'other';
}

/** A push answered: its transport, kind, status (HTTP status; for the long connection the shared path's status) and time. */
export function observeInbound(
  m: Metrics | undefined,
  transport: 'webhook' | 'socket',
  kind: InboundKind,
  status: number | string,
  seconds: number,
): void {
  m?.inbound.observe({ transport, kind, status: String(status) }, seconds);
}

/**
 * Times one scheduler batch: `await timedBatch(metrics, () => runBatch(…))`. Outcome ok, skipped (the batch resolved to
 * null: another instance had it) or failed (a throw, counted and rethrown).
 */
export async function timedBatch<T>(m: Metrics | undefined, run: () => Promise<T>): Promise<T> {
  if (!m) return run();
  const end = m.schedulerBatch.startTimer();
  try {
    const out = await run();
    end({ outcome: out === null ? 'skipped' : 'ok' });
    return out;
  } catch (e) {
    end({ outcome: 'failed' });
    throw e;
  }
}

/** Duties a pass inserted (new rows only, not the ones the unique key absorbed). */
export function countDutiesWritten(m: Metrics | undefined, n: number): void {
  if (n > 0) m?.dutiesWritten.inc(n);
}
