// The 请假 form: whose leave, from, to, why — filled by a leader (for their people) or an admin (for anyone with a post).
import { addDays } from '../../lib/shanghai.ts';
import { LEAVE_TEXT } from '../../lark/cards/leave-cards.ts';
import type { Field } from '../forms/fields.ts';
import type { FormDef } from '../forms/form.ts';
import { LEAVE_BACKDATE_DAYS } from './honour-leave.ts';

export interface LeaveFormContext {
  candidates: { id: string; name: string; post: string }[];
  today: string;
  /** an admin may record leave that began up to the late-filing window back; a leader from today */
  admin: boolean;
}

const MAX_LEAVE_DAYS = 90;

/**
 * Up to this many people are offered as a dropdown; past it (an admin of a large company), the name or id is typed and
 * resolved on the server: each option is a plain_text element, and a card holds at most 200 (卡片 JSON 2.0 结构).
 */
const LEAVE_PICK_MAX = 20;

function personField(candidates: LeaveFormContext['candidates']): Field {
  if (candidates.length <= LEAVE_PICK_MAX)
    return {
      kind: 'select',
      name: 'person',
      label: '请假人',
      options: candidates.map((c) => ({ value: c.id, label: `${c.name}（${c.post}）` })),
    };
  return { kind: 'text', name: 'person', label: '请假人', max: 50, placeholder: LEAVE_TEXT.personPlaceholder };
}

/** The candidate a dropdown's id or a typed name/id means, or the message naming the field. */
export function resolveCandidate(
  candidates: LeaveFormContext['candidates'],
  typed: string,
): { ok: true; id: string } | { ok: false; message: string } {
  const q = typed.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  const byId = candidates.find((c) => c.id.toLowerCase() === q);
  if (byId) return { ok: true, id: byId.id };
  const named = candidates.filter((c) => c.name.normalize('NFKC').replace(/\s+/g, '').toLowerCase() === q);
  if (named.length === 1) return { ok: true, id: named[0]!.id };
  return { ok: false, message: named.length ? LEAVE_TEXT.personSeveral(typed) : LEAVE_TEXT.personUnknown(typed) };
}

export const leaveForm: FormDef<LeaveFormContext> = {
  id: 'leave',
  title: '登记请假',
  fields: (ctx) => [
    personField(ctx.candidates),
    { kind: 'date', name: 'from', label: '开始日期' },
    { kind: 'date', name: 'to', label: '结束日期' },
    { kind: 'text', name: 'reason', label: '事由', required: false, max: 50 },
  ],
  check: (v, ctx) => {
    const who = resolveCandidate(ctx.candidates, String(v.person));
    if (!who.ok) return who.message;
    const from = v.from as string;
    const to = v.to as string;
    if (to < from) return '结束日期：不能早于开始日期';
    if (addDays(from, MAX_LEAVE_DAYS - 1) < to) return `结束日期：一次最多登记 ${MAX_LEAVE_DAYS} 天`;
    if (!ctx.admin && from < ctx.today) return LEAVE_TEXT.leaderBackdate;
    if (from < addDays(ctx.today, -LEAVE_BACKDATE_DAYS)) return LEAVE_TEXT.adminBackdate(LEAVE_BACKDATE_DAYS);
    return null;
  },
};
