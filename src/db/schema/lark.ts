// The Lark edge: inbound events seen (dedupe), card actions answered (double clicks), and the outbox of messages to send.
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamptz } from './_helpers.ts';

/**
 * Every event Lark pushed, keyed so that a re-delivery is absorbed: message_id for messages (Lark's advice),
 * event_id for everything else. Stored before the 200 goes out; handled after.
 */
export const inboundEvents = pgTable(
  'inbound_events',
  {
    key: text().primaryKey(),
    eventId: text().notNull(),
    eventType: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text().notNull().default('pending'), // pending | processing | done | skipped | failed
    attempts: integer().notNull().default(0),
    error: text(),
    receivedAt: timestamptz().notNull(),
    lockedUntil: timestamptz(),
    handledAt: timestamptz(),
  },
  (t) => [index('inbound_events_pending_idx').on(t.receivedAt).where(sql`${t.status} in ('pending', 'processing')`)],
);

/**
 * Every card action answered, with the answer. The same click (same card, person, action and values) arriving
 * twice gets the stored answer back instead of being handled again.
 */
export const cardActions = pgTable(
  'card_actions',
  {
    id: serial().primaryKey(),
    eventId: text().notNull(),
    messageId: text().notNull(),
    operatorOpenId: text().notNull(),
    action: text().notNull(),
    valueHash: text().notNull(),
    value: jsonb().notNull(),
    formValue: jsonb(),
    response: jsonb(),
    receivedAt: timestamptz().notNull(),
  },
  (t) => [
    uniqueIndex('card_actions_event_key').on(t.eventId),
    uniqueIndex('card_actions_click_key').on(t.messageId, t.operatorOpenId, t.action, t.valueHash),
  ],
);

/**
 * Every message to send. `key` says what, for whom and which occurrence, so a message is enqueued once however
 * often the cause repeats; Lark's uuid is derived from it, so a crash between send and record cannot double it.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    key: text().notNull(),
    kind: text().notNull(), // send | reply | patch
    receiveIdType: text(), // open_id | chat_id (send)
    target: text().notNull(), // open_id / chat_id (send), message id (reply, patch)
    msgType: text().notNull(), // text | interactive
    content: jsonb().notNull(),
    urgentTo: text().array(), // open ids to buzz after the send (escalations)
    source: text().notNull(), // what caused it: "event:om_…", "reminder:…", "notice:…"
    status: text().notNull().default('pending'), // pending | sending | sent | failed | cancelled (a reminder whose duty was filed before it went out)
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamptz().notNull(),
    lockedUntil: timestamptz(),
    messageId: text(),
    errorCode: integer(),
    error: text(),
    createdAt: timestamptz().notNull(),
    sentAt: timestamptz(),
  },
  (t) => [
    uniqueIndex('outbox_key').on(t.key),
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'sending')`),
    /** the sender's per-person order: an earlier unsent row to the same target, found by lookup, not by a scan of the due rows */
    index('outbox_unsent_target_idx').on(t.target, t.id).where(sql`${t.status} in ('pending', 'sending')`),
  ],
);

/**
 * The tenant each app's pushes must come from, learned from the first push that passed every other check (when
 * LARK_TENANT_KEY is not set): one row per app id, written once, so every instance and restart agrees.
 */
export const larkTenants = pgTable('lark_tenants', {
  appId: text().primaryKey(),
  tenantKey: text().notNull(),
  learnedAt: timestamptz().notNull(),
});

export type OutboxRow = typeof outbox.$inferSelect;
export type InboundEvent = typeof inboundEvents.$inferSelect;
