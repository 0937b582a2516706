// Every card the bot sends, built by its real builder at the largest realistic size, passes the card validator (200
// elements with plain_text, 30 KB of request body, and the documented tags, properties and names).
import { describe, expect, it } from 'vitest';
import { centerField } from '../../src/features/centers/center-choice.ts';
import { registerForm } from '../../src/features/complaints/complaint-forms.ts';
import type { Field, Prefill } from '../../src/features/forms/fields.ts';
import { formCard, type FormDef } from '../../src/features/forms/form.ts';
import { leaveForm } from '../../src/features/leave/leave-form.ts';
import { deductionForm } from '../../src/features/quality/deduction.ts';
import { jointInspectionForm } from '../../src/features/quality/joint-inspection.ts';
import { RECORD_FORMS } from '../../src/features/records/forms/index.ts';
import { recordFormCard, recordFormElement } from '../../src/features/records/open-form.ts';
import type { RecordContext } from '../../src/features/records/record-form.ts';
import type { CenterScore, PersonScore, ScoreTable } from '../../src/features/scores/score-types.ts';
import * as complaintCards from '../../src/lark/cards/complaint-cards.ts';
import * as dutyCards from '../../src/lark/cards/duty-cards.ts';
import * as followupCards from '../../src/lark/cards/followup-cards.ts';
import * as handoverCards from '../../src/lark/cards/handover-cards.ts';
import { helpCard } from '../../src/lark/cards/help-card.ts';
import { button, form, noticeCard, type Card } from '../../src/lark/cards/kit.ts';
import * as ledgerCards from '../../src/lark/cards/ledger-cards.ts';
import { leaveNoticeCard, leaveRefusalCard, leaveSavedCard } from '../../src/lark/cards/leave-cards.ts';
import { deliveryFailedCard } from '../../src/lark/cards/notice-cards.ts';
import * as qualityCards from '../../src/lark/cards/quality-cards.ts';
import { forwardCard, lateTodayCard, pickCard, receiptCard, teamCard, todoCard } from '../../src/lark/cards/record-cards.ts';
import { announcementCard, myScoreCard } from '../../src/lark/cards/score-cards.ts';
import { settingsCard, settingsSavedCard } from '../../src/lark/cards/settings-card.ts';
import { CARD_LIMITS, countElements, sentBodyBytes, validateCard } from '../../src/lark/cards/validate.ts';
import { groupGreetingCard, welcomeCard } from '../../src/lark/cards/welcome-card.ts';
import { CTX, LARGE_CTX } from '../features/records/fixtures.ts';

/** Passes the validator; returns its measures for the test's own checks. */
function accepted(card: Card | unknown, what: string) {
  expect(validateCard(card), what).toEqual([]);
  const m = { elements: countElements(card), bytes: sentBodyBytes(card) };
  expect(m.elements, what).toBeLessThanOrEqual(CARD_LIMITS.elements);
  expect(m.bytes, what).toBeLessThanOrEqual(CARD_LIMITS.bodyBytes);
  return m;
}

/** Text as long as a field allows: Chinese with the punctuation people type (each escaped in markdown). */
const typed = (n: number) => Array.from({ length: n }, (_, i) => '消防通道清理，补签交接班记录（3-2-801）'[i % 24]).join('');
const NAME = '欧阳晓明';
const CENTER = '春江花园东区物业服务中心';

/** The longest value each field takes: every text at its maximum, every choice at its longest option, all of a multiselect. */
function longest(fields: Field[]): { prefill: Prefill; values: Record<string, unknown> } {
  const prefill: Prefill = {};
  const values: Record<string, unknown> = {};
  for (const f of fields) {
    switch (f.kind) {
      case 'text':
        prefill[f.name] = values[f.name] = typed(f.max ?? 500);
        break;
      case 'number':
        prefill[f.name] = values[f.name] = f.max ?? 99_999_999.99;
        break;
      case 'select': {
        const o = [...f.options].sort((a, b) => b.label.length - a.label.length)[0]!;
        prefill[f.name] = values[f.name] = o.value;
        break;
      }
      case 'multiselect':
        prefill[f.name] = values[f.name] = f.options.map((o) => o.value);
        break;
      case 'date':
        prefill[f.name] = values[f.name] = '2026-11-27';
        break;
      case 'time':
        prefill[f.name] = values[f.name] = '22:40';
        break;
      case 'datetime':
        prefill[f.name] = values[f.name] = '2026-11-27 22:40';
        break;
      case 'checker':
        prefill[f.name] = values[f.name] = true;
        break;
      case 'person':
        values[f.name] = f.options[0]?.openId ?? 'ou_x';
        break;
    }
  }
  return { prefill, values };
}

