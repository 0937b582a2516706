// Puts a message in the outbox once: the key (what × whom × which occurrence) absorbs every repeat of its cause.
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { outbox } from '../db/schema/index.ts';
import type { UploadFileType } from '../lark/lark-client.ts';

/** Lark's limit for an uploaded file. */
const MAX_FILE_BYTES = 30 * 1024 * 1024;

/**
 * The content of a `file` message in the outbox: the bytes to upload. The sender uploads them once and stores the
 * returned `fileKey` in the row before sending, so a retry sends the same file without uploading it again.
 */
export interface OutboxFileContent {
  fileName: string;
  fileType: UploadFileType;
  base64: string;
  fileKey?: string;
}

export interface OutboxMessage {
  /** Unique: what, for whom, which occurrence ("welcome:ou_x", "reply:om_y"). */
  key: string;
  /** patch: replace a card the bot sent (a reminder whose record was filed elsewhere) */
  kind: 'send' | 'reply' | 'patch';
  receiveIdType?: 'open_id' | 'chat_id';
  /** open_id / chat_id for send; message id for reply and patch. */
  target: string;
  /** `file`: content is an OutboxFileContent (send and reply only). */
  msgType: 'text' | 'interactive' | 'file';
  content: unknown;
  /** Buzz these people after sending (escalations, emergencies). */
  urgentTo?: string[];
  /** What caused it, for the record. */
  source: string;
  /** Not before this time (default: now). */
  notBefore?: Date;
}

/** The outbox row of a message, as enqueued at `now`. */
function rowOf(m: OutboxMessage, now: Date) {
  return {
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
  };
}

/** Returns true when the message was new, false when its key was already there. */
export async function enqueue(db: Db, now: Date, m: OutboxMessage): Promise<boolean> {
  return (await enqueueMany(db, now, [m])).size > 0;
}

/** A card to a person's p2p chat. */
export function cardToPerson(
  key: string,
  openId: string,
  card: unknown,
  source: string,
  extra: Partial<OutboxMessage> = {},
): OutboxMessage {
  return { key, kind: 'send', receiveIdType: 'open_id', target: openId, msgType: 'interactive', content: card, source, ...extra };
}

/** A card to a group chat. */
export function cardToChat(key: string, chatId: string, card: unknown, source: string, extra: Partial<OutboxMessage> = {}): OutboxMessage {
  return { key, kind: 'send', receiveIdType: 'chat_id', target: chatId, msgType: 'interactive', content: card, source, ...extra };
}

/** A file (a spreadsheet, a PDF…) to a group chat: uploaded, then sent as a file message. */
export function fileToChat(
  key: string,
  chatId: string,
  fileName: string,
  fileType: UploadFileType,
  bytes: Buffer,
  source: string,
): OutboxMessage {
  if (bytes.length === 0 || bytes.length > MAX_FILE_BYTES)
    throw new RangeError(`a file message needs 1 byte to 30 MB, not ${bytes.length} (${fileName})`);
  const content: OutboxFileContent = { fileName, fileType, base64: bytes.toString('base64') };
  return { key, kind: 'send', receiveIdType: 'chat_id', target: chatId, msgType: 'file', content, source };
}

/** A reply (card or text) to a message the user sent. */
export function replyTo(messageId: string, msgType: 'text' | 'interactive', content: unknown, source: string): OutboxMessage {
  return { key: `reply:${messageId}`, kind: 'reply', target: messageId, msgType, content, source };
}

/** Which of these keys are already in the outbox (a message sent once per key: announcements, digests, handovers). */
export async function enqueuedKeys(db: Db, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  return new Set((await db.select({ key: outbox.key }).from(outbox).where(inArray(outbox.key, keys))).map((r) => r.key));
}

/** Many messages in one statement per 500 (a scheduler batch's cards); returns the keys that were new. */
export async function enqueueMany(db: Db, now: Date, messages: OutboxMessage[]): Promise<Set<string>> {
  const fresh = new Set<string>();
  for (let i = 0; i < messages.length; i += 500) {
    const rows = await db
      .insert(outbox)
      .values(messages.slice(i, i + 500).map((m) => rowOf(m, now)))
      .onConflictDoNothing({ target: outbox.key })
      .returning({ key: outbox.key });
    for (const r of rows) fresh.add(r.key);
  }
  return fresh;
}
