// The people records: staff and direct-report talks, 99+1, training, the benchmark post, and staff points (daily, monthly, quarterly notice).
import type { RecordForm } from '../record-form.ts';
import {
  check,
  clip,
  count,
  day,
  lastsDays,
  long,
  notBefore,
  pick,
  postOptions,
  recordForm,
  short,
  supervisorOptions,
  ticked,
  trainingForm,
} from './kit.ts';

const staffTalk = recordForm({
  id: 'staff_talk',
  title: '员工恳谈',
  rules: ['hr.staff_talk'],
  fields: () => [short('staff', '员工姓名', { max: 20 }), long('topic', '谈话内容'), long('followup', '跟进事项', { required: false })],
  headline: (v) => `员工恳谈：${v.staff}`,
});

const directReportTalk = recordForm({
  id: 'direct_report_talk',
  title: '直接下属谈话',
  rules: ['hr.direct_report_talk'],
  fields: (ctx) => [
    pick('who', '谈话对象', supervisorOptions(ctx)),
    long('topic', '谈话内容'),
    long('followup', '跟进事项', { required: false }),
  ],
  headline: (v, ctx) => `下属谈话：${ctx.supervisors.find((s) => s.id === v.who)?.name ?? v.who}`,
});

const activity99plus1 = recordForm({
  id: 'activity_99plus1',
  title: '99+1 活动',
  rules: ['hr.99plus1'],
  fields: () => [
    day('date', '活动日期', { notFuture: true }),
    short('for', '活动对象', { placeholder: '为哪位管理人员开展' }),
    long('content', '活动内容'),
  ],
  headline: (v) => `99+1 活动 ${v.date}：${clip(v.for, 10)}`,
});

const training = trainingForm({ id: 'training', title: '专业培训', rule: 'hr.training' });

const benchmarkPost = recordForm({
  id: 'benchmark_post',
  title: '专业标杆岗位',
  rules: ['hr.benchmark_post'],
  fields: (ctx) => [pick('post', '标杆岗位', postOptions(ctx)), long('reason', '评选理由')],
  headline: (v) => `专业标杆岗位：${v.post}`,
});

const supervised = check('done', '已督导各部门当日员工积分');
const pointsDaily = recordForm({
  id: 'points_daily',
  title: '员工积分督导',
  rules: ['hr.points_daily'],
  fields: () => [supervised, long('notes', '发现问题', { required: false })],
  check: (v) => ticked(v, supervised),
  headline: (v) => `员工积分督导已完成${v.notes ? `：${clip(v.notes, 10)}` : ''}`,
});

const pointsMonthly = recordForm({
  id: 'points_monthly',
  title: '员工积分汇总',
  rules: ['hr.points_monthly'],
  fields: () => [
    count('staff', '参与人数', '人', { min: 1 }),
    long('summary', '汇总情况'),
    short('top', '积分前三名', { required: false, max: 50 }),
  ],
  headline: (v) => `员工积分汇总：${v.staff} 人`,
});

/** The quarter's points are published for at least 5 days, counting the first and the last. */
const NOTICE_DAYS = 5;

const pointsQuarterly = recordForm({
  id: 'points_quarterly',
  title: '员工积分公示',
  rules: ['hr.points_quarterly'],
  fields: () => [
    day('from', '公示开始日期', { notFuture: true }),
    day('to', '公示结束日期'),
    short('where', '公示地点', { required: false }),
  ],
  check: (v) => {
    const tooShort = lastsDays(String(v.from), String(v.to), NOTICE_DAYS);
    return tooShort ? `公示结束日期：${tooShort}` : null;
  },
  headline: (v) => `员工积分公示 ${v.from} 至 ${v.to}`,
});

/** A staff opinion, with the day it must be answered by (the reply is confirmed with 已答复). */
const staffOpinion = recordForm({
  id: 'staff_opinion',
  title: '员工意见',
  rules: ['hr.staff_opinion'],
  fields: () => [short('staff', '员工', { max: 20 }), long('opinion', '意见内容'), day('deadline', '答复期限')],
  check: (v, ctx) => notBefore(v.deadline, ctx.today, '答复期限'),
  headline: (v) => `员工意见（${v.staff}）：${clip(v.opinion, 12)}，${v.deadline} 前答复`,
});

export const HR_FORMS: RecordForm[] = [
  staffOpinion,
  staffTalk,
  directReportTalk,
  activity99plus1,
  training,
  benchmarkPost,
  pointsDaily,
  pointsMonthly,
  pointsQuarterly,
];
