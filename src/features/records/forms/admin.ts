// The administration records: daily report, weekly progress, monthly plan and self-review, meetings, purchases, ad-hoc tasks.
import type { RecordForm } from '../record-form.ts';
import {
  attendanceForm,
  check,
  clip,
  count,
  day,
  formatNumber,
  long,
  money,
  notBefore,
  num,
  percent,
  recordForm,
  short,
  when,
} from './kit.ts';

const dailyReport = recordForm({
  id: 'daily_report',
  title: '日报',
  rules: ['admin.daily_report'],
  fields: () => [long('done', '今日完成工作'), long('plan', '问题及明日计划', { required: false })],
  headline: (v) => `日报：${clip(v.done)}`,
});

/** The Thursday progress reports: the monthly plan's week, and the company plan. */
function progressForm(id: string, title: string, rule: string): RecordForm {
  return recordForm({
    id,
    title,
    rules: [rule],
    fields: () => [long('progress', '工作进度'), percent('percent', '完成率'), long('problems', '存在问题', { required: false })],
    headline: (v) => `${title}：完成 ${formatNumber(Number(v.percent))}%`,
  });
}

const planProgress = progressForm('plan_progress', '月度计划当周进度', 'admin.weekly_plan_progress');
const companyProgress = progressForm('company_progress', '公司计划进度', 'admin.weekly_company_progress');

const monthlyPlan = recordForm({
  id: 'monthly_plan',
  title: '下月工作计划',
  rules: ['admin.monthly_plan'],
  fields: () => [long('plan', '下月重点工作', { max: 1000 }), long('support', '需协调的事项', { required: false })],
  headline: (v) => `下月计划：${clip(v.plan)}`,
});

const selfReview = recordForm({
  id: 'self_review',
  title: '上月计划自评',
  rules: ['admin.monthly_self_review'],
  fields: () => [
    percent('percent', '计划完成率'),
    num('score', '自评分', { min: 0, max: 100, unit: '分' }),
    long('review', '完成情况及不足', { max: 1000 }),
  ],
  headline: (v) => `上月自评：完成 ${formatNumber(Number(v.percent))}%，自评 ${formatNumber(Number(v.score))} 分`,
});

const reviewMeeting = attendanceForm({
  id: 'review_meeting',
  title: '月度考评会',
  rule: 'admin.monthly_review_meeting',
  attended: '已参加月度考评会',
  notes: '会议要点',
});

const materialPurchase = recordForm({
  id: 'material_purchase',
  title: '物料申购审核',
  rules: ['admin.material_purchase'],
  fields: () => [long('items', '申购物料及数量'), money('amount', '预计金额'), long('opinion', '审核意见', { required: false })],
  headline: (v) => `物料申购 ${formatNumber(Number(v.amount))} 元：${clip(v.items, 12)}`,
});

const reportAttended = check('report_attended', '已参加述职大会');
const halfYearSummary = recordForm({
  id: 'half_year_summary',
  title: '半年总结及述职',
  rules: ['admin.half_year_summary'],
  fields: () => [long('summary', '半年工作总结', { max: 1000 }), reportAttended],
  headline: (v) => `半年总结：${clip(v.summary)}${v.report_attended ? '，已述职' : ''}`,
});

const dailyClearance = recordForm({
  id: 'daily_clearance',
  title: '日清会',
  rules: ['meeting.daily_clearance'],
  fields: () => [long('issues', '今日未解决的问题'), long('plan', '解决方案'), day('milestone', '完成节点')],
  check: (v, ctx) => notBefore(v.milestone, ctx.today, '完成节点'),
  headline: (v) => `日清会：${clip(v.issues, 12)}，节点 ${v.milestone}`,
});

const allStaffMeeting = recordForm({
  id: 'all_staff_meeting',
  title: '全体人员大会',
  rules: ['meeting.all_staff'],
  fields: () => [
    day('date', '会议日期', { notFuture: true }),
    count('attendees', '参会人数', '人', { min: 1 }),
    long('topics', '会议内容'),
  ],
  headline: (v) => `全体人员大会 ${v.date}，${v.attendees} 人参加`,
});

const adhocTask = recordForm({
  id: 'adhoc_task',
  title: '临时任务备案',
  rules: ['admin.adhoc_task_filing'],
  fields: () => [long('task', '任务内容'), short('by', '交办领导', { max: 20 }), when('at', '交办时间')],
  headline: (v) => `临时任务（${v.by}交办）：${clip(v.task, 12)}`,
});

export const ADMIN_FORMS: RecordForm[] = [
  dailyReport,
  planProgress,
  companyProgress,
  monthlyPlan,
  selfReview,
  reviewMeeting,
  materialPurchase,
  halfYearSummary,
  dailyClearance,
  allStaffMeeting,
  adhocTask,
];
