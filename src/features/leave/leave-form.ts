// The 请假 form: whose leave, from, to, why — filled by a leader (for their people) or an admin (for anyone with a post).
import { addDays } from '../../lib/shanghai.ts';
import type { FormDef } from '../forms/form.ts';

export interface LeaveFormContext {
  candidates: { id: string; name: string; post: string }[];
  today: string;
}

export const MAX_LEAVE_DAYS = 90;
export const MAX_BACKDATE_DAYS = 30;

export const leaveForm: FormDef<LeaveFormContext> = {
  id: 'leave',
  title: '登记请假',
  fields: (ctx) => [
    { kind: 'select', name: 'person', label: '请假人', options: ctx.candidates.map((c) => ({ value: c.id, label: `${c.name}（${c.post}）` })) },
    { kind: 'date', name: 'from', label: '开始日期' },
    { kind: 'date', name: 'to', label: '结束日期' },
    { kind: 'text', name: 'reason', label: '事由', required: false, max: 50 },
  ],
  check: (v, ctx) => {
    const from = v.from as string;
    const to = v.to as string;
    if (to < from) return '结束日期：不能早于开始日期';
    if (addDays(from, MAX_LEAVE_DAYS - 1) < to) return `结束日期：一次最多登记 ${MAX_LEAVE_DAYS} 天`;
    if (from < addDays(ctx.today, -MAX_BACKDATE_DAYS)) return `开始日期：最多补登 ${MAX_BACKDATE_DAYS} 天前的请假`;
    return null;
  },
};
