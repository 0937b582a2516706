// A person opened the chat with the bot: a welcome card, once per person ever (or a polite "not in the org" once).
import { z } from 'zod';
import { getPersonByOpenId, listCenterRoles, listCenters } from '../../db/queries/org.ts';
import { cardToPerson, enqueue } from '../../outbox/enqueue.ts';
import { strangerText, welcomeCard } from '../cards/welcome-card.ts';
import type { EventHandler } from './index.ts';
import { SkipEvent } from './skip-event.ts';

// v2 bot_p2p_chat_entered_v1 carries operator_id.open_id; v1 p2p_chat_create carries user.open_id
const EnteredSchema = z.union([
  z.object({ operator_id: z.object({ open_id: z.string().min(1) }) }).transform((e) => e.operator_id.open_id),
  z.object({ user: z.object({ open_id: z.string().min(1) }) }).transform((e) => e.user.open_id),
]);

export const onP2pEntered: EventHandler = async (ctx, raw, meta) => {
  const parsed = EnteredSchema.safeParse(raw);
  if (!parsed.success) throw new SkipEvent('malformed p2p-entered event');
  const openId = parsed.data;
  const source = `event:${meta.eventId}`;
  const person = await getPersonByOpenId(ctx.db, openId);
  if (!person?.active) {
    await enqueue(ctx.db, ctx.clock.now(), {
      key: `stranger:${openId}`,
      kind: 'send',
      receiveIdType: 'open_id',
      target: openId,
      msgType: 'text',
      content: strangerText(),
      source,
    });
    return;
  }
  const [roles, centers] = await Promise.all([listCenterRoles(ctx.db, { personId: person.id }), listCenters(ctx.db, { activeOnly: true })]);
  const names = new Map(centers.map((c) => [c.code, c.name]));
  const current = [
    ...new Set(
      roles
        .filter((r) => r.validTo === null)
        .map((r) => names.get(r.centerCode))
        .filter((n): n is string => Boolean(n)),
    ),
  ];
  await enqueue(
    ctx.db,
    ctx.clock.now(),
    cardToPerson(`welcome:${openId}`, openId, welcomeCard({ name: person.name, roles: person.roles, centers: current }), source),
  );
};
