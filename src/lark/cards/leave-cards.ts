// Cards of the leave feature: the receipt, the note to the person on leave, and the refusal for those who may not record leave.
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
};

export function leaveSavedCard(p: { name: string; from: string; to: string; reason: string | null; by: string }): Card {
  return card({
    title: '登记请假 · 已完成',
    color: 'green',
    summary: '请假已登记',
    elements: [
      markdown(`**${esc(p.name)}** 请假 ${p.from} 至 ${p.to}${p.reason ? `（${esc(p.reason)}）` : ''}。\n期间到期的待办已暂停，不计逾期。`),
      note(`登记人：${esc(p.by)}`),
    ],
  });
}

export function leaveNoticeCard(p: { from: string; to: string; reason: string | null; by: string }): Card {
  return card({
    title: '请假已登记',
    color: 'turquoise',
    summary: '您的请假已登记',
    elements: [
      markdown(`${esc(p.by)} 已为您登记请假：${p.from} 至 ${p.to}${p.reason ? `（${esc(p.reason)}）` : ''}。期间到期的待办已暂停。`),
    ],
  });
}

export function leaveRefusalCard(text: string): Card {
  return card({ title: '登记请假', color: 'grey', elements: [markdown(text)] });
}
