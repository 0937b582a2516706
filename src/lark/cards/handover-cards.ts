// Cards of a handover: the new manager told what they take over, the leader in charge told who took over.
import { button, card, escapeMarkdown as esc, markdown, note, type ActionValue, type Card, type CardElement } from './kit.ts';

export interface Takeover {
  center: string;
  /** the new manager's and the predecessor's names */
  manager: string;
  previous: string;
  /** the day the new manager holds the center (dayText) */
  from: string;
  /** one line each: open complaints, clocks, duties of periods not yet ended */
  complaints: string[];
  clocks: string[];
  duties: string[];
}

/** Lines shown under each heading (the soonest first); the rest are counted and one 查看待办 away. */
const SHOWN = 8;

/** The three lists, each under its heading with its count; one line when there is nothing. */
function lists(t: Takeover): CardElement[] {
  const sections: [string, string[], string][] = [
    [`**未结投诉 ${t.complaints.length} 件**`, t.complaints, '件'],
    [`**跟进事项 ${t.clocks.length} 项**`, t.clocks, '项'],
    [`**本期职责 ${t.duties.length} 项**`, t.duties, '项'],
  ];
  const shown = sections.filter(([, lines]) => lines.length > 0);
  if (shown.length === 0) return [markdown('目前没有未结的投诉、跟进事项和本期职责。')];
  return shown.map(([head, lines, unit]) => {
    const more = lines.length > SHOWN ? `\n另有 ${lines.length - SHOWN} ${unit}未列出` : '';
    return markdown(`${head}\n${lines.slice(0, SHOWN).map(esc).join('\n')}${more}`);
  });
}

/** To the new manager: from when, what is now theirs, and 查看待办. */
export function takeoverCard(t: Takeover, todoValue: ActionValue): Card {
  return card({
    title: `交接：${t.center}`,
    color: 'blue',
    summary: `您已接任${t.center}经理`,
    elements: [
      markdown(`自 **${t.from}** 起，**${esc(t.center)}**由您负责（原经理 ${esc(t.previous)}）。以下事项已转给您：`),
      ...lists(t),
      note('原经理已办的记录和考核仍归原经理。'),
      button({ name: 'handover_todo', text: '查看待办', type: 'primary', value: todoValue }),
    ],
  });
}

/** To the leader in charge: who took over, and how much is open. */
export function takeoverLeaderCard(t: Takeover): Card {
  return card({
    title: `经理交接：${t.center}`,
    color: 'blue',
    summary: `${t.center}经理交接`,
    elements: [
      markdown(
        `自 **${t.from}** 起，**${esc(t.center)}**经理由 **${esc(t.manager)}** 接任（原经理 ${esc(t.previous)}）。\n` +
          `已转交：未结投诉 ${t.complaints.length} 件、跟进事项 ${t.clocks.length} 项；本期职责 ${t.duties.length} 项。\n` +
          `今后的提醒发给 ${esc(t.manager)}，逾期督办发给您。`,
      ),
    ],
  });
}

export const HANDOVER_TEXT = {
  /** refused: acting on what was theirs at a center they no longer hold a post at */
  handedOver: '您已不在该服务中心任职，相关事项已交接给现任经理',
};
