// Cards of the leave feature: the receipt, the note to the person on leave, and the refusal for those who may not record leave.
import { correctedText } from './format.ts';
import { card, escapeMarkdown as esc, markdown, note, type Card } from './kit.ts';

export const LEAVE_TEXT = {
  notAllowed: '请假由分管领导或行政管理部登记。如需请假，请联系您的分管领导。',
  noCandidates: '您名下暂无可登记请假的人员。',
  notYours: '只能为您分管的人员登记请假',
  saved: '已登记',
  duplicate: '这段请假已登记过',
  personPlaceholder: '输入姓名或工号',
  personUnknown: (typed: string) => `请假人：没有找到「${typed}」，请输入您可登记的人员的姓名或工号`,
  personSeveral: (typed: string) => `请假人：有多位「${typed}」，请输入工号`,
  leaderBackdate: '开始日期：只能登记今天起的请假。更早的请假请联系行政管理部补登，或在积分中免除相应罚款',
  adminBackdate: (days: number) => `开始日期：最多补登 ${days} 天内的请假。更早的罚款请在积分中逐条免除（注明请假）`,
};

/** What leave recorded after its first days changed: duties already past their deadline, fines waived, announced totals corrected. */
export interface LeaveEffect {
  passed: number;
  waived: { yuan: number; points: number; count: number };
  corrected: { periodText: string; yuan: number; points: number }[];
}

const amount = (yuan: number, points: number) => [yuan ? `${yuan} 元` : '', points ? `${points} 分` : ''].filter(Boolean).join('、');

function effectText(e: LeaveEffect | undefined): string {
  if (!e || e.passed === 0) return '';
  const waived = e.waived.count ? `，已免除 ${e.waived.count} 笔罚款或扣分（${amount(e.waived.yuan, e.waived.points)}）` : '';
  return `\n已过截止时间的 ${e.passed} 项待办一并按请假处理，不计逾期${waived}。${correctedText(e.corrected)}`;
}

export function leaveSavedCard(p: {
  name: string;
  from: string;
  to: string;
  reason: string | null;
  by: string;
  effect?: LeaveEffect;
}): Card {
  return card({
    title: '登记请假 · 已完成',
    color: 'green',
    summary: '请假已登记',
    elements: [
      markdown(
        `**${esc(p.name)}** 请假 ${p.from} 至 ${p.to}${p.reason ? `（${esc(p.reason)}）` : ''}。\n期间到期的待办已暂停，不计逾期。${effectText(p.effect)}`,
      ),
      note(`登记人：${esc(p.by)}`),
    ],
  });
}

export function leaveNoticeCard(p: { from: string; to: string; reason: string | null; by: string; effect?: LeaveEffect }): Card {
  return card({
    title: '请假已登记',
    color: 'turquoise',
    summary: '您的请假已登记',
    elements: [
      markdown(
        `${esc(p.by)} 已为您登记请假：${p.from} 至 ${p.to}${p.reason ? `（${esc(p.reason)}）` : ''}。期间到期的待办已暂停。${effectText(p.effect)}`,
      ),
    ],
  });
}

export function leaveRefusalCard(text: string): Card {
  return card({ title: '登记请假', color: 'grey', elements: [markdown(text)] });
}
