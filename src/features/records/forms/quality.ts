// The quality records: day patrol (and its post coverage), night check, monthly full inspection, joint inspection, emergency.
import type { RecordForm } from '../record-form.ts';
import {
  attendanceForm,
  check,
  choice,
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

const HALVES = [
  { value: 'am', label: '上午' },
  { value: 'pm', label: '下午' },
];

const dayPatrol = recordForm({
  id: 'day_patrol',
  title: '日查',
  rules: ['quality.day_patrol'],
  photos: true,
  fields: (ctx) => [
    choice('half', '时段', HALVES),
    pick('posts', '检查岗位', postOptions(ctx), { multi: true }),
    check('books', '已检查岗位记录本'),
    long('problems', '发现问题', { required: false }),
    long('measure', '整改措施', { required: false }),
    day('milestone', '整改节点', { required: false }),
  ],
  check: (v, ctx) => {
    if (v.problems) {
      if (!v.measure) return '整改措施：发现问题时必填';
      if (!v.milestone) return '整改节点：发现问题时必填';
    }
    return notBefore(v.milestone, ctx.today, '整改节点');
  },
  headline: (v) =>
    `${v.half === 'am' ? '上午' : '下午'}日查，检查${items(v.posts).length}个岗位，${v.problems ? `发现问题：${clip(v.problems, 10)}` : '未发现问题'}`,
  progress: (records, ctx, target) => patrolProgress(records, ctx.center, target),
});

/**
 * The day's patrols as they count for the day's quota (quality.day_patrol): each patrol counts, but the quota is met
 * only once the day's posts are covered as the headcount requires — until then the count stops one short of the target.
 */
function patrolProgress(records: Record<string, unknown>[], center: { headcount: number; posts: string[] }, target: number): number {
  const covered =
    coverageShortfall(
      center.headcount,
      center.posts,
      records.map((r) => items(r.posts)),
    ).length === 0;
  return covered ? records.length : Math.min(records.length, Math.max(0, target - 1));
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

const signed = check('signed', '已在《秩序维护工作日志登记簿》签字');

/** The manager's and the supervisors' night checks file the same way; the duty being filed says whose it is. */
const nightCheck = recordForm({
  id: 'night_check',
  title: '夜查',
  rules: ['quality.night_check', 'quality.supervisor_night_check'],
  photos: true,
  fields: (ctx) => [
    { kind: 'time', name: 'time', label: '夜查时间' },
    pick('posts', '检查岗位', postOptions(ctx), { multi: true }),
    count('asleep', '发现睡岗', '人', { max: 50 }),
    signed,
    long('notes', '其他情况', { required: false }),
  ],
  check: (v) => (isNight(String(v.time)) ? ticked(v, signed) : `夜查时间：应在 ${NIGHT_FROM} 至次日 ${NIGHT_TO} 之间`),
  headline: (v) => `夜查 ${v.time}，检查${items(v.posts).length}个岗位，睡岗${v.asleep}人`,
});

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
