// Puts a message in the outbox once: the key (what × whom × which occurrence) absorbs every repeat of its cause.
import type { Db } from '../db/client.ts';
import { outbox } from '../db/schema/index.ts';

export interface OutboxMessage {
  /** Unique: what, for whom, which occurrence ("welcome:ou_x", "reply:om_y"). */
  key: string;
  kind: 'send' | 'reply' | 'patch' | 'card_update';
  receiveIdType?: 'open_id' | 'chat_id';
  /** open_id / chat_id for send; message id for reply and patch; callback token for card_update. */
  target: string;
  msgType: 'text' | 'interactive';
  content: unknown;
  /** Buzz these people after sending (escalations, emergencies). */
  urgentTo?: string[];
  /** What caused it, for the record. */
  source: string;
  /** Not before this time (default: now). */
  notBefore?: Date;
}

/** Returns true when the message was new, false when its key was already there. */
export async function enqueue(db: Db, now: Date, m: OutboxMessage): Promise<boolean> {
  const inserted = await db
    .insert(outbox)
    .values({
      key: m.key,
      kind: m.kind,
      receiveIdType: m.receiveIdType ?? null,
      target: m.target,
      msgType: m.msgType,
      content: m.content as object,
      urgentTo: m.urgentTo?.length ? m.urgentTo : null,
      source: m.source,
      nextAttemptAt: m.notBefore ?? now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: outbox.key })
    .returning({ id: outbox.id });
  return inserted.length > 0;
}

/** A card to a person's p2p chat. */
export function cardToPerson(key: string, openId: string, card: unknown, source: string, extra: Partial<OutboxMessage> = {}): OutboxMessage {
  return { key, kind: 'send', receiveIdType: 'open_id', target: openId, msgType: 'interactive', content: card, source, ...extra };
}

/** A card to a group chat. */
export function cardToChat(key: string, chatId: string, card: unknown, source: string, extra: Partial<OutboxMessage> = {}): OutboxMessage {
  return { key, kind: 'send', receiveIdType: 'chat_id', target: chatId, msgType: 'interactive', content: card, source, ...extra };
}

/** A reply (card or text) to a message the user sent. */
export function replyTo(messageId: string, msgType: 'text' | 'interactive', content: unknown, source: string): OutboxMessage {
  return { key: `reply:${messageId}`, kind: 'reply', target: messageId, msgType, content, source };
}
