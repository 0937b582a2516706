// What a message asks for: words (Chinese first, English too) → an intent id. Features add their words here.
import { normalizeText } from './normalize.ts';

export type Intent =
  | 'help'
  | 'settings'
  | 'leave'
  | 'todo'
  | 'team'
  | 'late'
  | 'weekly'
  | 'joint'
  | 'deduct'
  | 'emergency'
  | 'hand'
  | 'complaint'
  | 'score';

const WORDS: Record<Intent, string[]> = {
  help: ['帮助', 'help', '菜单', '?', '？', '使用说明'],
  settings: ['设置', 'settings', '个人设置'],
  leave: ['请假', 'leave', '登记请假'],
  todo: ['待办', 'todo', '我的待办', '今日待办'],
  team: ['团队', 'team', '团队情况'],
  late: ['今日逾期', '逾期', 'late', '谁逾期'],
  weekly: ['周报', 'weekly'],
  joint: ['联合检查', '安排联合检查'],
  deduct: ['扣分', '记录扣分', '底线问题'],
  score: ['我的积分', '积分', 'score', '我的扣分', '扣分情况'],
  complaint: ['投诉', '业主投诉', 'complaint', '登记投诉'],
  hand: ['交办任务', '交办', '登记交办任务'],
  emergency: ['突发事件', '突发', '紧急', 'emergency', '报告突发事件'],
};

const LOOKUP = new Map<string, Intent>();
for (const [intent, words] of Object.entries(WORDS) as [Intent, string[]][]) {
  for (const w of words) {
    const key = normalizeText(w);
    if (key) LOOKUP.set(key, intent);
  }
}

/** The intent of a message, or null when it is not one we know (the caller answers with help). */
export function intentOf(text: string): Intent | null {
  return LOOKUP.get(normalizeText(text)) ?? null;
}

/** 「投诉 12」, 「投诉#12」, 「complaint 12」 → 12: a complaint's card, fetched fresh by its number. */
export function complaintNumberOf(text: string): number | null {
  const m = /^(?:投诉|complaint)(\d{1,9})$/.exec(normalizeText(text));
  return m ? Number(m[1]) : null;
}

const SCORE_HEAD = /^(?:我的积分|我的扣分|扣分情况|积分查询|查积分|积分|score)\s*(.*)$/u;
const SCORE_TAIL = /^(.+?)\s*的?积分$/u;
const TEAM_HEAD = /^(?:团队情况|团队|team)\s*(.*)$/u;
const TEAM_TAIL = /^(.+?)\s*的?团队(?:情况)?$/u;

/**
 * 「我的积分 2026-11」, 「上月积分」, 「积分 张伟」, 「团队 上月」 → 我的积分 or 团队, and the words that say which period
 * (or whose): '' for none. Null when the message is neither (or is another intent's word, like 记录扣分).
 */
export function scoreRequestOf(text: string): { intent: 'score' | 'team'; words: string } | null {
  const exact = intentOf(text);
  if (exact && exact !== 'score' && exact !== 'team') return null;
  const s = text
    .replace(/@_user_\d+|@_all/g, ' ')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[?!。,，、~]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  for (const [intent, re] of [
    ['score', SCORE_HEAD],
    ['team', TEAM_HEAD],
    ['score', SCORE_TAIL],
    ['team', TEAM_TAIL],
  ] as const) {
    const m = re.exec(s);
    if (m) return { intent, words: m[1]!.trim() };
  }
  return null;
}
