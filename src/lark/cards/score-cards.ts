// Score cards: one's own month with the entries behind it, and the announcement in the company's group (ranking and a chart).
import type { CenterScore, Correction, PersonScore, ScoreTable } from '../../features/scores/score-types.ts';
import { card, escapeMarkdown as esc, fitLines, markdown, note, type Card, type CardElement } from './kit.ts';

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
const money = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

/**
 * "按时率 100%（1/1），另有 2 项未到期": what was due (or already filed) and met on time, and plainly what is still open
 * before its deadline — never counted as a miss.
 */
function onTimeText(s: Pick<PersonScore, 'onTimeRate' | 'deadlinesOnTime' | 'deadlinesOwed' | 'deadlinesPending'>): string {
  const rate = s.deadlinesOwed ? `按时率 ${pct(s.onTimeRate)}（${s.deadlinesOnTime}/${s.deadlinesOwed}）` : '按时率 —（尚无到期的事项）';
  return `${rate}${s.deadlinesPending ? `，另有 ${s.deadlinesPending} 项未到期` : ''}`;
}

export function myScoreCard(p: { score: PersonScore | null; name: string; periodText: string }): Card {
  const s = p.score;
  if (!s)
    return card({ title: `${p.periodText} 积分`, color: 'grey', elements: [markdown(`${p.name}，${p.periodText}暂无您的考核记录。`)] });
  const elements: CardElement[] = [
    markdown(
      `罚款 **${money(s.yuan)} 元** · 扣分 **${money(s.points)} 分**${s.rollupPoints ? `（含分管连带 ${s.rollupPoints} 分）` : ''}\n${onTimeText(s)}\n指标完成率 ${pct(s.quotaRate)}（${s.quotasReached}/${s.quotasClosed}）`,
    ),
  ];
  if (s.redLines.length) elements.push(markdown(`<font color='red'>**底线问题**：${esc(s.redLines.join('；'))}</font>`));
  const shown = s.entries.slice(0, 30);
  elements.push(
    markdown(
      shown.length
        ? shown
            .map(
              (e) =>
                `- ${esc(e.reason)}：${e.yuan ? `${money(e.yuan)} 元` : ''}${e.yuan && e.points ? '，' : ''}${e.points ? `${money(e.points)} 分` : ''}${e.waived ? `（已豁免：${esc(e.waiveReason ?? '')}）` : ''}`,
            )
            .join('\n')
        : '本期没有罚款或扣分记录。',
    ),
  );
  if (s.entries.length > shown.length) elements.push(note(`另有 ${s.entries.length - shown.length} 条，完整明细请向行政管理部索取。`));
  return card({
    title: `${p.periodText} 积分 · ${s.name}`,
    color: s.points || s.yuan ? 'orange' : 'green',
    summary: `${p.periodText} 积分`,
    elements,
  });
}

const MAX_ROWS = 20;

const SCORE_TEXT = {
  noPoints: '本期无扣分',
  /** the announcement's promise: its Excel file is sent right after the card (announce.ts enqueues the card first) */
  excelFollows: '完整表格见随后的 Excel 文件。',
};

function rankLine(c: CenterScore, t: ScoreTable): string {
  const closure = c.closureRate === null ? '—' : `${pct(c.closureRate)}${c.closureRate < t.thresholds.closureRate ? '⚠' : ''}`;
  const sat = c.satisfaction === null ? '—' : `${pct(c.satisfaction)}${c.satisfaction < t.thresholds.satisfaction ? '⚠' : ''}`;
  return `${c.rank}. **${esc(c.name)}**（${esc(c.manager)}）${money(c.yuan)} 元 · ${money(c.points)} 分 · 按时 ${pct(c.onTimeRate)} · 处结 ${closure} · 满意 ${sat}${c.redLines.length ? " · <font color='red'>底线</font>" : ''}`;
}

function pointsChart(top: CenterScore[]): CardElement {
  return {
    tag: 'chart',
    aspect_ratio: '4:3',
    color_theme: 'brand',
    chart_spec: {
      type: 'bar',
      title: { text: '各服务中心扣分' },
      data: { values: top.map((c) => ({ center: c.name.replace(/物业服务中心$/, ''), points: c.points })) },
      xField: 'center',
      yField: 'points',
      label: { visible: true },
    },
  };
}

/** "- 2026年第45周 张伟：更正为 4 元 · 0 分（已免除：…未交）"; why it was waived stays with the person (leave is private) */
function correctionLine(c: Correction): string {
  return `- ${c.periodText} ${esc(c.name)}：更正为 ${money(c.yuan)} 元 · ${money(c.points)} 分（已免除：${c.removed.map((r) => esc(r.reason)).join('；')}）`;
}

/** The group announcement: ranking (best and worst when there are many), leaders' roll-up, complaint rates, red lines, a chart. */
export function announcementCard(t: ScoreTable, fixes: Correction[] = []): Card {
  const centers = t.centers;
  const top = centers.length > MAX_ROWS ? [...centers.slice(0, MAX_ROWS / 2), ...centers.slice(-MAX_ROWS / 2)] : centers;
  const leaders = t.people.filter((p) => p.role === 'leader');
  const redlines = centers.filter((c) => c.redLines.length);
  const elements: CardElement[] = [
    markdown(
      `**服务中心排名**（扣分少者在前）${centers.length > MAX_ROWS ? `，共 ${centers.length} 个，此处列前后各 ${MAX_ROWS / 2} 名` : ''}\n${top.map((c) => rankLine(c, t)).join('\n')}`,
    ),
  ];
  // the leaders with points first (a company of 1,000 centers has many leaders), and every red line — as many as fit
  const rolled = [...leaders].sort((a, b) => b.rollupPoints - a.rollupPoints);
  const lead = fitLines(
    rolled.map((l) => `- ${esc(l.name)}：${money(l.rollupPoints)} 分`),
    4_000,
  );
  if (leaders.length)
    elements.push(markdown(`**分管领导连带扣分**\n${lead.shown.join('\n')}${lead.more ? `\n…… 另有 ${lead.more} 位，见 Excel 文件` : ''}`));
  const red = fitLines(
    redlines.map((c) => `- ${esc(c.name)}：${esc(c.redLines.join('；'))}`),
    6_000,
  );
  if (redlines.length)
    elements.push(
      markdown(
        `<font color='red'>**底线问题（未解除）**</font>\n${red.shown.join('\n')}${red.more ? `\n…… 另有 ${red.more} 个服务中心，见 Excel 文件` : ''}`,
      ),
    );
  if (fixes.length) {
    const lines = fitLines(fixes.map(correctionLine), 4_000);
    elements.push(
      markdown(`**更正**（公示后免除的罚款或扣分）\n${lines.shown.join('\n')}${lines.more ? `\n…… 另有 ${lines.more} 条` : ''}`),
    );
  }
  // a chart of nothing but zeros is an empty box: say it in a line instead
  if (top.every((c) => c.points === 0)) elements.push(markdown(SCORE_TEXT.noPoints));
  else elements.push(pointsChart(top));
  elements.push(
    note(
      `投诉处结率要求 ≥${pct(t.thresholds.closureRate)}，处结满意度要求 ≥${pct(t.thresholds.satisfaction)}；⚠ 为未达标。${SCORE_TEXT.excelFollows}`,
    ),
  );
  return card({ title: `${t.periodText} 考核公示`, color: 'indigo', summary: `${t.periodText} 考核公示`, elements });
}
