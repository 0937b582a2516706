// im.chat.member.bot.added_v1 / deleted_v1: remember which groups the bot is in (and greet a group it joins).
import { z } from 'zod';
import { upsertChat } from '../../db/queries/org.ts';
import { cardToChat, enqueue } from '../../outbox/enqueue.ts';
import { groupGreetingCard } from '../cards/welcome-card.ts';
import type { EventHandler } from './index.ts';
import { SkipEvent } from './skip-event.ts';

const MembershipSchema = z.object({ chat_id: z.string().min(1), name: z.string().optional() });

export const onBotAdded: EventHandler = async (ctx, raw, meta) => {
  const e = MembershipSchema.safeParse(raw);
  if (!e.success) throw new SkipEvent('malformed bot-added event');
  await ctx.db.transaction(async (tx) => {
    await upsertChat(tx, { chatId: e.data.chat_id, name: e.data.name ?? null, botMember: true });
    await enqueue(
      tx,
      ctx.clock.now(),
      cardToChat(`greet:${e.data.chat_id}:${meta.eventId}`, e.data.chat_id, groupGreetingCard(e.data.name), `event:${meta.eventId}`),
    );
  });
};

export const onBotRemoved: EventHandler = async (ctx, raw) => {
  const e = MembershipSchema.safeParse(raw);
  if (!e.success) throw new SkipEvent('malformed bot-deleted event');
  await upsertChat(ctx.db, { chatId: e.data.chat_id, name: e.data.name ?? null, botMember: false });
};
