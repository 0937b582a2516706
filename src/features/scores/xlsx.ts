// A period's scores as files: an Excel workbook (ranking, people, every entry) and a CSV of the people and entries.
// exceljs is types-only here and loaded when a workbook is first written: most processes never write one
import type ExcelJS from 'exceljs';
import type { CenterScore, PersonScore, ScoreEntry, ScoreTable } from './score-types.ts';

/** How a column's values are written: the number format in Excel, the text in CSV. */
type Kind = 'text' | 'int' | 'yuan' | 'points' | 'pct' | 'day';

interface Column<T> {
  header: string;
  kind: Kind;
  value: (row: T) => string | number | null;
  /** rates below a threshold are shown in red */
  below?: (t: ScoreTable) => number;
}

const ROLE_NAMES: Record<PersonScore['role'], string> = { manager: '物业服务中心经理', supervisor: '主管', leader: '分管领导' };

const FORMATS: Partial<Record<Kind, string>> = { int: '0', yuan: '#,##0.00', pct: '0.0%', day: 'yyyy-mm-dd' };

const CENTER_COLUMNS: Column<CenterScore>[] = [
  { header: '排名', kind: 'int', value: (c) => c.rank },
  { header: '服务中心', kind: 'text', value: (c) => c.name },
  { header: '经理', kind: 'text', value: (c) => c.manager },
  { header: '分管领导', kind: 'text', value: (c) => c.leader },
  { header: '罚款（元）', kind: 'yuan', value: (c) => c.yuan },
  { header: '扣分', kind: 'points', value: (c) => c.points },
  { header: '按时率', kind: 'pct', value: (c) => c.onTimeRate },
  { header: '收到投诉', kind: 'int', value: (c) => c.complaintsReceived },
  { header: '投诉处结率', kind: 'pct', value: (c) => c.closureRate, below: (t) => t.thresholds.closureRate },
  { header: '处结满意度', kind: 'pct', value: (c) => c.satisfaction, below: (t) => t.thresholds.satisfaction },
  { header: '底线问题', kind: 'text', value: (c) => c.redLines.join('；') },
];

const PEOPLE_COLUMNS: Column<PersonScore>[] = [
  { header: '姓名', kind: 'text', value: (p) => p.name },
  { header: '角色', kind: 'text', value: (p) => ROLE_NAMES[p.role] ?? p.role },
  { header: '服务中心', kind: 'text', value: (p) => p.centers.join('、') },
  { header: '罚款（元）', kind: 'yuan', value: (p) => p.yuan },
  { header: '扣分', kind: 'points', value: (p) => p.points },
  { header: '连带扣分', kind: 'points', value: (p) => (p.role === 'leader' ? p.rollupPoints : null) },
  { header: '按时率', kind: 'pct', value: (p) => p.onTimeRate },
  { header: '指标完成率', kind: 'pct', value: (p) => p.quotaRate },
];

/** Leaders' complaint figures over the centers they led (within the remit; those outside it counted apart). */
const LEADER_COLUMNS: Column<PersonScore>[] = [
  { header: '分管领导', kind: 'text', value: (p) => p.name },
  { header: '分管服务中心', kind: 'int', value: (p) => p.complaints?.centers ?? null },
  { header: '收到投诉', kind: 'int', value: (p) => p.complaints?.received ?? null },
  { header: '已结案', kind: 'int', value: (p) => p.complaints?.closed ?? null },
  { header: '投诉处结率', kind: 'pct', value: (p) => p.complaints?.closureRate ?? null, below: (t) => t.thresholds.closureRate },
  { header: '回访', kind: 'int', value: (p) => p.complaints?.calledBack ?? null },
  { header: '满意', kind: 'int', value: (p) => p.complaints?.satisfied ?? null },
  { header: '处结满意度', kind: 'pct', value: (p) => p.complaints?.satisfaction ?? null, below: (t) => t.thresholds.satisfaction },
  { header: '非物业职责投诉', kind: 'int', value: (p) => p.complaints?.outsideRemit ?? null },
];

type EntryRow = { person: PersonScore; entry: ScoreEntry };

