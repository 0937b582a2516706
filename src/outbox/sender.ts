// Sends what the outbox holds: claims due rows (FOR UPDATE SKIP LOCKED, with a lease), sends through LarkClient, records the result.
//
// In order per recipient: a row is not claimed while an earlier row (smaller id) to the same target is in flight, waits
// for a retry, or is due — so a person's later message never overtakes an earlier one, whatever the concurrency, the
// retries or the number of senders. An earlier row not yet due (a wave's card timed for later) does not hold others back.
//
// Exactly once: a row is claimed by one sender at a time; its Lark uuid is derived from its key, so a crash between
// the send and the record re-sends with the same uuid and Lark (1 h window) returns the first message. A file message
// is uploaded first and its file_key recorded in the row, so a retry sends without uploading again.
import { createHash } from 'node:crypto';
import { and, asc, eq, gt, inArray, lt, lte, notExists, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { outbox, type OutboxRow } from '../db/schema/index.ts';
import type { LarkClient, MsgType } from '../lark/lark-client.ts';
import { LarkApiError, toLarkError } from '../lark/lark-error.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import { countSend, countSendError } from '../metrics/hooks.ts';
import type { Metrics } from '../metrics/registry.ts';
import type { OutboxFileContent } from './enqueue.ts';

export interface SenderOptions {
  db: Db;
  clock: Clock;
  client: LarkClient;
  log: Logger;
  /** Rows sent at once (the limiter spaces them). */
  concurrency?: number;
  /** How long a claim holds before another sender may take the row (a sender that died). */
  leaseMs?: number;
  /** Poll interval when idle. */
  pollMs?: number;
  /** Attempts before a transient failure becomes permanent. */
  maxAttempts?: number;
  /** Told once per permanently failed row (e.g. to notify the admins). */
  onPermanentFailure?: (row: OutboxRow, err: LarkApiError) => Promise<void>;
  /** Counts sends by result (GET /metrics). */
  metrics?: Metrics;
}

export interface SendReport {
  sent: number;
  retried: number;
  failed: number;
}

/** Another row of the outbox: the earlier messages to the same target. */
const earlier = alias(outbox, 'earlier');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Lark's uuid (≤ 50 chars) for an outbox key. */
export function larkUuid(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 40);
}

export class OutboxSender {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly o: Required<Omit<SenderOptions, 'onPermanentFailure' | 'metrics'>> &
    Pick<SenderOptions, 'onPermanentFailure' | 'metrics'>;

  constructor(opts: SenderOptions) {
    this.o = { concurrency: 10, leaseMs: 60_000, pollMs: 1000, maxAttempts: 8, ...opts };
  }

