// The contract between the card-action dispatcher and each action handler.
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
