// The owner records: home visits (talking points first for a legacy problem), owners a new manager learns and knows, the forum and its problems.
import type { RecordForm } from '../record-form.ts';
import { check, choice, clip, count, day, latestOf, long, recordForm, short, sumOf, withinHouseholds } from './kit.ts';

const LEGACY = [
  { value: 'no', label: '无' },
  { value: 'yes', label: '有' },
];

/** A visit counts towards the onboarding visit quotas; one with an open legacy problem only with a plan and talking points (customer.visit_prep). */
const ownerVisit = recordForm({
  id: 'owner_visit',
  title: '业主拜访',
  rules: ['customer.onboarding_daily', 'customer.onboarding_week'],
  fields: () => [
    short('household', '房号', { max: 30, placeholder: '如：3-2-801' }),
    short('owner', '业主姓名', { max: 20 }),
    choice('legacy', '遗留问题', LEGACY),
    long('prep', '解决方案和说辞', { required: false }),
    long('notes', '拜访情况', { required: false }),
  ],
  check: (v) => (v.legacy === 'yes' && !v.prep ? '解决方案和说辞：有遗留问题时必填，填好后拜访才计数' : null),
  headline: (v) => `拜访 ${v.household} ${v.owner}${v.legacy === 'yes' ? '（有遗留问题）' : ''}`,
});

/** A new manager's day of learning owners' information (15 households a workday): counted in households. */
const ownerInfo = recordForm({
  id: 'owner_info',
  title: '了解业主信息',
  rules: ['customer.onboarding_daily_info'],
  fields: () => [
    count('households', '今日了解业主信息', '户', { min: 1, max: 100000 }),
    long('list', '业主信息摘要', { placeholder: '一行一户：房号、家庭情况、诉求' }),
  ],
  check: (v, ctx) => withinHouseholds(v.households, '今日了解业主信息', ctx),
  headline: (v) => `了解业主信息 ${v.households} 户`,
  progress: sumOf('households'),
});

/** All owners' records reviewed within the first week: a cumulative count of households against all of them. */
const ownerRecords = recordForm({
  id: 'owner_records',
  title: '熟悉业主资料',
  rules: ['customer.onboarding_week_info'],
  fields: () => [count('total', '已熟悉业主资料（累计）', '户', { max: 100000 }), long('notes', '说明', { required: false })],
  check: (v, ctx) => withinHouseholds(v.total, '已熟悉业主资料（累计）', ctx),
  headline: (v) => `已熟悉业主资料 ${v.total} 户（累计）`,
  progress: latestOf('total'),
});

/** Owners known in person (认识, not visited): a cumulative count of households, for the first week (5) and every owner. */
const ownersKnown = recordForm({
  id: 'owners_known',
  title: '认识业主',
  rules: ['customer.onboarding_week_known', 'customer.know_all_owners'],
  fields: () => [
    count('known', '已认识业主（累计）', '户', { max: 100000 }),
    long('names', '新认识的业主', { required: false, placeholder: '一行一户：房号、业主姓名' }),
  ],
  check: (v, ctx) => withinHouseholds(v.known, '已认识业主（累计）', ctx),
  headline: (v) => `已认识业主 ${v.known} 户（累计）`,
  progress: latestOf('known'),
});

const ownerForum = recordForm({
  id: 'owner_forum',
  title: '业主恳谈会',
  rules: ['customer.owner_forum'],
  fields: () => [
    day('date', '召开日期', { notFuture: true }),
    // the problem list is due 24 h after the forum itself (会后24小时内), so its time is asked
    { kind: 'time', name: 'time', label: '召开时间' },
    count('households', '参会户数', '户', { min: 1, max: 500 }),
    check('leader', '分管领导已参加'),
    long('problems', '业主提出的问题'),
  ],
  headline: (v) => `业主恳谈会 ${v.date}${v.time ? ` ${v.time}` : ''}，${v.households} 户参加${v.leader ? '，分管领导参加' : ''}`,
});

const forumProblems = recordForm({
  id: 'forum_problems',
  title: '恳谈会问题清单',
  rules: ['customer.forum_followup'],
  fields: () => [
    day('forum_date', '恳谈会日期', { notFuture: true }),
    long('list', '问题及解决方案', { max: 1000, placeholder: '一行一个：问题 — 解决方案' }),
  ],
  headline: (v) => `恳谈会（${v.forum_date}）问题清单：${clip(v.list, 12)}`,
});

export const CUSTOMER_FORMS: RecordForm[] = [ownerVisit, ownerInfo, ownerRecords, ownersKnown, ownerForum, forumProblems];
