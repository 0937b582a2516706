// Enqueues a scheduler pass's messages: to a person's open_id, outside quiet hours, once per key, and notes each in the pass's report.
import type { Db } from '../db/client.ts';
import type { Card } from '../lark/cards/kit.ts';
import { addDays, shanghaiDay, shanghaiInstant, shanghaiTime } from '../lib/shanghai.ts';
import { cardToPerson, enqueue, enqueueMany, type OutboxMessage } from '../outbox/enqueue.ts';
import type { DutyOrg } from '../rules/duties/duty-org.ts';
import type { RulebookSettings } from '../rules/rulebook/schema.ts';

export interface Enqueued {
  key: string;
  personId: string;
  name: string;
  title: string;
  notBefore?: string;
}

/** When a message made at `now` may go out: now, or the end of the quiet hours (21:00–08:00 by default). */
export function afterQuietHours(now: Date, quiet: RulebookSettings['quiet_hours']): Date | undefined {
  const t = shanghaiTime(now);
  const inQuiet = quiet.from > quiet.to ? t >= quiet.from || t < quiet.to : t >= quiet.from && t < quiet.to;
  if (!inQuiet) return undefined;
  const today = shanghaiDay(now);
  return shanghaiInstant(t >= quiet.to && quiet.from > quiet.to ? addDays(today, 1) : today, quiet.to);
}

export class TickMailer {
  readonly sent: Enqueued[] = [];
  readonly skipped: { personId: string; reason: string }[] = [];
  /** while buffering: messages kept for one multi-row insert at the end of the batch (flush) */
  private pending: Map<string, { m: OutboxMessage; note: Enqueued }> | null = null;

  constructor(
    private readonly tx: Db,
    private readonly now: Date,
    private readonly settings: RulebookSettings,
    private readonly org: DutyOrg,
  ) {}

  /** Returns true when the message was new. Emergencies and escalations pass quiet hours (`urgent`); `notBefore` times a reminder wave's card. */
  async toPerson(
    personId: string,
    key: string,
    card: Card,
    source: string,
    opts: { urgent?: boolean; notBefore?: Date } = {},
  ): Promise<boolean> {
    const person = this.org.people.get(personId);
    if (!person?.openId || !person.active) {
      this.skipped.push({ personId, reason: person ? 'no open_id or inactive' : 'unknown person' });
      return false;
    }
    const at = opts.notBefore && opts.notBefore > this.now ? opts.notBefore : this.now;
    const notBefore = opts.urgent ? undefined : (afterQuietHours(at, this.settings.quiet_hours) ?? (at > this.now ? at : undefined));
    const m = cardToPerson(key, person.openId, card, source, { notBefore, urgentTo: opts.urgent ? [person.openId] : undefined });
    const note: Enqueued = {
      key,
      personId,
      name: person.name,
      title: card.header.title.content,
      ...(notBefore ? { notBefore: notBefore.toISOString() } : {}),
    };
    if (this.pending) {
      // buffered: new unless the key is already waiting (the flush keeps only what the outbox did not have)
      if (this.pending.has(key)) return false;
      this.pending.set(key, { m, note });
      return true;
    }
    const fresh = await enqueue(this.tx, this.now, m);
    if (fresh) this.sent.push(note);
    return fresh;
  }

  /** From now on messages wait for flush(): thousands of cards in a few statements instead of one insert each. */
  buffer(): void {
    this.pending ??= new Map();
  }

  /** Writes what waits (in the order it came), in the pass's transaction; `sent` then lists what was new. */
  async flush(): Promise<void> {
    if (!this.pending?.size) return;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    const fresh = await enqueueMany(
      this.tx,
      this.now,
      waiting.map((w) => w.m),
    );
    for (const w of waiting) if (fresh.has(w.m.key)) this.sent.push(w.note);
  }
}
