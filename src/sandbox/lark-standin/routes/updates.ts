// Changes to sent messages: PATCH a card, POST /interactive/v1/card/update (callback token), PATCH …/urgent_app.
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { isDowngrade } from '../cards.ts';
import { CARD_LIFETIME_MS } from '../card-callbacks.ts';
import { checkCard, checkContent } from '../content.ts';
import { bodyOf, fail, queryOf, sendJson } from '../http.ts';
import { latestContent, type StandinState } from '../state.ts';

const CARD_TOKEN_TTL_MS = 30 * 60_000;
const CARD_TOKEN_USES = 2;
const DOWNGRADE = 'Failed to create card content: a 2.0 card cannot be replaced by a 1.0 card';

type ById = { Params: { message_id: string } };

export function registerUpdates(app: FastifyInstance, state: StandinState): void {
  app.patch<ById>('/open-apis/im/v1/messages/:message_id', async (req, reply) => {
    const m = state.botMessages.get(req.params.message_id);
    if (m?.msgType !== 'interactive') return fail(reply, 230001, 'only interactive messages sent by this app can be patched');
    if (state.opts.now() - m.createTime > CARD_LIFETIME_MS) return fail(reply, 230031); // 更新已发送的消息卡片: "仅支持更新 14 天内发送的消息"
    const checked = checkContent('interactive', bodyOf(req).content, Buffer.byteLength(JSON.stringify(bodyOf(req)), 'utf8'));
    if (!checked.ok) return fail(reply, checked.code, checked.msg);
    if (isDowngrade(latestContent(m), checked.content)) return fail(reply, 230099, DOWNGRADE);
    if (!state.targetWindows.tryHit(`patch:${m.messageId}`, state.opts.rateLimit.perTargetPerSecond, performance.now()))
      return fail(reply, 230020);
    m.updates.push(checked.content);
    return sendJson(reply, 200, { code: 0, msg: 'ok', data: {} });
  });

  app.post('/open-apis/interactive/v1/card/update', async (req, reply) => {
    const { token, card } = bodyOf(req);
    const entry = typeof token === 'string' ? state.cardTokens.get(token) : undefined;
    if (!entry || state.opts.now() - entry.issuedAt > CARD_TOKEN_TTL_MS) return fail(reply, 300030);
    if (entry.uses >= CARD_TOKEN_USES) return fail(reply, 300040);
    const checked = checkCard(card);
    if (!checked.ok) return fail(reply, checked.code, checked.msg);
    const m = state.botMessages.get(entry.messageId)!;
    if (isDowngrade(latestContent(m), card)) return fail(reply, 230099, DOWNGRADE);
    entry.uses++;
    m.updates.push(card);
    return sendJson(reply, 200, { code: 0, msg: 'ok' });
  });

  app.patch<ById>('/open-apis/im/v1/messages/:message_id/urgent_app', async (req, reply) => {
    const idType = queryOf(req).user_id_type ?? 'open_id';
    if (!['open_id', 'user_id', 'union_id'].includes(idType)) return fail(reply, 99992402, 'field validation failed: user_id_type');
    const m = state.botMessages.get(req.params.message_id);
    if (!m) return state.userMessages.has(req.params.message_id) ? fail(reply, 230012) : fail(reply, 230001, 'invalid message_id');
    const list = bodyOf(req).user_id_list;
    if (!Array.isArray(list) || !list.length || !list.every((x) => typeof x === 'string'))
      return fail(reply, 99992402, 'field validation failed: user_id_list');
    const chat = state.chats.get(m.chatId)!;
    if (!chat.p2pOf && !chat.botMember) return fail(reply, 230002);
    const valid: string[] = [];
    const invalid: string[] = [];
    for (const id of list as string[]) {
      const user = state.findUser(idType, id);
      if (user && chat.members.includes(user.openId)) valid.push(user.openId);
      else invalid.push(id);
    }
    if (!valid.length) return fail(reply, 230001, 'none of the users in user_id_list can be buzzed');
    m.urgent.push(...valid);
    return sendJson(reply, 200, { code: 0, msg: 'success', data: { invalid_user_id_list: invalid } });
  });
}