const centers = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ code: `C${String(i + 1).padStart(4, '0')}`, name: `${CENTER}${i + 1}` }));
const duty = { id: 123456, dueAt: new Date('2026-11-27T08:30:00Z'), periodKey: '2026-11', kind: 'deadline' as const };
const NOW = new Date('2026-11-27T07:00:00Z');

describe('record forms at their largest', () => {
  it('a reminder carrying the day-patrol form for a 60-post center', () => {
    const form = RECORD_FORMS.find((f) => f.id === 'day_patrol')!;
    const card = dutyCards.reminderCard({
      title: form.title,
      due: '今天 12:00',
      period: '2026年11月27日',
      lastCall: true,
      body: [recordFormElement({ form, ownerId: 'm1', centerCode: 'C001', duty }, LARGE_CTX)],
    });
    const m = accepted(card, 'day_patrol reminder');
    expect(LARGE_CTX.center.posts).toHaveLength(60);
    expect(m.elements).toBeGreaterThan(60); // every post is an option with its plain_text
  });

  it.each(RECORD_FORMS.map((f) => [f.id, f] as const))(
    '%s: reminder, edit card filled with the longest values, receipt and forward',
    (_, form) => {
      for (const ctx of [CTX, LARGE_CTX] as RecordContext[]) {
        const { prefill, values } = longest(form.fields(ctx));
        accepted(
          dutyCards.reminderCard({
            title: form.title,
            due: '今天 16:30',
            lastCall: false,
            body: [recordFormElement({ form, ownerId: 'm1', centerCode: 'C001', duty }, ctx)],
          }),
          `${form.id} reminder`,
        );
        accepted(recordFormCard({ form, ownerId: 'm1', centerCode: 'C001', duty, editOf: 99 }, ctx, NOW, prefill), `${form.id} edit card`);
        const lines = form.lines(values, ctx);
        accepted(
          receiptCard({
            title: form.title,
            timing: '迟交 1天2小时',
            late: true,
            filedAt: '11月27日 周五 16:31',
            lines,
            progress: ['夜查 2026年11月 2/2'],
            warnings: ctx.center.posts.slice(0, 10).map((p) => `今日岗位覆盖：${p} 尚缺 1 次`),
            photos: true,
            version: 12,
            editValue: { a: 'record.edit', s: 123456 },
            closeButton: { text: '已整改', value: { a: 'followup.answer', s: 123456 } },
          }),
          `${form.id} receipt`,
        );
        accepted(
          forwardCard({
            title: form.title,
            who: NAME,
            center: CENTER,
            timing: '迟交 1天2小时',
            late: true,
            filedAt: '11月27日 周五 16:31',
            lines,
            edited: true,
            filedBy: NAME,
          }),
          `${form.id} forward`,
        );
      }
    },
  );
});

