// The default rulebook: every rule of the work rules (shared/mission/workflow.md), by id, as data. Companies change it in RULEBOOK_FILE.
import type { RuleInput } from './schema.ts';

const TWO_YUAN = { late: { yuan: 2 }, missing: { yuan: 2 } };
const PREV: 'previous-workday' = 'previous-workday';
const NEXT: 'next-workday' = 'next-workday';

export const DEFAULT_RULES: RuleInput[] = [
  // 1. Administration (行政工作) -----------------------------------------------------------------------
  {
    id: 'admin.daily_report', title: '日报', kind: 'deadline', cadence: { every: 'workday' }, time: '16:30',
    recipients: ['admin'], reminders: [{ at: '15:30', type: 'card' }, { at: '16:15', type: 'last_call' }],
    note: 'recorded late; no fine in the source (reading)',
  },
  {
    id: 'admin.adhoc_task_filing', title: '临时任务备案', kind: 'follow_up', trigger: 'adhoc_task', within_hours: 24,
    recipients: ['admin'], penalty: { late: { yuan: 1 }, missing: { yuan: 1 } },
  },
  {
    id: 'admin.weekly_company_progress', title: '公司计划进度', kind: 'deadline', cadence: { every: 'week', weekday: 4 }, time: '16:30', shift: PREV,
    recipients: ['admin'], penalty: TWO_YUAN, reminders: [{ at: '14:00', type: 'card' }, { at: '16:00', type: 'last_call' }],
    note: 'goes to the admin department (reading)',
  },
  {
    id: 'admin.weekly_plan_progress', title: '月度计划当周进度', kind: 'deadline', cadence: { every: 'week', weekday: 4 }, time: '12:00', shift: PREV,
    recipients: ['leader'], penalty: TWO_YUAN, reminders: [{ at: '09:30', type: 'card' }, { at: '11:30', type: 'last_call' }],
  },
  {
    id: 'admin.monthly_plan', title: '下月工作计划', kind: 'deadline', cadence: { every: 'month', day: 28 }, time: '18:00', shift: PREV,
    recipients: ['admin', 'leader'], penalty: TWO_YUAN,
    reminders: [{ workdays_before: 2, at: '09:30', type: 'card' }, { at: '09:30', type: 'last_call' }],
    note: '"by the 28th": 18:00, the end of the working day, for every "by the Nth" deadline (reading)',
  },
  {
    id: 'admin.monthly_self_review', title: '上月计划自评', kind: 'deadline', cadence: { every: 'month', day: 2, for: 'previous' }, time: '23:59', shift: NEXT,
    recipients: ['admin', 'leader'], penalty: TWO_YUAN, reminders: [{ at: '09:30', type: 'card' }, { at: '17:00', type: 'last_call' }],
  },
  {
    id: 'admin.monthly_review_meeting', title: '月度考评会', kind: 'deadline', cadence: { every: 'month', day: 10 }, time: '18:00', shift: PREV,
    note: 'attendance confirmed; recorded',
  },
  { id: 'admin.material_purchase', title: '物料申购审核', kind: 'deadline', cadence: { every: 'month', day: 25 }, time: '18:00', shift: PREV, recipients: ['admin'] },
  {
    id: 'admin.half_year_summary', title: '半年总结及述职', kind: 'deadline', cadence: { every: 'half', day: 'last' }, time: '18:00', shift: PREV,
    recipients: ['leader'], note: 'end of June and end of December (reading)',
  },
  { id: 'meeting.daily_clearance', title: '日清会', kind: 'quota', period: 'workday', target: 1, notify_shortfall: false },
  { id: 'meeting.all_staff', title: '全体人员大会', kind: 'quota', period: 'month', target: 1, nudges: [{ days_before_end: 3 }] },

  // 2. Quality (品质工作) --------------------------------------------------------------------------------
  {
    id: 'quality.day_patrol', title: '日查', kind: 'quota', period: 'workday', target: 2, recipients: ['quality_center'], notify_shortfall: false,
    note: 'AM + PM on the manager\'s workdays (reading); the day is met only once its posts are covered as the headcount requires',
  },
  { id: 'quality.patrol_issue', title: '日查问题整改', kind: 'follow_up', trigger: 'patrol_issue', note: 'by its own milestone; overdue issues listed each morning' },
  { id: 'quality.monthly_inspection', title: '月度全面检查', kind: 'quota', period: 'month', target: 1, recipients: ['quality_center'], nudges: [{ days_before_end: 5 }] },
  {
    id: 'quality.joint_inspection', title: '品质联合检查', kind: 'deadline', cadence: { every: 'scheduled' }, time: '18:00',
    recipients: ['quality_center'], note: 'an absence is booked once, by deduct.missed_joint_inspection (3 points)',
  },
  {
    id: 'quality.night_check', title: '夜查', kind: 'quota', period: 'month', target: 2, recipients: ['quality_center'],
    nudges: [{ day_of_period: 15, below: 1 }, { days_before_end: 3 }],
  },
  {
    id: 'quality.supervisor_night_check', title: '主管夜查', kind: 'quota', owner: 'supervisor', period: 'month', target: 2, recipients: ['manager'],
    nudges: [{ day_of_period: 15, below: 1 }, { days_before_end: 3 }],
  },
  {
    id: 'quality.emergency', title: '突发事件处理记录', kind: 'follow_up', trigger: 'emergency', within_hours: 24,
    recipients: ['leader', 'quality_center'], escalate_to: ['leader'], note: 'within 24 h (reading)',
  },
  { id: 'deduct.repeat_issue', title: '日查重复问题', kind: 'deduction', points: 2 },
  { id: 'deduct.sleeping_on_duty', title: '睡岗', kind: 'deduction', points: 3 },
  { id: 'deduct.missed_joint_inspection', title: '联合检查缺席', kind: 'deduction', points: 3 },
  { id: 'deduct.leader_rollup', title: '分管领导连带扣分', kind: 'deduction', rollup: { per: 5, points: 3 } },
  { id: 'redline.dismissal', title: '底线问题', kind: 'deduction', redline: true, recipients: ['leader', 'admin'] },

  // 3. Owners' satisfaction (客户满意) ---------------------------------------------------------------------
  // the onboarding rows of workflow.md name several items each; the items beyond the visits have ids of their own,
  // named after their row: customer.onboarding_daily_info, customer.onboarding_week_info, customer.onboarding_week_known
  { id: 'customer.onboarding_daily', title: '新任每日拜访', kind: 'quota', onboarding: true, period: 'onboarding_days', target: 2, notify_shortfall: false, note: '2 home visits a workday during onboarding' },
  {
    id: 'customer.onboarding_daily_info', title: '新任每日了解业主信息', kind: 'quota', onboarding: true, period: 'onboarding_days', target: 15, notify_shortfall: false,
    note: "15 households' information a workday during onboarding (an item of customer.onboarding_daily); counted in households",
  },
  {
    id: 'customer.onboarding_week', title: '新任首周拜访', kind: 'quota', onboarding: true, period: 'onboarding_week', target: 14,
    note: 'a first week with fewer than 5 workdays owes its share (reading)',
  },
  {
    id: 'customer.onboarding_week_info', title: '新任首周熟悉业主资料', kind: 'quota', onboarding: true, period: 'onboarding_week', target: 'households',
    note: "all owners' information within the first week (an item of customer.onboarding_week); the cumulative count of households",
  },
  {
    id: 'customer.onboarding_week_known', title: '新任首周认识业主', kind: 'quota', onboarding: true, period: 'onboarding_week', target: 5,
    note: 'at least 5 households known in person within the first week (an item of customer.onboarding_week); the cumulative count of owners known',
  },
  {
    id: 'customer.know_all_owners', title: '认识全部业主', kind: 'quota', onboarding: true, period: 'onboarding_month', target: 'households',
    large_estate: { households_over: 1000, period: 'onboarding_year' },
    note: 'owners known (认识), the cumulative count of households, not visits; up to 1,000 households: within the month (reading of "1户以内"); larger: within the year',
  },
  { id: 'customer.visit_prep', title: '遗留问题拜访预案', kind: 'follow_up', trigger: 'legacy_problem_visit', guard: true },
  {
    id: 'customer.owner_forum', title: '业主恳谈会', kind: 'deadline', cadence: { every: 'month', day: 10 }, time: '18:00', shift: PREV,
    recipients: ['leader'], note: 'early each month (by the 10th, reading); the leader is invited',
  },
  { id: 'customer.forum_followup', title: '恳谈会问题清单', kind: 'follow_up', trigger: 'owner_forum', within_hours: 24, recipients: ['quality_center'] },
  { id: 'customer.complaint', title: '业主投诉处理', kind: 'follow_up', trigger: 'complaint', recipients: ['quality_center', 'customer_service'], escalate_to: ['leader'] },
  {
    id: 'customer.complaint_kpis', title: '投诉处结率与满意度', kind: 'measure', period: 'month', warn_on_day: 20,
    thresholds: [{ metric: 'closure_rate', min: 0.7 }, { metric: 'satisfaction', min: 0.8 }],
  },

  // 4. Finance (财务收费管理) ---------------------------------------------------------------------------
  {
    id: 'finance.weekly_collection', title: '收费周报表', kind: 'deadline', cadence: { every: 'week', weekday: 5 }, time: '17:00', shift: PREV,
    recipients: ['admin'], note: 'Friday 17:00 (reading)',
  },
  {
    id: 'finance.monthly_report', title: '收费月报', kind: 'deadline', cadence: { every: 'month', day: 5, for: 'previous' }, time: '18:00', shift: NEXT,
    recipients: ['admin'], note: 'by the 5th (reading)',
  },
  { id: 'finance.monthly_budget', title: '月度资金预算', kind: 'deadline', cadence: { every: 'month', day: 25 }, time: '18:00', shift: PREV, recipients: ['admin'], note: 'by the 25th (reading)' },
  { id: 'finance.advance_payments', title: '代垫费用回收', kind: 'measure', period: 'month', thresholds: [{ metric: 'recovery_rate', min: 1 }] },
  {
    id: 'finance.quarterly_arrears', title: '季度欠费明细', kind: 'deadline', cadence: { every: 'quarter', day: 10, for: 'previous' }, time: '18:00', shift: NEXT,
    recipients: ['admin'], note: 'by the 10th of the next month (reading)',
  },
  { id: 'finance.annual_budget', title: '年度资金预算', kind: 'deadline', cadence: { every: 'year', month: 12, day: 15 }, time: '18:00', shift: PREV, recipients: ['admin'], note: 'by 15 December (reading)' },
  { id: 'finance.collection_rate', title: '收费率', kind: 'measure', period: 'month', thresholds: [{ metric: 'collection_vs_expected', min: 1 }], note: 'below the expected rate: analysis and plan at once' },

  // 5. Brand (品牌工作) -----------------------------------------------------------------------------------
  { id: 'brand.morning_reading', title: '晨诵及舆情', kind: 'quota', period: 'workday', target: 1, notify_shortfall: false },
  { id: 'brand.bulletin_board', title: '宣传栏更换', kind: 'quota', period: 'month', target: 1, nudges: [{ days_before_end: 5 }] },
  { id: 'brand.newsletters', title: '报刊发放学习', kind: 'quota', period: 'month', target: 1 },
  { id: 'brand.read_news', title: '阅读物业资讯', kind: 'quota', period: 'month', target: 1 },
  { id: 'brand.character_training', title: '品格培训会', kind: 'quota', period: 'month', target: 1 },
  { id: 'brand.service_story', title: '个性化服务小故事', kind: 'deadline', cadence: { every: 'month', day: 'last' }, time: '18:00', shift: PREV, recipients: ['admin'], note: 'by month end (reading)' },
  { id: 'brand.quarterly_character', title: '季度品格学习', kind: 'quota', period: 'quarter', target: 1 },
  {
    id: 'brand.character_star', title: '品格明星推荐', kind: 'anchored', anchor: 'quarter_selection', offset_days: -10, time: '18:00',
    recipients: ['admin'], note: "selection on the quarter's last day (reading)",
  },
  {
    id: 'brand.festival_plan', title: '节日包装方案', kind: 'anchored', anchor: 'festival', offset_days: -15, time: '18:00', shift: PREV, recipients: ['admin'],
    note: 'signed off 15 days before; a rest day moves it to the previous workday',
  },
  {
    id: 'brand.festival_decoration', title: '节日包装完成', kind: 'anchored', anchor: 'festival', offset_days: -1, time: '18:00', shift: 'keep', recipients: ['admin'],
    note: 'finished by the day before even when that is a holiday: centers are staffed every day (reading)',
  },

  // 6. People (人力资源工作) -----------------------------------------------------------------------------
  { id: 'hr.staff_talk', title: '员工恳谈', kind: 'quota', period: 'week', target: 1 },
  { id: 'hr.direct_report_talk', title: '直接下属谈话', kind: 'quota', period: 'month', target: 'per_direct_report', note: 'one per direct report a month (reading)' },
  { id: 'hr.99plus1', title: '99+1活动', kind: 'quota', period: 'month', target: 1, note: 'one a month organised by the center manager for a manager (reading); the one for the center manager is the company\'s' },
  { id: 'hr.staff_opinion', title: '员工意见回复', kind: 'follow_up', trigger: 'staff_opinion', escalate_to: ['leader'] },
  { id: 'hr.training', title: '专业培训', kind: 'quota', period: 'month', target: 1 },
  { id: 'hr.benchmark_post', title: '专业标杆岗位', kind: 'quota', period: 'month', target: 1, note: 'monthly (reading)' },
  { id: 'hr.points_daily', title: '员工积分督导', kind: 'quota', period: 'workday', target: 1, notify_shortfall: false },
  { id: 'hr.points_monthly', title: '员工积分汇总', kind: 'quota', period: 'month', target: 1 },
  { id: 'hr.points_quarterly', title: '员工积分公示', kind: 'quota', period: 'quarter', target: 1, note: 'published for at least 5 days' },
];
