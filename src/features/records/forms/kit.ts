// Shorthands shared by the record forms: field builders, cross-field checks, and the record read back as label → text lines.
import { addDays } from '../../../lib/shanghai.ts';
import type { Field } from '../../forms/fields.ts';
import type { RecordContext, RecordForm } from '../record-form.ts';

type Values = Record<string, unknown>;
interface Opt {
  required?: boolean;
  placeholder?: string;
}
type Option = { value: string; label: string };

const extra = (o: Opt) => ({
  ...(o.required === false ? { required: false } : {}),
  ...(o.placeholder ? { placeholder: o.placeholder } : {}),
});

/** One line of text (names, households, titles). */
export const short = (name: string, label: string, o: Opt & { max?: number } = {}): Field => ({
  kind: 'text',
  name,
  label,
  max: o.max ?? 50,
  ...extra(o),
});

/** Several lines of text; 500 characters unless the record needs more. */
export const long = (name: string, label: string, o: Opt & { max?: number } = {}): Field => ({
  kind: 'text',
  name,
  label,
  multiline: true,
  max: o.max ?? 500,
  ...extra(o),
});

export const num = (
  name: string,
  label: string,
  o: Opt & { min?: number; max?: number; integer?: boolean; unit?: string } = {},
): Field => ({
  kind: 'number',
  name,
  label,
  ...(o.min !== undefined ? { min: o.min } : {}),
  ...(o.max !== undefined ? { max: o.max } : {}),
  ...(o.integer ? { integer: true } : {}),
  ...(o.unit ? { unit: o.unit } : {}),
  ...extra(o),
});

export const percent = (name: string, label: string, o: Opt = {}): Field => num(name, label, { ...o, min: 0, max: 100, unit: '%' });
export const money = (name: string, label: string, o: Opt = {}): Field => num(name, label, { ...o, min: 0, unit: '元' });
/** A head count (people, households): a whole number from `min`. */
export const count = (name: string, label: string, unit: string, o: Opt & { min?: number; max?: number } = {}): Field =>
  num(name, label, { ...o, min: o.min ?? 0, integer: true, unit });

export const day = (name: string, label: string, o: Opt & { notFuture?: boolean } = {}): Field => ({
  kind: 'date',
  name,
  label,
  ...(o.notFuture ? { notFuture: true } : {}),
  ...extra(o),
});

/** A date and time of something that happened (not in the future). */
export const when = (name: string, label: string): Field => ({ kind: 'datetime', name, label, notFuture: true });

/** A yes/no confirmation (已签字, 已参加): a 是/否 select on the card, true or false once read. */
export const check = (name: string, label: string): Field => ({ kind: 'checker', name, label });

export const choice = (name: string, label: string, options: Option[], o: Opt = {}): Field => ({
  kind: 'select',
  name,
  label,
  options,
  ...extra(o),
});

/**
 * A choice from a list the center gives (its posts, its supervisors); one or several.
 * A center without such a list gets a text field instead: Lark refuses a select without options.
 */
export function pick(name: string, label: string, options: Option[], o: Opt & { multi?: boolean } = {}): Field {
  if (options.length === 0) return o.multi ? long(name, label, { ...o, max: 200, placeholder: '多个用顿号分开' }) : short(name, label, o);
  if (!o.multi) return choice(name, label, options, o);
  return { kind: 'multiselect', name, label, options, ...((o.required ?? true) ? { min: 1 } : {}), ...extra(o) };
}

export const postOptions = (ctx: RecordContext): Option[] => ctx.center.posts.map((p) => ({ value: p, label: p }));
export const supervisorOptions = (ctx: RecordContext): Option[] => ctx.supervisors.map((s) => ({ value: s.id, label: s.name }));

// ---- cross-field checks (each returns the message for the first problem, naming the field) ----

/** A confirmation of the record (已参会, 已签字) that must be 是. */
export function ticked(values: Values, f: Field): string | null {
  return values[f.name] === true ? null : `${f.label}：请确认后选择「是」`;
}

/** A date that must not be before `min` (a milestone from today on; the end of a notice period). */
export function notBefore(value: unknown, min: string, label: string, reason = '不能早于今天'): string | null {
  return typeof value === 'string' && value < min ? `${label}：${reason}` : null;
}

