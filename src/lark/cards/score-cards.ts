// Score cards: one's own month with the entries behind it, and the announcement in the company's group (ranking and a chart).
import type { CenterScore, Correction, LeaderComplaints, PersonScore, ScoreEntry, ScoreTable } from '../../features/scores/score-types.ts';
import { parsePeriodKey, type PeriodUnit } from '../../lib/periods.ts';
import { button, card, escapeMarkdown as esc, fitLines, markdown, note, type ActionValue, type Card, type CardElement } from './kit.ts';

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

/** A leader's roll-up line: a month (and longer) adds it up; a week or a day shows the managers' points only. */
function rollupText(s: PersonScore, unit: PeriodUnit | undefined): string {
  if (s.role !== 'leader') return '';
  if (unit === 'week' || unit === 'day') return `\n所分管经理本期扣分 ${money(s.managersPoints)} 分；分管连带扣分按月考核，不计入本期合计`;
  return `\n所分管经理扣分 ${money(s.managersPoints)} 分，分管连带扣分 ${money(s.rollupPoints)} 分（按月计算）`;
}

const entryLine = (e: ScoreEntry) =>
  `${esc(e.reason)}：${e.yuan ? `${money(e.yuan)} 元` : ''}${e.yuan && e.points ? '，' : ''}${e.points ? `${money(e.points)} 分` : ''}${e.waived ? `（已豁免：${esc(e.waiveReason ?? '')}）` : ''}`;

/** A line with its button on the right (a waiver, a red line's resolution). */
function lineWithButton(text: string, b: CardElement | null): CardElement {
  if (!b) return markdown(text);
  return {
    tag: 'column_set',
    flex_mode: 'none',
    columns: [
      { tag: 'column', width: 'weighted', weight: 4, vertical_align: 'center', elements: [markdown(text)] },
      { tag: 'column', width: 'auto', vertical_align: 'center', elements: [b] },
    ],
  };
}

const NAV_TEXT: Record<ScoreNav['to'], string> = { thisMonth: '查看本月', lastMonth: '查看上月', team: '返回团队' };

export interface ScoreNav {
  to: 'thisMonth' | 'lastMonth' | 'team';
  value: ActionValue;
}

/** Entries listed with a waive button each (one row of several components): fewer, so the card stays under 200 components. */
const JUDGE_ROWS = 20;
const SELF_ROWS = 30;
const REDLINE_ROWS = 5;

/**
 * One person's period: totals, red lines, every entry. Someone who may judge them (their leader, an admin) gets a 豁免
 * button on each entry they may waive (`waive`: entry id → the button's value) and a 解除 button on each open red line.
 */
