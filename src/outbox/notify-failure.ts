// A message that could not be delivered for good is told to the company's admins in chat — once per recipient, reason and day.
import type { Db } from '../db/client.ts';
import { describeTarget, listAdminOpenIds } from '../db/queries/org.ts';
import type { OutboxRow } from '../db/schema/index.ts';
import { deliveryFailedCard } from '../lark/cards/notice-cards.ts';
import type { LarkApiError } from '../lark/lark-error.ts';
import { shanghaiDay } from '../lib/shanghai.ts';
import { cardToPerson, enqueue } from './enqueue.ts';

/** What the failed message was, in words, from the source recorded with it. */
function whatItWas(row: OutboxRow): string {
  const content = row.content as { header?: { title?: { content?: string } }; text?: string };
  return content.header?.title?.content ?? (content.text ? content.text.slice(0, 20) : '消息');
}

export async function notifyAdminsOfFailure(db: Db, now: Date, row: OutboxRow, err: LarkApiError): Promise<number> {
  if (row.source.startsWith('notice:')) return 0; // a notice that fails is not noticed again (no loops)
  if (row.kind === 'patch') return 0; // a card left as it was (e.g. past Lark's 14 days) loses nothing worth an admin's time
  const admins = (await listAdminOpenIds(db)).filter((id) => id !== row.target);
  if (admins.length === 0) return 0;
  const recipient = row.kind === 'send' ? await describeTarget(db, row.target) : `消息 ${row.target}`;
  const card = deliveryFailedCard({ recipient, what: whatItWas(row), code: err.code, detail: err.message });
  let sent = 0;
  for (const admin of admins) {
    const key = `notice:delivery-failed:${row.target}:${err.code}:${shanghaiDay(now)}:${admin}`;
    if (await enqueue(db, now, cardToPerson(key, admin, card, `notice:delivery-failed:${row.key}`))) sent++;
  }
  return sent;
}
