// The playground's page and API on the bot's own app: people and chats, messages, writing to the bot, card actions, the clock.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { and, asc, gt, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { listCenterRolesOn, listCenters, listPeople } from '../../db/queries/org.ts';
import { duties } from '../../db/schema/index.ts';
import { instantText } from '../../lark/cards/format.ts';
import { addDays, shanghaiDay, shanghaiInstant } from '../../lib/shanghai.ts';
import { runTick } from '../../scheduler/tick.ts';
import type { OutboxSender } from '../../outbox/sender.ts';
import { BOT_NAME, type Playground } from './start-playground.ts';

const PUBLIC = path.resolve(import.meta.dirname, 'public');
const ASSETS: Record<string, string> = { 'app.js': 'text/javascript', 'cards.js': 'text/javascript', 'style.css': 'text/css' };
const ROLE_NAMES: Record<string, string> = {
  manager: '经理',
  supervisor: '主管',
  leader: '分管领导',
  quality: '品质管理中心',
  admin: '行政管理部',
  customer_service: '客服中心',
};
/** People listed in this order (the page opens as the first: a center manager), and the short names of the one-line hint of whom to pick. */
const ROLE_ORDER = ['manager', 'supervisor', 'leader', 'quality', 'admin', 'customer_service', 'general_manager'];
const ROLE_SHORT: Record<string, string> = {
  manager: '经理',
  supervisor: '主管',
  leader: '领导',
  quality: '品质',
  admin: '行政',
  customer_service: '客服',
};
const rank = (roles: string[]) =>
  Math.min(...roles.map((r) => (ROLE_ORDER.includes(r) ? ROLE_ORDER.indexOf(r) : ROLE_ORDER.length)), ROLE_ORDER.length);

const Send = z.object({ as: z.string().min(1), chatId: z.string().min(1), text: z.string().trim().min(1).max(2000) });
const Submit = z.object({
  as: z.string().min(1),
  messageId: z.string().min(1),
  buttonName: z.string().optional(),
  values: z.record(z.string(), z.unknown()),
});
const Click = z.object({ as: z.string().min(1), messageId: z.string().min(1), buttonName: z.string().optional() });
const ClockMove = z.discriminatedUnion('action', [
  z.object({ action: z.literal('to-time'), time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/) }),
  z.object({ action: z.literal('next-deadline') }),
  z.object({ action: z.literal('end-month') }),
]);

