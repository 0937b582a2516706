// Enqueues a scheduler pass's messages: to a person's open_id, outside quiet hours, once per key, and notes each in the pass's report.
import type { Db } from '../db/client.ts';
import type { Card } from '../lark/cards/kit.ts';
import { addDays, shanghaiDay, shanghaiInstant, shanghaiTime } from '../lib/shanghai.ts';
import { cardToPerson, enqueue } from '../outbox/enqueue.ts';
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

  constructor(
    private readonly tx: Db,
    private readonly now: Date,
    private readonly settings: RulebookSettings,
    private readonly org: DutyOrg,
  ) {}

  /** Returns true when the message was new. Emergencies and escalations pass quiet hours (`urgent`). */
  async toPerson(personId: string, key: string, card: Card, source: string, opts: { urgent?: boolean } = {}): Promise<boolean> {
    const person = this.org.people.get(personId);
    if (!person?.openId || !person.active) {
      this.skipped.push({ personId, reason: person ? 'no open_id or inactive' : 'unknown person' });
      return false;
    }
    const notBefore = opts.urgent ? undefined : afterQuietHours(this.now, this.settings.quiet_hours);
    const fresh = await enqueue(this.tx, this.now, cardToPerson(key, person.openId, card, source, { notBefore, urgentTo: opts.urgent ? [person.openId] : undefined }));
    if (fresh) this.sent.push({ key, personId, name: person.name, title: card.header.title.content, ...(notBefore ? { notBefore: notBefore.toISOString() } : {}) });
    return fresh;
  }
}