describe('lists for a large company', () => {
  const score = (i: number): CenterScore => ({
    centerCode: `C${i}`,
    name: `${CENTER}${i}`,
    managerId: `m${i}`,
    manager: NAME,
    leader: NAME,
    yuan: 12.5,
    points: 9,
    onTimeRate: 0.875,
    complaintsReceived: 3,
    closureRate: 0.5,
    satisfaction: 0.66,
    redLines: i % 10 === 0 ? [typed(60)] : [],
    rank: i,
  });
  const person = (i: number, role: PersonScore['role']): PersonScore => ({
    personId: `p${i}`,
    name: `${NAME}${i}`,
    role,
    centers: [`C${i}`],
    yuan: 2,
    points: 3,
    rollupPoints: 6,
    managersPoints: 8,
    onTimeRate: 0.9,
    deadlinesOwed: 30,
    deadlinesOnTime: 27,
    deadlinesPending: 3,
    quotaRate: 0.5,
    quotasClosed: 4,
    quotasReached: 2,
    redLines: [typed(60)],
    entries: Array.from({ length: 80 }, (_, j) => ({
      id: j,
      ruleId: 'admin.daily_report',
      centerCode: `C${i}`,
      day: '2026-11-02',
      yuan: 2,
      points: 1,
      reason: `2026-11-${String((j % 28) + 1).padStart(2, '0')} 周四 12:00 月度计划当周进度迟交（2026-11-13 周五 09:00 补交）`,
      waived: j % 3 === 0,
      waiveReason: typed(50),
    })),
  });

  it('the score announcement for 1,000 centers (and 200 leaders)', () => {
    const t: ScoreTable = {
      period: '2026-11',
      periodText: '2026年11月',
      from: '2026-11-01',
      to: '2026-11-30',
      generatedAt: '2026-12-01T09:00:00+08:00',
      centers: Array.from({ length: 1000 }, (_, i) => score(i + 1)),
      people: [
        ...Array.from({ length: 1000 }, (_, i) => person(i, 'manager')),
        ...Array.from({ length: 200 }, (_, i) => person(2000 + i, 'leader')),
      ],
      thresholds: { closureRate: 0.7, satisfaction: 0.8 },
    };
    accepted(announcementCard(t), 'announcement');
    accepted(myScoreCard({ score: person(1, 'manager'), name: NAME, periodText: '2026年11月' }), 'my score');
    // a leader looking at a manager: a 豁免 button on every entry, a 解除 button on each of many red lines, the way back
    const judged = person(1, 'manager');
    const back = { p: '2026-11', w: 'p1', t: '2026-11' };
    accepted(
      myScoreCard({
        score: judged,
        name: NAME,
        periodText: '2026年11月',
        unit: 'month',
        waive: new Map(judged.entries.map((e) => [e.id, { a: 'ledger.waive.ask', e: e.id, ...back }])),
        redLines: Array.from({ length: 40 }, (_, i) => ({ text: typed(200), resolve: { a: 'redline.resolve.ask', id: i + 1, ...back } })),
        nav: [
          { to: 'thisMonth', value: { a: 'score.view', ...back, p: '2026-12' } },
          { to: 'team', value: { a: 'team.view', p: '2026-11' } },
        ],
      }),
      'a manager’s scores as their leader sees them',
    );
  });

  it('团队 for a leader of 300 centers, 今日逾期 and the late digest for 1,000 managers', () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({
      name: `${NAME}${i}`,
      center: `${CENTER}${i}`,
      today: '日报已交，月度计划当周进度逾期',
      deadlines: '已交 4，迟交 1，逾期 2，待交 3',
      yuan: 12.5,
      points: 9,
      detail: i < 20 ? { a: 'score.view', p: '2026-W48', w: `m${i}`, t: '2026-W48' } : null,
    }));
    const rollup = { managersPoints: 2700, rollupPoints: 1620 };
    accepted(teamCard({ leader: NAME, periodText: '本周', unit: 'week', rows, rollup, more: 280 }), 'team');
    const late = Array.from({ length: 1000 }, (_, i) => ({
      name: `${NAME}${i}`,
      center: `${CENTER}${i}`,
      items: ['日报', '月度计划当周进度（已迟交）'],
    }));
    const today = lateTodayCard({ day: '11月27日 周五', rows: late });
    accepted(today, '今日逾期');
    expect(JSON.stringify(today)).toContain('未列出');
    accepted(dutyCards.lateDigestCard({ title: '日报', due: '11月27日 16:30', late }), 'late digest');
    // a fined deadline: a button to each late person's scores, ten at most (the rest by 「积分 姓名」)
    const fined = dutyCards.lateDigestCard({
      title: '月度计划当周进度',
      due: '11月26日 12:00',
      late,
      scores: late.map((l, i) => ({ name: l.name, value: { a: 'score.send', p: '2026-11', w: `m${i}` } })),
    });
    accepted(fined, 'late digest with scores');
    expect(JSON.stringify(fined).match(/"tag":"button"/g)).toHaveLength(10);
  });

  it('the morning card of a manager with 60 patrol problems due and long lists, and the catch-up card', () => {
    const lines = Array.from({ length: 80 }, (_, i) => ({
      title: '月度计划当周进度',
      due: '11月27日 周五 12:00',
      period: `第${i}周`,
      progress: '1/2',
    }));
    const issues = Array.from({ length: 60 }, (_, i) => ({
      text: `${typed(100)}（节点 11月${i}日）`,
      value: { a: 'followup.close', id: i },
    }));
    accepted(
      dutyCards.morningCard({
        name: NAME,
        day: '11月27日 周五',
        today: lines,
        ongoing: lines,
        overdue: lines,
        issues,
        weekValue: { a: 'todo.week', p: 1, n: '2026-11-27' },
      }),
      'morning',
    );
    accepted(dutyCards.catchUpCard({ items: lines }), 'catch-up');
    accepted(dutyCards.paceNudgeCard({ items: lines.slice(0, 10) }), 'pace nudge');
  });

  it('the handover cards of a center with 500 open complaints, 300 clocks and every duty of the rulebook', () => {
    const t = {
      center: CENTER,
      manager: NAME,
      previous: NAME,
      from: '11月16日 周一',
      complaints: Array.from({ length: 500 }, (_, i) => `投诉 #${i} ${typed(20)}：${typed(30)}… · 重新处理，待制定方案`),
      clocks: Array.from({ length: 300 }, (_, i) => `日查问题整改：${typed(30)}… · 期限 11月${i % 30}日 周一 23:59 · 已逾期`),
      duties: Array.from({ length: 80 }, () => `${typed(20)} · 2026年第4季度 0/820`),
    };
    const card = accepted(handoverCards.takeoverCard(t, { a: 'todo.week', p: 1, n: '2026-11-16' }), 'takeover');
    expect(card.elements).toBeLessThan(20);
    accepted(handoverCards.takeoverLeaderCard(t), 'takeover leader');
  });

  it('a joint inspection of 1,000 centers, and the quality forms for 1,000 centers', () => {
    accepted(qualityCards.jointScheduledCard({ day: '11月27日 周五', centers: centers(1000).map((c) => c.name) }), 'joint scheduled');
    accepted(
      formCard(jointInspectionForm, { centers: centers(1000), today: '2026-11-27' }, { submit: { a: 'quality.joint' } }),
      'joint form',
    );
    const items = Array.from({ length: 12 }, (_, i) => ({ id: `quality.d${i}`, title: typed(20), points: 3, redline: i === 0 }));
    accepted(
      formCard(deductionForm, { centers: centers(1000), items: items as never, today: '2026-11-27' }, { submit: { a: 'quality.deduct' } }),
      'deduction form',
    );
  });

  it('the leave form of an admin of 2,000 people', () => {
    const candidates = Array.from({ length: 2000 }, (_, i) => ({ id: `p${i}`, name: `${NAME}${i}`, post: `${CENTER}${i} 经理` }));
    accepted(
      formCard(
        leaveForm,
        { candidates, today: '2026-11-27', admin: true },
        { submit: { a: 'leave.save', by: 'a1' }, prefill: { from: '2026-11-27', to: '2026-11-27' } },
      ),
      'leave form',
    );
  });

  it('a pick card of every weekly report a person may owe', () => {
    accepted(
      pickCard({
        title: '提交周报',
        options: Array.from({ length: 12 }, (_, i) => ({
          text: `月度计划当周进度（截止 11月${i}日 12:00）`,
          value: { a: 'record.open', d: i },
        })),
      }),
      'pick',
    );
  });
});

