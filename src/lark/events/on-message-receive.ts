// im.message.receive_v1: a person wrote to the bot (p2p, or @-mentioned it in a group) → answer with a card.
import { z } from 'zod';
import { getPersonByOpenId } from '../../db/queries/org.ts';
import { respondToText } from '../../features/chat/respond.ts';
import { enqueue, replyTo, type OutboxMessage } from '../../outbox/enqueue.ts';
import { strangerText } from '../cards/welcome-card.ts';
import type { EventHandler } from './index.ts';
import { SkipEvent } from './skip-event.ts';
import { attachPhoto } from '../../features/records/photos.ts';

const MessageEventSchema = z.object({
  sender: z.object({
    sender_id: z.object({ open_id: z.string().min(1) }),
    sender_type: z.string().optional(),
  }),
  message: z.object({
    message_id: z.string().min(1),
    chat_id: z.string().min(1),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    mentions: z.array(z.object({ key: z.string(), id: z.object({ open_id: z.string().optional() }).optional() })).optional(),
  }),
});

/** In a group the bot answers only when it is @-mentioned (with the "all group messages" scope Lark sends everything). */
async function mentionsBot(ctx: Parameters<EventHandler>[0], mentions: { id?: { open_id?: string } }[] | undefined): Promise<boolean> {
  if (!mentions?.length) return false;
  const botId = await ctx.lark?.botOpenId().catch(() => undefined);
  return botId ? mentions.some((m) => m.id?.open_id === botId) : true;
}

function textOf(content: string): string | null {
  try {
    const parsed = JSON.parse(content) as { text?: unknown };
    return typeof parsed.text === 'string' ? parsed.text : null;
  } catch {
    return null;
  }
}

export const onMessageReceive: EventHandler = async (ctx, raw) => {
  const parsed = MessageEventSchema.safeParse(raw);
  if (!parsed.success) throw new SkipEvent(`malformed message event: ${parsed.error.issues[0]?.path.join('.')}`);
  const { sender, message } = parsed.data;
  if (sender.sender_type && sender.sender_type !== 'user') throw new SkipEvent('not from a user');
  if (message.chat_type !== 'p2p' && !(await mentionsBot(ctx, message.mentions)))
    throw new SkipEvent('group message not addressed to the bot');

  const source = `event:${message.message_id}`;
  const answer = (msgType: 'text' | 'interactive', content: unknown): OutboxMessage =>
    message.chat_type === 'p2p'
      ? { key: `reply:${message.message_id}`, kind: 'send', receiveIdType: 'chat_id', target: message.chat_id, msgType, content, source }
      : replyTo(message.message_id, msgType, content, source);

  const person = await getPersonByOpenId(ctx.db, sender.sender_id.open_id);
  if (!person?.active) {
    await enqueue(ctx.db, ctx.clock.now(), answer('text', strangerText()));
    return;
  }
  if (message.message_type === 'image') {
    await attachPhoto(ctx, person, message.message_id, message.content, answer);
    return;
  }
  if (message.message_type !== 'text') throw new SkipEvent(`message type ${message.message_type} is not handled yet`);
  const text = textOf(message.content);
  if (text === null) throw new SkipEvent('text message without text');
  const card = await respondToText(ctx, person, text, ctx.clock.now(), { group: message.chat_type !== 'p2p' });
  await enqueue(ctx.db, ctx.clock.now(), answer('interactive', card));
};
