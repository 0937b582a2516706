// The owner records: home visits (with the talking points a legacy problem needs first), the owners' forum and its problem list.
import type { RecordForm } from '../record-form.ts';
import { check, choice, clip, count, day, long, recordForm, short } from './kit.ts';

const LEGACY = [
  { value: 'no', label: '无' },
  { value: 'yes', label: '有' },
];

/** A visit counts towards the onboarding quotas; one with an open legacy problem only with a plan and talking points (customer.visit_prep). */
export const ownerVisit = recordForm({
  id: 'owner_visit',
  title: '业主拜访',
  rules: ['customer.onboarding_daily', 'customer.onboarding_week', 'customer.know_all_owners'],
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

export const ownerForum = recordForm({
  id: 'owner_forum',
  title: '业主恳谈会',
  rules: ['customer.owner_forum'],
  fields: () => [
    day('date', '召开日期', { notFuture: true }),
    count('households', '参会户数', '户', { min: 1, max: 500 }),
    check('leader', '分管领导已参加'),
    long('problems', '业主提出的问题'),
  ],
  headline: (v) => `业主恳谈会 ${v.date}，${v.households} 户参加${v.leader ? '，分管领导参加' : ''}`,
});

export const forumProblems = recordForm({
  id: 'forum_problems',
  title: '恳谈会问题清单',
  rules: ['customer.forum_followup'],
  fields: () => [
    day('forum_date', '恳谈会日期', { notFuture: true }),
    long('list', '问题及解决方案', { max: 1000, placeholder: '一行一个：问题 — 解决方案' }),
  ],
  headline: (v) => `恳谈会（${v.forum_date}）问题清单：${clip(v.list, 12)}`,
});

export const CUSTOMER_FORMS: RecordForm[] = [ownerVisit, ownerForum, forumProblems];