/** A notice shown at least `days` days, counting both ends: the end is at least from + days − 1. */
export function lastsDays(from: string, to: string, days: number): string | null {
  const min = addDays(from, days - 1);
  return to < min ? `公示不少于 ${days} 天，结束日期应不早于 ${min}` : null;
}

// ---- how records add up for a quota (RecordForm.progress) ----

const numberIn = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The sum of a number field over the records (households learned each day). */
export const sumOf =
  (field: string) =>
  (records: Values[]): number =>
    records.reduce((n, r) => n + (numberIn(r[field]) ?? 0), 0);

/** A cumulative figure: the value of the latest record that has it (owners known so far). */
export const latestOf =
  (field: string) =>
  (records: Values[]): number => {
    for (let i = records.length - 1; i >= 0; i--) {
      const v = numberIn(records[i]![field]);
      if (v !== undefined) return v;
    }
    return 0;
  };

/** A count of households that cannot be more than the center has. */
export function withinHouseholds(value: unknown, label: string, ctx: RecordContext): string | null {
  const n = numberIn(value);
  return n !== undefined && n > ctx.center.households ? `${label}：不能超过本项目总户数 ${ctx.center.households} 户` : null;
}

// ---- reading values back ----

/** The items of a multiselect, or of the text that stands in for it ("保安岗、车场岗"). */
export function items(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v !== 'string') return [];
  return v
    .split(/[、,，;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function formatNumber(n: number): string {
  return (Math.round(n * 100) / 100).toLocaleString('zh-CN');
}

/** The first characters of a text, for a headline. */
export function clip(v: unknown, n = 16): string {
  const s = String(v ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

const labelOf = (options: Option[], v: string) => options.find((o) => o.value === v)?.label ?? v;

/** How one field's value reads in a receipt; null when an optional field was left empty. */
function fieldText(f: Field, v: unknown): string | null {
  if (f.kind === 'checker') return v === true ? '是' : '否';
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return null;
  switch (f.kind) {
    case 'number':
      return `${formatNumber(Number(v))}${f.unit ? (f.unit === '%' ? '%' : ` ${f.unit}`) : ''}`;
    case 'select':
      return labelOf(f.options, String(v));
    case 'multiselect':
      return items(v)
        .map((x) => labelOf(f.options, x))
        .join('、');
    default:
      return String(v);
  }
}

/** The record as label → text, in the order of the form, skipping empty optional fields. */
function fieldLines(fields: Field[], values: Values): [string, string][] {
  return fields.flatMap((f): [string, string][] => {
    const t = fieldText(f, values[f.name]);
    return t === null ? [] : [[f.label, t]];
  });
}

/** A record form whose lines, unless given, are its fields read back in order. */
export function recordForm(def: Omit<RecordForm, 'lines'> & { lines?: RecordForm['lines'] }): RecordForm {
  return { ...def, lines: def.lines ?? ((values, ctx) => fieldLines(def.fields(ctx), values)) };
}

/** A meeting or inspection to attend: its date, the attendance confirmed, and notes. */
export function attendanceForm(o: { id: string; title: string; rule: string; attended: string; notes: string }): RecordForm {
  const attended = check('attended', o.attended);
  return recordForm({
    id: o.id,
    title: o.title,
    rules: [o.rule],
    fields: () => [day('date', '日期', { notFuture: true }), attended, long('notes', o.notes, { required: false })],
    check: (v) => ticked(v, attended),
    headline: (v) => `${o.title} ${v.date}，已参加`,
  });
}

/** A training session: its topic, how many attended, and how it went. */
export function trainingForm(o: { id: string; title: string; rule: string }): RecordForm {
  return recordForm({
    id: o.id,
    title: o.title,
    rules: [o.rule],
    fields: () => [
      short('topic', '培训主题'),
      count('attendees', '参加人数', '人', { min: 1 }),
      long('notes', '培训情况', { required: false }),
    ],
    headline: (v) => `${o.title}：${clip(v.topic, 14)}，${v.attendees} 人`,
  });
}
