// The quality records: day patrol (and its post coverage), night check, monthly full inspection, joint inspection, emergency.
import { addDays } from '../../../lib/shanghai.ts';
import type { Rule } from '../../../rules/rulebook/schema.ts';
import type { RecordContext, RecordForm } from '../record-form.ts';
import {
  attendanceForm,
  check,
  clip,
  count,
  day,
  items,
  long,
  notBefore,
  pick,
  postOptions,
  recordForm,
  supervisorOptions,
  ticked,
  when,
} from './kit.ts';

/** The halves of the day a day patrol falls in (「上午、下午各巡查一次」), as stored in the record. */
const HALVES = [
  { value: 'am', label: '上午' },
  { value: 'pm', label: '下午' },
] as const;
const DAY_PATROL_RULE = 'quality.day_patrol';
const AFTERNOON_FROM = '12:00';

/** When the afternoon starts for day patrols, as the rulebook in force says (quality.day_patrol's afternoon_from). */
function afternoonFrom(rules: Rule[]): string {
  const rule = rules.find((r) => r.id === DAY_PATROL_RULE);
  return (rule?.kind === 'quota' && rule.afternoon_from) || AFTERNOON_FROM;
}

const halfLabel = (v: Record<string, unknown>) => HALVES.find((h) => h.value === v.half)?.label ?? '';

const patrolTime = { kind: 'time', name: 'time', label: '巡查时间' } as const;

const dayPatrolFields = recordForm({
  id: 'day_patrol',
  title: '日查',
  rules: [DAY_PATROL_RULE],
  photos: true,
  fields: (ctx) => [
    patrolTime,
    pick('posts', '检查岗位', postOptions(ctx), { multi: true }),
    check('books', '已检查岗位记录本'),
    long('problems', '发现问题', { required: false }),
    long('measure', '整改措施', { required: false }),
    day('milestone', '整改节点', { required: false }),
  ],
  check: (v, ctx) => {
    if (ctx.now !== undefined && String(v.time) > ctx.now) return `${patrolTime.label}：不能晚于现在`;
    if (v.problems) {
      if (!v.measure) return '整改措施：发现问题时必填';
      if (!v.milestone) return '整改节点：发现问题时必填';
    }
    return notBefore(v.milestone, ctx.today, '整改节点');
  },
  // the half comes from the time, as the rulebook places noon; a record filed before times were asked keeps its declared half
  derive: (v, rules) => ({ ...v, half: String(v.time) < afternoonFrom(rules) ? 'am' : 'pm' }),
  headline: (v) =>
    `${halfLabel(v)}日查，检查${items(v.posts).length}个岗位，${v.problems ? `发现问题：${clip(v.problems, 10)}` : '未发现问题'}`,
  progress: (records, ctx, target) => patrolProgress(records, ctx.center, target),
});

/** The day patrol: its time line says the half of the day it counts for (「上午 09:40」). */
const dayPatrol: RecordForm = {
  ...dayPatrolFields,
  lines: (v, ctx) =>
    dayPatrolFields
      .lines(v, ctx)
      .map(([label, text]): [string, string] =>
        label === patrolTime.label && v.half ? [label, `${halfLabel(v)} ${text}`] : [label, text],
      ),
};

/** The halves of the day no patrol of the day has filed yet (labels, in order). */
export function halvesOwed(patrols: Record<string, unknown>[]): string[] {
  const filed = new Set(patrols.map((p) => p.half));
  return HALVES.filter((h) => !filed.has(h.value)).map((h) => h.label);
}

/**
 * The day's patrols as they count for the day's quota (quality.day_patrol): each patrol counts, but the quota is met
 * only once the morning and the afternoon each have one (a target of 2 or more) and the day's posts are covered as the
 * headcount requires — until then the count stops one short of the target.
 */
function patrolProgress(records: Record<string, unknown>[], center: { headcount: number; posts: string[] }, target: number): number {
  const covered =
    coverageShortfall(
      center.headcount,
      center.posts,
      records.map((r) => items(r.posts)),
    ).length === 0;
  const bothHalves = target < 2 || halvesOwed(records).length === 0;
  return covered && bothHalves ? records.length : Math.min(records.length, Math.max(0, target - 1));
}

/**
 * The posts still short of today's patrol coverage, given each patrol's covered posts (workflow.md, quality.day_patrol):
 * headcount under 20 → every post twice; 20–50 → every post once; over 50 → at least half the posts once.
 * In the last band no post is owed by itself: the result is the first uncovered posts, as many as are still needed.
 */
export function coverageShortfall(headcount: number, posts: string[], coveredToday: string[][]): string[] {
  const times = new Map(posts.map((p) => [p, 0]));
  for (const patrol of coveredToday) {
    for (const p of new Set(patrol)) if (times.has(p)) times.set(p, times.get(p)! + 1);
  }
  if (headcount < 20) return posts.filter((p) => times.get(p)! < 2);
  const uncovered = posts.filter((p) => times.get(p) === 0);
  if (headcount <= 50) return uncovered;
  const needed = Math.ceil(posts.length / 2) - (posts.length - uncovered.length);
  return uncovered.slice(0, Math.max(0, needed));
}

