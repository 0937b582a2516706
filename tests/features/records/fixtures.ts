// A center to fill record forms for, and one good answer per form as Lark sends it (form_value).
import type { RecordContext } from '../../../src/features/records/record-form.ts';

export const TODAY = '2026-11-27';

export const CTX: RecordContext = {
  center: { code: 'SH01', name: '春江花园', posts: ['大门岗', '监控室', '车场岗', '巡逻岗'], headcount: 18, households: 800 },
  person: { id: 'ou_mgr', name: '张伟' },
  supervisors: [
    { id: 'ou_s1', name: '王强' },
    { id: 'ou_s2', name: '李梅' },
  ],
  today: TODAY,
};

/** A large center: many posts and supervisors make the largest cards. */
export const LARGE_CTX: RecordContext = {
  ...CTX,
  center: { ...CTX.center, posts: Array.from({ length: 60 }, (_, i) => `${i + 1}号岗位（东区）`), headcount: 120, households: 3000 },
  supervisors: Array.from({ length: 20 }, (_, i) => ({ id: `ou_s${i}`, name: `主管${i + 1}` })),
};

/** A center that has not listed its posts or supervisors yet. */
export const BARE_CTX: RecordContext = { ...CTX, center: { ...CTX.center, posts: [] }, supervisors: [] };

/** One good answer per form id, in Lark's formats: dates and times with "+0800", numbers as input strings, arrays for multiselects. */
export const GOOD: Record<string, Record<string, unknown>> = {
  daily_report: { done: '完成消防通道清理；协调3户漏水维修', plan: '明日跟进车库照明' },
  plan_progress: { progress: '绿化补种已完成一半', percent: '50', problems: '' },
  company_progress: { progress: '智慧门禁改造进场', percent: '30' },
  monthly_plan: { plan: '1. 冬季防冻\n2. 年终收费冲刺', support: '' },
  self_review: { percent: '85', score: '80', review: '收费完成较好，绿化滞后' },
  review_meeting: { date: '2026-11-10 +0800', attended: 'yes', notes: '' },
  material_purchase: { items: '融雪剂 20 袋', amount: '1,200', opinion: '同意' },
  half_year_summary: { summary: '下半年收费率 92%……', report_attended: 'yes' },
  daily_clearance: { issues: '6 栋电梯异响', plan: '联系维保单位检修', milestone: '2026-11-29 +0800' },
  all_staff_meeting: { date: '2026-11-20 +0800', attendees: '23', topics: '冬季安全' },
  adhoc_task: { task: '迎接区消防检查', by: '刘总', at: '2026-11-27 09:30 +0800' },
  day_patrol: {
    time: '09:40 +0800',
    posts: ['大门岗', '车场岗'],
    books: 'yes',
    problems: '车场岗交接班记录缺签',
    measure: '当班补签，班长复核',
    milestone: '2026-11-27 +0800',
  },
  night_check: { night: '2026-11-23 +0800', time: '22:40 +0800', posts: ['大门岗', '监控室'], asleep: '0', signed: 'yes', notes: '' },
  monthly_inspection: { date: '2026-11-26 +0800', supervisors: ['ou_s1', 'ou_s2'], summary: '全面覆盖，问题 5 项' },
  joint_inspection: { date: '2026-11-25 +0800', attended: 'yes', notes: '夜间巡逻签到不全' },
  emergency: { at: '2026-11-27 21:30 +0800', what: '3 栋水管爆裂', handling: '关闭总阀，抢修完成', phoned: 'yes' },
  owner_visit: { household: '3-2-801', owner: '陈女士', legacy: 'yes', prep: '漏水已报维修，约定周五上门', notes: '' },
  owner_info: { households: '15', list: '3-2-801 陈女士，三口之家，关注停车' },
  owner_records: { total: '320', notes: '' },
  owners_known: { known: '6', names: '3-2-801 陈女士' },
  owner_forum: { date: '2026-11-05 +0800', time: '19:00 +0800', households: '10', leader: 'yes', problems: '停车位紧张' },
  forum_problems: { forum_date: '2026-11-05 +0800', list: '停车位紧张 — 协调临时车位' },
  fee_weekly: { due: '100000', collected: '92500', rate: '92.5', notes: '' },
  fee_monthly: { due: '400000', collected: '380000', rate: '95', notes: '催缴 12 户' },
  monthly_budget: { amount: '85000', items: '人工、能耗、绿化', spent: '80000' },
  annual_budget: { amount: '1,020,000', items: '人工 60 万……' },
  quarterly_arrears: { arrears: '56000', households: '35', rate: '91', analysis: '' },
  morning_reading: { done: 'yes', negative: '' },
  bulletin_board: { date: '2026-11-02 +0800', content: '冬季防火宣传' },
  newsletters: { issue: '《物业报》第 11 期', readers: '15', notes: '' },
  read_news: { issue: '2026 年第 10 期', takeaways: '学习垃圾分类经验' },
  character_training: { topic: '守时', attendees: '20', notes: '' },
  service_story: { title: '雨夜送伞', story: '保安小李……' },
  quarterly_character: { trait: '诚实', notes: '分组讨论' },
  character_star: { nominee: '李明', post: '秩序维护员', story: '拾金不昧……' },
  festival_plan: { festival: '元旦', plan: '大门挂灯笼', approved_by: '刘总' },
  festival_decoration: { festival: '元旦', done: 'yes', notes: '' },
  staff_opinion: { staff: '赵六', opinion: '希望调整夜班排班', deadline: '2026-11-30 +0800' },
  staff_talk: { staff: '赵六', topic: '排班诉求', followup: '' },
  direct_report_talk: { who: 'ou_s1', topic: '月度工作', followup: '' },
  activity_99plus1: { date: '2026-11-18 +0800', for: '王强', content: '生日会' },
  training: { topic: '消防器材使用', attendees: '12', notes: '' },
  benchmark_post: { post: '监控室', reason: '记录规范' },
  points_daily: { done: 'yes', notes: '' },
  points_monthly: { staff: '25', summary: '积分整体提升', top: '' },
  points_quarterly: { from: '2026-11-23 +0800', to: '2026-11-27 +0800', where: '员工食堂' },
};