export function myScoreCard(p: {
  score: PersonScore | null;
  name: string;
  periodText: string;
  unit?: PeriodUnit;
  waive?: Map<number, ActionValue>;
  /** the open red lines, each with its resolve button's value for someone who may resolve it (else score.redLines) */
  redLines?: { text: string; resolve: ActionValue | null }[];
  nav?: ScoreNav[];
}): Card {
  const s = p.score;
  const navButtons = (p.nav ?? []).map((n) => button({ name: `nav_${n.to}`, text: NAV_TEXT[n.to], value: n.value }));
  if (!s)
    return card({
      title: `${p.periodText} 积分`,
      color: 'grey',
      elements: [markdown(`${p.periodText}暂无${esc(p.name)}的考核记录。`), ...navButtons],
    });
  const elements: CardElement[] = [
    markdown(
      `罚款 **${money(s.yuan)} 元** · 扣分 **${money(s.points)} 分**${s.rollupPoints ? `（含分管连带 ${money(s.rollupPoints)} 分）` : ''}\n${onTimeText(s)}\n指标完成率 ${pct(s.quotaRate)}（${s.quotasReached}/${s.quotasClosed}）${rollupText(s, p.unit)}`,
    ),
  ];
  // each red line reads 「2026-11-21 底线问题：…」 (its rule's title in it)
  const redLines = p.redLines ?? s.redLines.map((text) => ({ text, resolve: null }));
  redLines
    .slice(0, REDLINE_ROWS)
    .forEach((r, i) =>
      elements.push(
        lineWithButton(
          `<font color='red'>**${esc(r.text)}**</font>`,
          r.resolve ? button({ name: `resolve_${i}`, text: '解除', value: r.resolve }) : null,
        ),
      ),
    );
  if (redLines.length > REDLINE_ROWS) elements.push(note(`另有 ${redLines.length - REDLINE_ROWS} 条底线问题未列出。`));
  const judging = Boolean(p.waive?.size);
  const shown = s.entries.slice(0, judging ? JUDGE_ROWS : SELF_ROWS);
  if (!shown.length) elements.push(markdown('本期没有罚款或扣分记录。'));
  else if (!judging) elements.push(markdown(shown.map((e) => `- ${entryLine(e)}`).join('\n')));
  else
    shown.forEach((e, i) => {
      const value = p.waive!.get(e.id);
      elements.push(lineWithButton(entryLine(e), value ? button({ name: `waive_${i}`, text: '豁免', value }) : null));
    });
  if (s.entries.length > shown.length) elements.push(note(`另有 ${s.entries.length - shown.length} 条，完整明细请向行政管理部索取。`));
  elements.push(...navButtons);
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

/** A rate against its threshold: "60%⚠" below it, "—" with nothing to measure. */
const rateMark = (r: number | null, min: number) => (r === null ? '—' : `${pct(r)}${r < min ? '⚠' : ''}`);

const hasComplaints = (c: LeaderComplaints) => c.received + c.calledBack + c.outsideRemit > 0;

/** "处结 60%⚠ · 满意 80%": a leader's complaint figures over their centers; those outside the remit apart. */
function leaderComplaintsText(c: LeaderComplaints, t: ScoreTable['thresholds']): string {
  return `处结 ${rateMark(c.closureRate, t.closureRate)} · 满意 ${rateMark(c.satisfaction, t.satisfaction)}${c.outsideRemit ? ` · 非物业职责 ${c.outsideRemit} 件另计` : ''}`;
}

/** 团队: the leader's complaint figures over the centers they lead, with the counts behind the rates. */
export function leaderComplaintsElement(c: LeaderComplaints, t: ScoreTable['thresholds']): CardElement {
  return markdown(
    `**分管服务中心投诉**（${c.centers} 个，按月统计）：处结率 ${rateMark(c.closureRate, t.closureRate)}（${c.closed}/${c.received}）· 处结满意度 ${rateMark(c.satisfaction, t.satisfaction)}（${c.satisfied}/${c.calledBack}）${c.outsideRemit ? `\n非物业职责 ${c.outsideRemit} 件，答复或转交后结案，不计入处结率` : ''}`,
  );
}

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
  // the roll-up is monthly: a week's announcement shows each leader's managers' points and says so
  const unit = parsePeriodKey(t.period)?.unit;
  const weekly = unit === 'week' || unit === 'day';
  const pointsOf = (l: PersonScore) => (weekly ? l.managersPoints : l.rollupPoints);
  const rolled = [...leaders].sort((a, b) => pointsOf(b) - pointsOf(a));
  const lead = fitLines(
    rolled.map(
      (l) =>
        `- ${esc(l.name)}：${weekly ? '所分管经理 ' : ''}${money(pointsOf(l))} 分${l.complaints && hasComplaints(l.complaints) ? ` · ${leaderComplaintsText(l.complaints, t.thresholds)}` : ''}`,
    ),
    4_000,
  );
  const leadHead = weekly ? '**分管经理扣分**（分管连带扣分按月考核，本期不计）' : '**分管领导连带扣分**';
  if (leaders.length)
    elements.push(markdown(`${leadHead}\n${lead.shown.join('\n')}${lead.more ? `\n…… 另有 ${lead.more} 位，见 Excel 文件` : ''}`));
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