export function playgroundRoutes(pg: Playground, sender: () => OutboxSender | null) {
  return (app: FastifyInstance, ctx: AppContext) => {
    const { standin, clock } = pg;
    const bad = (reply: { code: (n: number) => { send: (b: unknown) => unknown } }, error: string) => reply.code(400).send({ error });
    const known = (openId: string) => standin.users().some((u) => u.openId === openId);

    app.get('/', { logLevel: 'warn' }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(await readFile(path.join(PUBLIC, 'index.html'))),
    );
    app.get('/playground/:asset', { logLevel: 'warn' }, async (req, reply) => {
      const asset = (req.params as { asset: string }).asset;
      if (!ASSETS[asset]) return reply.code(404).send({ error: 'not found' });
      return reply.type(`${ASSETS[asset]}; charset=utf-8`).send(await readFile(path.join(PUBLIC, asset)));
    });

    app.get('/playground/api/state', { logLevel: 'warn' }, async () => {
      const now = clock.now();
      const today = shanghaiDay(now);
      const people = await listPeople(ctx.db, { activeOnly: true });
      const roles = await listCenterRolesOn(ctx.db, today);
      const centerNames = new Map((await listCenters(ctx.db)).map((c) => [c.code, c.name]));
      const listed = people.filter((p) => p.openId).sort((a, b) => rank(a.roles) - rank(b.roles) || a.id.localeCompare(b.id));
      return {
        now: now.toISOString(),
        nowText: instantText(now),
        botName: BOT_NAME,
        // who to pick for each role: the first person holding it
        picks: Object.keys(ROLE_SHORT).flatMap((role) => {
          const p = listed.find((x) => (x.roles as string[]).includes(role));
          return p ? [{ role: ROLE_SHORT[role]!, name: p.name, openId: p.openId! }] : [];
        }),
        people: listed.map((p) => {
          const where = [...new Set(roles.filter((r) => r.personId === p.id).map((r) => centerNames.get(r.centerCode)))].filter(Boolean);
          return {
            openId: p.openId!,
            name: p.name,
            roles: p.roles,
            title: [p.name, ...p.roles.map((r) => ROLE_NAMES[r] ?? r), ...where].join(' · '),
          };
        }),
        chats: [
          ...people
            .filter((p) => p.openId)
            .map((p) => ({ chatId: standin.p2pChatId(p.openId!), name: BOT_NAME, kind: 'p2p', members: [p.openId!] })),
          ...standin.groups().map((g) => ({ ...g, kind: 'group' })),
        ],
      };
    });

    app.get('/playground/api/chat', { logLevel: 'warn' }, async (req, reply) => {
      const chatId = String((req.query as { chatId?: string }).chatId ?? '');
      if (!chatId) return bad(reply, 'chatId is required');
      const names = new Map(standin.users().map((u) => [u.openId, u.name]));
      return {
        messages: standin.conversation(chatId).map((m) => ({
          id: m.id,
          from: m.from,
          fromName: m.from === 'bot' ? BOT_NAME : (names.get(m.from) ?? m.from),
          time: new Date(m.createTime).toISOString(),
          msgType: m.msgType,
          ...(m.msgType === 'text' ? { text: String(m.content?.text ?? '').replace(/@_user_\d+\s*/g, '') } : {}),
          ...(m.msgType === 'interactive' ? { card: m.content } : {}),
          ...(m.msgType === 'file' ? { fileKey: m.content?.file_key, fileName: standin.file(m.content?.file_key)?.name ?? '文件' } : {}),
          urgent: m.urgent,
        })),
      };
    });

    app.post('/playground/api/send', async (req, reply) => {
      const body = Send.safeParse(req.body);
      if (!body.success || !known(body.data.as)) return bad(reply, 'as, chatId and text are required');
      const { as, chatId, text } = body.data;
      const p2p = chatId === standin.p2pChatId(as);
      const group = standin.groups().find((g) => g.chatId === chatId && g.members.includes(as));
      if (!p2p && !group) return bad(reply, 'not a chat of this person');
      // in a group the message @-mentions the bot, as a person would
      const res = p2p
        ? await standin.sendText({ from: as, text })
        : await standin.sendText({
            from: as,
            chatId,
            text: `@_user_1 ${text}`,
            mentions: [{ key: '@_user_1', openId: standin.botOpenId, name: BOT_NAME }],
          });
      return { ok: res.ok };
    });

    app.post('/playground/api/submit', async (req, reply) => {
      const body = Submit.safeParse(req.body);
      if (!body.success || !known(body.data.as)) return bad(reply, 'as, messageId and values are required');
      try {
        const r = await standin.submitForm({
          messageId: body.data.messageId,
          user: body.data.as,
          values: body.data.values,
          buttonName: body.data.buttonName,
        });
        return { toast: r.toast, blocked: r.missing?.length ? `${r.blocked}：${r.missing.join('、')}` : r.blocked };
      } catch (e) {
        return bad(reply, (e as Error).message);
      }
    });

    app.post('/playground/api/click', async (req, reply) => {
      const body = Click.safeParse(req.body);
      if (!body.success || !known(body.data.as)) return bad(reply, 'as and messageId are required');
      try {
        const r = await standin.clickButton({ messageId: body.data.messageId, user: body.data.as, buttonName: body.data.buttonName });
        return { toast: r.toast };
      } catch (e) {
        return bad(reply, (e as Error).message);
      }
    });

    app.post('/playground/api/clock', async (req, reply) => {
      const body = ClockMove.safeParse(req.body);
      if (!body.success) return bad(reply, 'action must be to-time (with time HH:MM), next-deadline or end-month');
      const now = clock.now();
      const today = shanghaiDay(now);
      let to: Date;
      if (body.data.action === 'to-time') {
        // the next workday at that time (a daily report is due on workdays only)
        let day = today;
        while (shanghaiInstant(day, body.data.time) <= now || !ctx.rules.calendar.isWorkday(day)) day = addDays(day, 1);
        to = shanghaiInstant(day, body.data.time);
      } else if (body.data.action === 'next-deadline') {
        const [next] = await ctx.db
          .select({ dueAt: duties.dueAt })
          .from(duties)
          .where(and(inArray(duties.kind, ['deadline', 'anchored']), inArray(duties.status, ['open']), gt(duties.dueAt, now)))
          .orderBy(asc(duties.dueAt))
          .limit(1);
        to = next ? new Date(next.dueAt.getTime() + 60_000) : new Date(now.getTime() + 3600_000);
      } else {
        to = shanghaiInstant(`${addDays(`${today.slice(0, 7)}-28`, 7).slice(0, 7)}-01`, '09:00');
      }
      clock.set(to);
      const report = await runTick({ db: ctx.db, rules: ctx.rules, log: ctx.log, metrics: ctx.metrics }, clock.now());
      await sender()?.drain();
      return { now: clock.now().toISOString(), nowText: instantText(clock.now()), sent: report.enqueued.length };
    });

    app.get('/playground/api/file', async (req, reply) => {
      const file = standin.file(String((req.query as { key?: string }).key ?? ''));
      if (!file) return reply.code(404).send({ error: 'no such file' });
      return reply
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .type('application/octet-stream')
        .send(file.bytes);
    });
  };
}
