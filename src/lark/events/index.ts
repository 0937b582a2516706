// The event registry: Lark event type → handler (one file each). Handlers validate their own event with zod.
import type { AppContext } from '../../context.ts';
import { onBotAdded, onBotRemoved } from './on-bot-membership.ts';
import { onMessageReceive } from './on-message-receive.ts';
import { onP2pEntered } from './on-p2p-entered.ts';

interface EventMeta {
  eventId: string;
  key: string;
}
export type EventHandler = (ctx: AppContext, event: Record<string, unknown>, meta: EventMeta) => Promise<void>;

export { SkipEvent } from './skip-event.ts';

const HANDLERS: Record<string, EventHandler> = {
  'im.message.receive_v1': onMessageReceive,
  'im.chat.member.bot.added_v1': onBotAdded,
  'im.chat.member.bot.deleted_v1': onBotRemoved,
  'im.chat.access_event.bot_p2p_chat_entered_v1': onP2pEntered,
  p2p_chat_create: onP2pEntered, // v1: the first time a user opens the chat
};

export const knownEventType = (type: string): boolean => type in HANDLERS;
export const eventHandler = (type: string): EventHandler | undefined => HANDLERS[type];