describe('the other cards, with the longest texts people can type', () => {
  const view = {
    id: 123456,
    center: CENTER,
    owner: typed(20),
    household: typed(30),
    what: typed(500),
    category: '维修',
    channel: '400热线',
    major: true,
    inRemit: false,
    status: 'planned',
    plan: typed(500),
    milestone: '2026-12-01',
    history: Array.from({ length: 30 }, (_, i) => `第${i}步 ${NAME} 11月27日 16:31 ${typed(20)}`),
  };

  it('complaint cards', () => {
    accepted(complaintCards.complaintCard(view, [complaintCards.fixedButton({ a: 'complaint.fixed', id: 1 })]), 'complaint');
    accepted(complaintCards.complaintAlertCard(view, 'major'), 'complaint alert');
    accepted(
      complaintCards.complaintReminderCard({
        id: 1,
        what: typed(500),
        issue: 'plan',
        since: '11月27日 16:31',
        hours: 24,
        escalateHours: 24,
      }),
      'complaint reminder',
    );
    accepted(
      complaintCards.complaintEscalationCard({
        id: 1,
        center: CENTER,
        manager: NAME,
        what: typed(500),
        issue: 'milestone',
        since: '11月27日',
        hours: 0,
        overdueHours: 24,
      }),
      'complaint escalation',
    );
    accepted(
      complaintCards.kpiWarningCard({
        center: CENTER,
        month: '2026年11月',
        closureRate: '50%',
        satisfaction: '60%',
        below: ['投诉处结率', '处结满意度'],
      }),
      'kpi',
    );
    accepted(
      complaintCards.complaintListCard({
        items: Array.from({ length: 10 }, (_, i) => ({
          text: `#${i} ${typed(20)}（${typed(30)}）：${typed(30)}`,
          value: { a: 'complaint.send', id: i },
        })),
        total: 9999,
        page: 2,
        pages: 1000,
        registerValue: { a: 'complaint.new' },
        moreValue: { a: 'complaint.list', p: 3, n: 'abcdef012345' },
        backValue: { a: 'complaint.list', p: 1, n: 'abcdef012345' },
      }),
      'complaint list',
    );
  });

  it('follow-up, quality, leave, settings, help, welcome and notice cards', () => {
    accepted(
      followupCards.followUpOverdueCard({
        title: '员工意见答复',
        subject: typed(500),
        due: '11月27日',
        closeValue: { a: 'followup.close', id: 1 },
        closeText: '已答复',
      }),
      'follow-up overdue',
    );
    accepted(
      followupCards.escalationCard({ title: '员工意见答复', subject: typed(500), who: NAME, center: CENTER, due: '11月27日' }),
      'escalation',
    );
    accepted(
      followupCards.emergencyAlertCard({
        center: CENTER,
        manager: NAME,
        what: typed(200),
        where: typed(100),
        at: '11月27日 21:30',
        hours: 24,
      }),
      'emergency alert',
    );
    accepted(followupCards.emergencyReportedCard({ due: '11月28日 21:30', recordValue: { a: 'record.open', d: 1 } }), 'emergency reported');
    accepted(followupCards.emergencyStartCard(), 'emergency start');
    accepted(followupCards.handedRegisteredCard({ center: CENTER, manager: NAME, task: typed(200), due: '11月28日 21:30' }), 'task handed');
    accepted(qualityCards.jointNoticeCard({ day: '11月27日', by: NAME }), 'joint notice');
    accepted(
      qualityCards.deductionRecordedCard({ center: CENTER, manager: NAME, item: typed(30), count: 50, points: 150, redline: false }),
      'deduction recorded',
    );
    accepted(
      qualityCards.deductionNoticeCard({ item: typed(30), count: 50, points: 150, day: '11月27日', note: typed(200), redline: true }),
      'deduction notice',
    );
    accepted(
      qualityCards.redlineEscalationCard({
        center: CENTER,
        manager: NAME,
        item: typed(30),
        day: '11月27日',
        note: typed(200),
        resolve: { a: 'redline.resolve.ask', id: 2147483647 },
      }),
      'red line',
    );
    accepted(
      qualityCards.redlineConfirmCard({
        center: CENTER,
        manager: NAME,
        item: typed(30),
        day: '11月27日',
        note: typed(200),
        confirm: {
          a: 'quality.redline',
          n: 'ab'.repeat(6),
          center: CENTER,
          item: typed(30),
          count: '50',
          day: '2026-11-27',
          note: typed(200),
        },
        back: {
          a: 'quality.deduct.edit',
          n: 'ab'.repeat(6),
          center: CENTER,
          item: typed(30),
          count: '50',
          day: '2026-11-27',
          note: typed(200),
        },
      }),
      'red line confirmation',
    );
    const reason = form('form_waive', [
      { tag: 'input', name: 'reason', max_length: 200, placeholder: { tag: 'plain_text', content: typed(100) } },
      button({
        name: 'submit_waive',
        text: '确认豁免',
        submit: true,
        value: { a: 'ledger.waive', e: 2147483647, p: '2026-11', w: 'p1', t: '2026-11' },
      }),
    ]);
    accepted(
      ledgerCards.waiveConfirmCard({
        person: NAME,
        center: CENTER,
        entry: typed(300),
        form: reason,
        back: { a: 'score.view', p: '2026-11' },
      }),
      'waive confirmation',
    );
    accepted(ledgerCards.waivedCard({ person: NAME, entry: typed(300), reason: typed(200) }), 'waived');
    accepted(
      ledgerCards.waivedNoticeCard({
        entry: typed(300),
        by: NAME,
        reason: typed(200),
        corrected: [
          { periodText: '2026年第48周', yuan: 1234.5, points: 99 },
          { periodText: '2026年11月', yuan: 1234.5, points: 99 },
        ],
      }),
      'waived notice',
    );
    accepted(
      ledgerCards.redlineResolveCard({ center: CENTER, manager: NAME, text: typed(220), form: reason, back: null }),
      'red line resolve',
    );
    accepted(
      ledgerCards.redlineResolvedCard({ center: CENTER, manager: NAME, text: typed(220), note: typed(500), by: NAME }),
      'red line resolved',
    );
    accepted(ledgerCards.periodHelpCard({ words: typed(500), team: false, byName: true }), 'period help');
    accepted(ledgerCards.nameAmbiguousCard({ name: NAME, where: Array.from({ length: 50 }, () => CENTER) }), 'name ambiguous');
    accepted(leaveSavedCard({ name: NAME, from: '2026-11-27', to: '2027-02-24', reason: typed(50), by: NAME }), 'leave saved');
    accepted(leaveNoticeCard({ from: '2026-11-27', to: '2027-02-24', reason: typed(50), by: NAME }), 'leave notice');
    accepted(leaveRefusalCard('请假由分管领导或行政管理部登记。'), 'leave refusal');
    accepted(settingsCard({ personId: 'm1', morningTime: '08:30' }), 'settings');
    accepted(settingsSavedCard({ morningTime: '08:30', savedAt: '11月27日 16:31' }), 'settings saved');
    accepted(helpCard(NAME), 'help');
    accepted(welcomeCard({ name: NAME, roles: ['manager', 'supervisor', 'leader'], centers: centers(30).map((c) => c.name) }), 'welcome');
    accepted(groupGreetingCard(typed(100)), 'group greeting');
    accepted(noticeCard(typed(200)), 'notice');
    accepted(deliveryFailedCard({ recipient: NAME, what: '日报提醒', code: 230099, detail: typed(500) }), 'delivery failed');
    accepted(dutyCards.overdueCard({ title: '日报', due: '11月27日 16:30', period: '11月27日', penalty: '罚款 2 元' }), 'overdue');
    accepted(dutyCards.reminderMovedCard({ title: typed(40), due: '11月27日 周五 16:30', lastCall: true }), 'reminder moved');
    accepted(
      dutyCards.overdueListCard({
        items: Array.from({ length: 60 }, () => ({
          title: typed(40),
          due: '11月27日 16:30',
          period: '2026年第48周',
          penalty: '罚款 2 元',
        })),
      }),
      'overdue list',
    );
    accepted(
      dutyCards.shortfallCard({ items: Array.from({ length: 60 }, () => ({ title: typed(40), progress: '1/2', period: '2026年11月' })) }),
      'shortfall',
    );
    accepted(dutyCards.calendarMissingCard({ year: 2027 }), 'calendar');
  });
});

// Builders another engineer is changing at the same time (issue 13): these cases hold them to the same limits.
describe('cards being reworked elsewhere', () => {
  it('待办 of 200 items folds into a screenful and a 「查看本周」 action', () => {
    const items = Array.from({ length: 200 }, (_, i) => ({
      text: `月度计划当周进度 · 11月${i}日 12:00 · 已逾期`,
      button: '填报 月度计划当周进度',
      value: { a: 'record.open', d: i },
    }));
    const card = todoCard({ name: NAME, today: items, later: 0, weekValue: { a: 'todo.week', p: 1 } } as never);
    accepted(card, 'todo of 200');
    expect(JSON.stringify(card)).toContain('查看本周');
  });

  it('the complaint register card for customer service of 1,000 centers', () => {
    const def: FormDef<{ today: string }> = {
      ...registerForm,
      fields: (ctx) => [centerField(centers(1000), { name: 'center', label: '服务中心' }), ...registerForm.fields(ctx)],
    };
    accepted(
      formCard(def, { today: '2026-11-27' }, { submit: { a: 'complaint.register', n: 'abc' }, submitText: '登记' }),
      'complaint register',
    );
  });
});