const NIGHT_FROM = '21:00';
const NIGHT_TO = '06:00';
/** Night: from 21:00 to 06:00 the next morning, both ends included. */
const isNight = (time: string) => time >= NIGHT_FROM || time <= NIGHT_TO;

/** A night named by its evening's date, with the check's time: 「12月6日夜 23:40」. */
function nightText(night: unknown, time: unknown): string {
  if (typeof night !== 'string') return String(time);
  const [, m, d] = night.split('-');
  return `${Number(m)}月${Number(d)}日夜 ${String(time)}`;
}

/** The day a check at `time` in the night of `night` took place: the evening's own day, or the morning after. */
/** Before noon, a night check to file is most likely last night's. */
const NOON = '12:00';

const dayOfCheck = (night: string, time: string) => (time >= NIGHT_FROM ? night : addDays(night, 1));

const signed = check('signed', '已在《秩序维护工作日志登记簿》签字');
const nightDay = day('night', '夜查日期', { notFuture: true });
const nightTime = { kind: 'time', name: 'time', label: '夜查时间' } as const;

/** Whether the check's moment has come: the night's date and time against the filing's day and time. */
function nightProblem(v: Record<string, unknown>, ctx: RecordContext): string | null {
  const night = String(v.night);
  const time = String(v.time);
  if (!isNight(time)) return `${nightTime.label}：应在 ${NIGHT_FROM} 至次日 ${NIGHT_TO} 之间`;
  const at = dayOfCheck(night, time);
  if (at > ctx.today || (at === ctx.today && ctx.now !== undefined && time > ctx.now))
    return `${nightTime.label}：${nightText(night, time)} 还未到${night === ctx.today ? '；昨晚的夜查请选昨天的日期' : ''}`;
  return null;
}

/** The manager's and the supervisors' night checks file the same way; the duty being filed says whose it is. */
const nightCheckFields = recordForm({
  id: 'night_check',
  title: '夜查',
  rules: ['quality.night_check', 'quality.supervisor_night_check'],
  photos: true,
  fields: (ctx) => [
    nightDay,
    nightTime,
    pick('posts', '检查岗位', postOptions(ctx), { multi: true }),
    count('asleep', '发现睡岗', '人', { max: 50 }),
    signed,
    long('notes', '其他情况', { required: false }),
  ],
  check: (v, ctx) => nightProblem(v, ctx) ?? ticked(v, signed),
  prefill: (ctx, now) => ({ night: now < NOON ? addDays(ctx.today, -1) : ctx.today }),
  headline: (v) => `夜查 ${nightText(v.night, v.time)}，检查${items(v.posts).length}个岗位，睡岗${v.asleep}人`,
  // the month's quota counts nights: two checks in one night count once (a record without its night counts by itself)
  progress: (records) => new Set(records.map((r, i) => (typeof r.night === 'string' ? r.night : `#${i}`))).size,
});

/** The night check: its date and time read as one line, the night (「夜查时间 12月6日夜 23:40」). */
const nightCheck: RecordForm = {
  ...nightCheckFields,
  lines: (v, ctx) =>
    nightCheckFields.lines(v, ctx).flatMap(([label, text]): [string, string][] => {
      if (label === nightDay.label) return [];
      return label === nightTime.label ? [[label, nightText(v.night, v.time)]] : [[label, text]];
    }),
};

const monthlyInspection = recordForm({
  id: 'monthly_inspection',
  title: '月度全面检查',
  rules: ['quality.monthly_inspection'],
  fields: (ctx) => [
    day('date', '检查日期', { notFuture: true }),
    pick('supervisors', '参加主管', supervisorOptions(ctx), { multi: true }),
    long('summary', '检查总结'),
  ],
  headline: (v) => `月度全面检查 ${v.date}，${items(v.supervisors).length} 位主管参加`,
});

const jointInspection = attendanceForm({
  id: 'joint_inspection',
  title: '品质联合检查',
  rule: 'quality.joint_inspection',
  attended: '已参加联合检查',
  notes: '检查发现',
});

const emergency = recordForm({
  id: 'emergency',
  title: '突发事件处理记录',
  rules: ['quality.emergency'],
  fields: () => [
    when('at', '发生时间'),
    long('what', '事件经过'),
    long('handling', '处理情况'),
    check('phoned', '已电话报告分管领导和品质管理中心'),
  ],
  headline: (v) => `突发事件 ${v.at}：${clip(v.what, 12)}${v.phoned ? '' : '（未电话报告）'}`,
});

export const QUALITY_FORMS: RecordForm[] = [dayPatrol, nightCheck, monthlyInspection, jointInspection, emergency];