  /** Claims up to `limit` due rows for this sender: oldest due first, at most the first unsent one per target. */
  async claim(limit: number): Promise<OutboxRow[]> {
    const now = this.o.clock.now();
    const lease = new Date(now.getTime() + this.o.leaseMs);
    return this.o.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: outbox.id })
        .from(outbox)
        .where(
          and(
            or(
              and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)),
              and(eq(outbox.status, 'sending'), lte(outbox.lockedUntil, now)),
            ),
            notExists(
              tx
                .select({ one: sql`1` })
                .from(earlier)
                .where(
                  and(
                    eq(earlier.target, outbox.target),
                    lt(earlier.id, outbox.id),
                    inArray(earlier.status, ['pending', 'sending']),
                    or(eq(earlier.status, 'sending'), gt(earlier.attempts, 0), lte(earlier.nextAttemptAt, now)),
                  ),
                ),
            ),
          ),
        )
        .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
        .limit(limit)
        .for('update', { skipLocked: true });
      if (due.length === 0) return [];
      return tx
        .update(outbox)
        .set({ status: 'sending', lockedUntil: lease, attempts: sql`${outbox.attempts} + 1` })
        .where(
          inArray(
            outbox.id,
            due.map((d) => d.id),
          ),
        )
        .returning();
    });
  }

  /** One pass: claim due rows and send them, `concurrency` at a time. */
  async runOnce(limit = 200): Promise<SendReport> {
    const report: SendReport = { sent: 0, retried: 0, failed: 0 };
    const rows = await this.claim(limit);
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        report[await this.deliver(row)]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, rows.length) }, worker));
    return report;
  }

  /** Sends until nothing is due (bounded), e.g. at the end of `steward tick` and in tests. */
  async drain(maxPasses = 1000): Promise<SendReport> {
    const total: SendReport = { sent: 0, retried: 0, failed: 0 };
    for (let i = 0; i < maxPasses; i++) {
      const r = await this.runOnce();
      total.sent += r.sent;
      total.retried += r.retried;
      total.failed += r.failed;
      if (r.sent + r.retried + r.failed === 0) break;
    }
    return total;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let report: SendReport = { sent: 0, retried: 0, failed: 0 };
        try {
          report = await this.runOnce();
        } catch (e) {
          this.o.log.error({ err: e }, 'outbox pass failed');
        }
        if (report.sent + report.retried + report.failed === 0 && this.running) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, this.o.pollMs);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.wake = undefined;
        }
      }
    })();
  }

  /** Something was enqueued: look now instead of at the next poll. */
  kick(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async deliver(row: OutboxRow): Promise<keyof SendReport> {
    const { db, log } = this.o;
    for (let inline = 0; ; inline++) {
      try {
        await this.perform(row);
        await db
          .update(outbox)
          .set({ status: 'sent', sentAt: this.o.clock.now(), lockedUntil: null, error: null, errorCode: null })
          .where(eq(outbox.id, row.id));
        countSend(this.o.metrics, row, 'sent');
        return 'sent';
      } catch (raw) {
        const err = toLarkError(raw);
        countSendError(this.o.metrics, row, err);
        const retryable = err.kind === 'rate' || err.kind === 'transient' || err.kind === 'token';
        // short waits are taken here; longer ones go back to the queue
        const wait = err.retryAfterMs ?? (err.kind === 'rate' ? 1000 : 250 * 2 ** inline);
        if (retryable && inline < 4 && wait <= 5000) {
          await sleep(wait);
          continue;
        }
        if (retryable && row.attempts < this.o.maxAttempts) {
          const backoff = Math.max(wait, Math.min(300_000, 1000 * 2 ** row.attempts));
          await db
            .update(outbox)
            .set({
              status: 'pending',
              lockedUntil: null,
              errorCode: err.code,
              error: err.message,
              nextAttemptAt: new Date(this.o.clock.now().getTime() + backoff),
            })
            .where(eq(outbox.id, row.id));
          log.warn({ key: row.key, code: err.code, attempts: row.attempts }, 'send failed; will retry');
          countSend(this.o.metrics, row, 'retried', err);
          return 'retried';
        }
        await db
          .update(outbox)
          .set({ status: 'failed', lockedUntil: null, errorCode: err.code, error: err.message })
          .where(eq(outbox.id, row.id));
        log.error({ key: row.key, code: err.code, target: row.target }, 'send failed for good');
        countSend(this.o.metrics, row, 'failed', err);
        await this.o.onPermanentFailure?.(row, err).catch((e) => log.error({ err: e }, 'could not report a failed send'));
        return 'failed';
      }
    }
  }

  /** The content Lark gets: the row's own, or for a file `{file_key}` — uploading the bytes first unless already done. */
  private async larkContent(row: OutboxRow): Promise<unknown> {
    if (row.msgType !== 'file') return row.content;
    let file = row.content as OutboxFileContent;
    if (!file.fileKey) {
      const fileKey = await this.o.client.uploadFile(file.fileName, file.fileType, Buffer.from(file.base64, 'base64'));
      file = { ...file, fileKey };
      await this.o.db.update(outbox).set({ content: file }).where(eq(outbox.id, row.id));
      row.content = file;
    }
    return { file_key: file.fileKey };
  }

  private async perform(row: OutboxRow): Promise<void> {
    const { client, db } = this.o;
    const uuid = larkUuid(row.key);
    switch (row.kind) {
      case 'send': {
        if (!row.messageId) {
          const { messageId } = await client.send(
            row.receiveIdType as 'open_id' | 'chat_id',
            row.target,
            row.msgType as MsgType,
            await this.larkContent(row),
            uuid,
          );
          row.messageId = messageId;
          await db.update(outbox).set({ messageId }).where(eq(outbox.id, row.id));
        }
        if (row.urgentTo?.length) await client.urgent(row.messageId, row.urgentTo);
        return;
      }
      case 'reply': {
        if (!row.messageId) {
          const { messageId } = await client.reply(row.target, row.msgType as MsgType, await this.larkContent(row), uuid);
          row.messageId = messageId;
          await db.update(outbox).set({ messageId }).where(eq(outbox.id, row.id));
        }
        return;
      }
      case 'patch':
        return client.patchCard(row.target, row.content);
      default:
        throw new LarkApiError(-2, `unknown outbox kind ${row.kind}`);
    }
  }
}
