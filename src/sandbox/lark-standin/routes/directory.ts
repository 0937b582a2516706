// Directory look-ups: users/batch_get_id, users/:user_id, chats/:chat_id/members, bot/v3/info.
import type { FastifyInstance } from 'fastify';
import { bodyOf, fail, queryOf, sendJson } from '../http.ts';
import { TENANT_KEY } from '../ids.ts';
import type { StandinState, UserRecord } from '../state.ts';

const STATUS = { is_frozen: false, is_resigned: false, is_activated: true, is_exited: false, is_unjoin: false };
const idTypeOf = (q: Record<string, string | undefined>, key: string) => q[key] ?? 'open_id';
const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((v): v is string => typeof v === 'string') : []);

export function registerDirectory(app: FastifyInstance, state: StandinState): void {
  app.post('/open-apis/contact/v3/users/batch_get_id', async (req, reply) => {
    const idType = idTypeOf(queryOf(req), 'user_id_type');
    const b = bodyOf(req);
    const users = [...state.users.values()];
    const entry = (u: UserRecord | undefined, key: 'email' | 'mobile', value: string) =>
      u ? { user_id: state.idOf(u, idType), [key]: value, status: STATUS } : { [key]: value };
    const user_list = [
      ...strings(b.emails).map((e) =>
        entry(
          users.find((u) => u.email?.toLowerCase() === e.toLowerCase()),
          'email',
          e,
        ),
      ),
      ...strings(b.mobiles).map((p) =>
        entry(
          users.find((u) => u.mobile === p),
          'mobile',
          p,
        ),
      ),
    ];
    return sendJson(reply, 200, { code: 0, msg: 'success', data: { user_list } });
  });

  app.get<{ Params: { user_id: string } }>('/open-apis/contact/v3/users/:user_id', async (req, reply) => {
    const u = state.findUser(idTypeOf(queryOf(req), 'user_id_type'), req.params.user_id);
    if (!u) return fail(reply, 41050, 'no user authority error');
    const user = {
      open_id: u.openId,
      union_id: u.unionId,
      user_id: u.userId,
      name: u.name,
      en_name: u.name,
      email: u.email ?? '',
      mobile: u.mobile ?? '',
      status: STATUS,
    };
    return sendJson(reply, 200, { code: 0, msg: 'success', data: { user } });
  });

  app.get<{ Params: { chat_id: string } }>('/open-apis/im/v1/chats/:chat_id/members', async (req, reply) => {
    const q = queryOf(req);
    const chat = state.chats.get(req.params.chat_id);
    if (!chat) return fail(reply, 232006, 'invalid chat_id');
    if (!chat.p2pOf && !chat.botMember) return fail(reply, 232011, 'operator (bot) is not in the chat');
    const idType = idTypeOf(q, 'member_id_type');
    const pageSize = Math.min(100, Math.max(1, Number(q.page_size ?? 20) || 20));
    const start = Number(q.page_token ?? 0) || 0;
    const members = chat.members.map((id) => state.users.get(id)).filter((u): u is UserRecord => !!u);
    const items = members
      .slice(start, start + pageSize)
      .map((u) => ({ member_id_type: idType, member_id: state.idOf(u, idType), name: u.name, tenant_key: TENANT_KEY }));
    const more = start + pageSize < members.length;
    return sendJson(reply, 200, {
      code: 0,
      msg: 'success',
      data: { items, page_token: more ? String(start + pageSize) : '', has_more: more, member_total: members.length },
    });
  });

  app.get('/open-apis/bot/v3/info', async (_req, reply) =>
    sendJson(reply, 200, {
      code: 0,
      msg: 'ok',
      bot: { activate_status: 2, app_name: 'Steward', avatar_url: '', ip_white_list: [], open_id: state.botOpenId },
    }),
  );
}
