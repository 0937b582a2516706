// Cards of judgements on the ledger: a waiver asked and confirmed, the person told; a red line resolved with a note.
import { correctedText } from './format.ts';
import { button, card, escapeMarkdown as esc, markdown, note, type ActionValue, type Card, type CardElement } from './kit.ts';

export const LEDGER_TEXT = {
  sent: '积分明细已发送，请查看下一条消息',
  waived: (name: string) => `已豁免，已通知${name}`,
  alreadyWaived: '这条记录已豁免，无需重复操作',
  resolved: '底线问题已解除',
  alreadyResolved: '这条底线问题已解除，无需重复操作',
  noEntry: '没有找到这条记录，请重新查看积分',
  noRedline: '没有找到这条底线问题，请重新查看积分',
  notAllowed: '只有该服务中心的分管领导或行政管理部可以操作',
  own: '不能豁免或解除自己的记录',
  notRedline: '这条不是底线问题',
  reasonMissing: '豁免原因：请填写',
  notYours: '只能查看本人或所分管人员的积分',
  notLeader: '「团队」用于分管领导（或行政管理部）查看所分管经理的情况。',
  privateOnly: '积分和团队情况只在与我的单聊中查看，请私聊我发送。',
};

/** What a period in chat looks like, for whoever typed one we could not read. */
export function periodHelpCard(p: { words: string; team: boolean; byName: boolean }): Card {
  const examples = p.team
    ? ['团队', '团队 上月', '团队 2026-11', '团队 第48周', '团队 本季度']
    : ['我的积分', '上月积分', '我的积分 2026-11', '我的积分 第48周', '我的积分 2026-Q4', ...(p.byName ? ['积分 张三 上月'] : [])];
  return card({
    title: p.team ? '团队' : '我的积分',
    color: 'grey',
    elements: [markdown(`没看懂「${esc(p.words)}」。可以这样发：\n${examples.map((e) => `- ${e}`).join('\n')}`)],
  });
}

export function periodNotBegunCard(p: { periodText: string; team: boolean }): Card {
  return card({ title: p.team ? '团队' : '我的积分', color: 'grey', elements: [markdown(`${p.periodText}还没有开始。`)] });
}

export function nameAmbiguousCard(p: { name: string; where: string[] }): Card {
  return card({
    title: '我的积分',
    color: 'grey',
    elements: [markdown(`有 ${p.where.length} 位「${esc(p.name)}」：${esc(p.where.join('、'))}。请在「团队」中点选要查看的人。`)],
  });
}

/** One entry as the cards show it: 「2026-11-12 周四 12:00 月度计划当周进度未及时提报：2 元」. */
export function entryText(e: { reason: string; yuan: number; points: number }): string {
  const amount = [e.yuan ? `${e.yuan} 元` : '', e.points ? `${e.points} 分` : ''].filter(Boolean).join('，');
  return `${e.reason}${amount ? `：${amount}` : ''}`;
}

/** The waiver's confirmation: what is waived, of whom, the reason to write, and 确认豁免 (the form), or 返回. */
export function waiveConfirmCard(p: { person: string; center: string; entry: string; form: CardElement; back: ActionValue | null }): Card {
  return card({
    title: '确认豁免',
    color: 'orange',
    summary: '确认豁免',
    elements: [
      markdown(`**${esc(p.person)}**（${esc(p.center)}）\n${esc(p.entry)}`),
      note('豁免后这条不计入合计，记录保留，并通知本人。'),
      p.form,
      ...(p.back ? [button({ name: 'back', text: '返回', value: p.back })] : []),
    ],
  });
}

/** The answer on a card that had nowhere to return to: the waiver done. */
export function waivedCard(p: { person: string; entry: string; reason: string }): Card {
  return card({
    title: '已豁免',
    color: 'green',
    summary: '已豁免',
    elements: [markdown(`**${esc(p.person)}**：${esc(p.entry)}\n豁免原因：${esc(p.reason)}`)],
  });
}

/** To the person: one of their entries was waived, by whom and why. */
export function waivedNoticeCard(p: {
  entry: string;
  by: string;
  reason: string;
  /** announced weeks and months whose total this changes, with the new total (the next announcement corrects them) */
  corrected: { periodText: string; yuan: number; points: number }[];
}): Card {
  return card({
    title: '罚款/扣分已豁免',
    color: 'green',
    summary: '一条记录已豁免',
    elements: [
      markdown(
        `您的这条记录已豁免，不计入合计：\n${esc(p.entry)}\n豁免人：${esc(p.by)}\n原因：${esc(p.reason)}${correctedText(p.corrected)}`,
      ),
    ],
  });
}

/** Resolving a red line: what it was, and the note on what was done (the form), or 返回. */
export function redlineResolveCard(p: {
  center: string;
  manager: string;
  text: string;
  form: CardElement;
  back: ActionValue | null;
}): Card {
  return card({
    title: '解除底线问题',
    color: 'red',
    summary: '解除底线问题',
    elements: [
      markdown(`**${esc(p.center)}**（经理 ${esc(p.manager)}）\n${esc(p.text)}`),
      note('请写明已做的处理（如已免职、已整改），解除后不再列入考核公示。'),
      p.form,
      ...(p.back ? [button({ name: 'back', text: '返回', value: p.back })] : []),
    ],
  });
}

export function redlineResolvedCard(p: { center: string; manager: string; text: string; note: string; by: string }): Card {
  return card({
    title: '底线问题 · 已解除',
    color: 'green',
    summary: '底线问题已解除',
    elements: [markdown(`**${esc(p.center)}**（经理 ${esc(p.manager)}）\n${esc(p.text)}\n处理情况：${esc(p.note)}\n解除人：${esc(p.by)}`)],
  });
}
