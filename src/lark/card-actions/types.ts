// The contract between the card-action dispatcher and each action handler.
import type { SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import type { Person } from '../../db/schema/index.ts';
import type { Card } from '../cards/kit.ts';

export interface CardActionInput {
  eventId: string;
  messageId: string;
  chatId?: string;
  person: Person;
  value: { a: string } & Record<string, unknown>;
  formValue?: Record<string, unknown>;
  now: Date;
}

/** What Lark shows: a toast, and/or the card that replaces the clicked one. */
export interface CardResponse {
  toast?: { type: 'info' | 'success' | 'error' | 'warning'; content: string };
  card?: { type: 'raw'; data: Card };
}

/** Runs inside the transaction that records the click; everything it writes commits with it or not at all. */
export type CardActionHandler = (tx: Db, ctx: AppContext, input: CardActionInput) => Promise<CardResponse>;

/**
 * A handler's single-statement plan (the fast path): the answer it will give, decided without reading the database,
 * and its write, recorded with the click in one statement. An error toast is a refusal: nothing is written, not even
 * the click. A plan's write does not enqueue messages (the outbox is not kicked).
 */
export interface CardActionPlan {
  response: CardResponse;
  write?: PlannedWrite;
}

/**
 * The handler's write as one data-modifying statement: `template(fresh)` must write only where `fresh` holds (true only
 * the first time this click is recorded), e.g. `insert … select … where ${fresh}`, and take its values as
 * `sql.placeholder(name)`, filled from `values`. The template must be a module-level constant: its statement text is
 * built and prepared once per template.
 */
export interface PlannedWrite {
  template: (fresh: SQL) => SQL;
  values: Record<string, unknown>;
}

/** Offers a plan for this click, or null when the answer needs reads (then the handler runs in a transaction). */
export type CardActionPlanner = (ctx: AppContext, input: CardActionInput) => CardActionPlan | null;