const ENTRY_COLUMNS: Column<EntryRow>[] = [
  { header: '编号', kind: 'int', value: (r) => r.entry.id },
  { header: '人员', kind: 'text', value: (r) => r.person.name },
  { header: '规则', kind: 'text', value: (r) => r.entry.ruleId },
  { header: '日期', kind: 'day', value: (r) => r.entry.day },
  { header: '罚款（元）', kind: 'yuan', value: (r) => r.entry.yuan },
  { header: '扣分', kind: 'points', value: (r) => r.entry.points },
  { header: '原因', kind: 'text', value: (r) => r.entry.reason },
  { header: '豁免', kind: 'text', value: (r) => (r.entry.waived ? '是' : '否') },
  { header: '豁免原因', kind: 'text', value: (r) => r.entry.waiveReason ?? '' },
];

const entryRows = (t: ScoreTable): EntryRow[] => t.people.flatMap((person) => person.entries.map((entry) => ({ person, entry })));

/** Display width in Excel's character units: CJK and full-width characters take two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

/** A value as Excel shows it, for sizing its column. */
function shownText(kind: Kind, v: string | number | null): string {
  if (v === null) return '';
  if (kind === 'pct') return `${(Number(v) * 100).toFixed(1)}%`;
  if (kind === 'yuan') return Number(v).toFixed(2);
  return String(v);
}

/** A value as the cell holds it: numbers stay numbers, days become dates, rates stay fractions (formatted as %). */
function cellValue(kind: Kind, v: string | number | null): ExcelJS.CellValue {
  if (v === null || v === '') return null;
  if (kind === 'day') return new Date(`${v}T00:00:00Z`);
  return v;
}

function addSheet<T>(wb: ExcelJS.Workbook, name: string, columns: Column<T>[], rows: T[], table: ScoreTable): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.header,
    width: Math.min(60, Math.max(8, displayWidth(c.header) + 2, ...rows.map((r) => displayWidth(shownText(c.kind, c.value(r))) + 2))),
    style: FORMATS[c.kind] ? { numFmt: FORMATS[c.kind] } : {},
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  header.alignment = { vertical: 'middle' };
  for (const r of rows) {
    const row = ws.addRow(columns.map((c) => cellValue(c.kind, c.value(r))));
    columns.forEach((c, i) => {
      const v = c.value(r);
      if (c.below && typeof v === 'number' && v < c.below(table)) row.getCell(i + 1).font = { color: { argb: 'FFC00000' } };
    });
  }
  if (rows.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

/** The workbook: 服务中心排名, 人员, 分管领导投诉 (when there are leaders), 明细 — numbers as numbers, rates as fractions shown as percentages. */
export async function scoresWorkbook(table: ScoreTable): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = '物服管家';
  wb.title = `${table.periodText} 考核`;
  wb.created = new Date(table.generatedAt);
  addSheet(wb, '服务中心排名', CENTER_COLUMNS, table.centers, table);
  addSheet(wb, '人员', PEOPLE_COLUMNS, table.people, table);
  const leaders = table.people.filter((p) => p.complaints);
  if (leaders.length) addSheet(wb, '分管领导投诉', LEADER_COLUMNS, leaders, table);
  addSheet(wb, '明细', ENTRY_COLUMNS, entryRows(table), table);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One CSV field: quoted when it holds a comma, quote or line break; text that Excel would run as a formula is defused. */
function csvField(kind: Kind, v: string | number | null): string {
  if (v === null) return '';
  let s = kind === 'pct' ? `${Math.round(Number(v) * 1000) / 10}%` : String(v);
  if (kind === 'text' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLines = <T>(columns: Column<T>[], rows: T[]): string[] => [
  columns.map((c) => csvField('text', c.header)).join(','),
  ...rows.map((r) => columns.map((c) => csvField(c.kind, c.value(r))).join(',')),
];

/** The people, then (after an empty line) every entry, each with its header; UTF-8 with a BOM and CRLF so Excel reads it. */
export function scoresCsv(table: ScoreTable): string {
  const lines = [...csvLines(PEOPLE_COLUMNS, table.people), '', ...csvLines(ENTRY_COLUMNS, entryRows(table))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
