// Submitted record forms are read from Lark's formats and refused, naming the field, when they break a rule of the record.
import { describe, expect, it } from 'vitest';
import { parseForm } from '../../../src/features/forms/form.ts';
import { recordFormById, RECORD_FORMS } from '../../../src/features/records/forms/index.ts';
import type { RecordContext } from '../../../src/features/records/record-form.ts';
import { testRules } from '../../helpers/rules.ts';
import { BARE_CTX, CTX, GOOD, TODAY } from './fixtures.ts';

function form(id: string) {
  const f = recordFormById(id);
  if (!f) throw new Error(`no form ${id}`);
  return f;
}

const parse = (id: string, change: Record<string, unknown> = {}, ctx: RecordContext = CTX) =>
  parseForm(form(id), ctx, { ...GOOD[id], ...change }, TODAY);
const refusal = (id: string, change: Record<string, unknown>, ctx: RecordContext = CTX) => {
  const r = parse(id, change, ctx);
  return r.ok ? 'accepted' : r.message;
};

describe('good answers', () => {
  it('has a good answer for every form', () => {
    expect(RECORD_FORMS.map((f) => f.id).filter((id) => !GOOD[id])).toEqual([]);
  });

  it.each(RECORD_FORMS.map((f) => [f.id, f] as const))('%s accepts a good answer, with a headline and readable lines', (id, f) => {
    const r = parse(id);
    if (!r.ok) throw new Error(r.message);
    expect(f.headline(r.values, CTX).length).toBeGreaterThan(0);
    expect(f.headline(r.values, CTX).length).toBeLessThanOrEqual(40);
    expect(f.lines(r.values, CTX).length).toBeGreaterThan(0);
  });

  it('reads Lark dates, times and input numbers into clean values', () => {
    const r = parse('night_check');
    expect(r).toEqual({
      ok: true,
      values: { night: '2026-11-23', time: '22:40', posts: ['大门岗', '监控室'], asleep: 0, signed: true, notes: null },
    });
    const e = parse('emergency');
    expect(e.ok && e.values.at).toBe('2026-11-27 21:30');
    const b = parse('annual_budget');
    expect(b.ok && b.values.amount).toBe(1020000);
  });

  it('accepts a night check after midnight and at the window edges', () => {
    for (const time of ['21:00 +0800', '23:59 +0800', '00:30 +0800', '06:00 +0800'])
      expect(parse('night_check', { time }).ok, time).toBe(true);
  });

  it('accepts a day patrol without problems and without a measure', () => {
    expect(parse('day_patrol', { problems: '', measure: '', milestone: '' }).ok).toBe(true);
  });

  it('accepts a visit without a legacy problem and without talking points', () => {
    expect(parse('owner_visit', { legacy: 'no', prep: '' }).ok).toBe(true);
  });

  it('takes posts and supervisors as text where the center has not listed them', () => {
    expect(parse('day_patrol', { posts: '大门岗、车场岗' }, BARE_CTX).ok).toBe(true);
    expect(parse('direct_report_talk', { who: '王强' }, BARE_CTX).ok).toBe(true);
    expect(parse('monthly_inspection', { supervisors: '王强、李梅' }, BARE_CTX).ok).toBe(true);
  });

  it('accepts the collection rate within one point of collected / due, and any rate when nothing was due', () => {
    expect(parse('fee_weekly', { rate: '93.4' }).ok).toBe(true);
    expect(parse('fee_weekly', { due: '0', collected: '500', rate: '0' }).ok).toBe(true);
  });
});

describe('bad answers are refused, naming the field', () => {
  it('a night check in the daytime', () => {
    expect(refusal('night_check', { time: '14:00 +0800' })).toBe('夜查时间：应在 21:00 至次日 06:00 之间');
    expect(refusal('night_check', { time: '06:01 +0800' })).toBe('夜查时间：应在 21:00 至次日 06:00 之间');
  });

  it('a night check with no post, too many sleepers, or no signature in the log', () => {
    expect(refusal('night_check', { posts: [] })).toBe('有必填项未填写：检查岗位');
    expect(refusal('night_check', { asleep: '51' })).toBe('发现睡岗：不能大于 50');
    expect(refusal('night_check', { asleep: '1.5' })).toBe('发现睡岗：应为整数');
    expect(refusal('night_check', { signed: false })).toBe('已在《秩序维护工作日志登记簿》签字：请确认后选择「是」');
  });

  it('empty required fields, named all at once by their labels, before any other problem', () => {
    expect(refusal('self_review', { percent: '', review: '   ' })).toBe('有必填项未填写：计划完成率、完成情况及不足');
    expect(refusal('self_review', { percent: '', score: '120' })).toBe('有必填项未填写：计划完成率');
  });

  it('a rate over 100 %', () => {
    expect(refusal('plan_progress', { percent: '120' })).toBe('完成率：不能大于 100');
    expect(refusal('quarterly_arrears', { rate: '120%' })).toBe('收费率：不能大于 100');
  });

  it('a date in the future for something that happened', () => {
    expect(refusal('all_staff_meeting', { date: '2026-11-28 +0800' })).toBe('会议日期：不能晚于今天');
    expect(refusal('emergency', { at: '2026-11-28 08:00 +0800' })).toBe('发生时间：不能晚于今天');
    expect(refusal('owner_forum', { date: '2026-12-01 +0800', time: '19:00 +0800' })).toBe('召开日期：不能晚于今天');
  });

  it('text over its limit', () => {
    expect(refusal('daily_report', { done: '好'.repeat(501) })).toBe('今日完成工作：不能超过 500 字');
    expect(refusal('monthly_plan', { plan: '好'.repeat(1000) })).toBe('accepted');
    expect(refusal('monthly_plan', { plan: '好'.repeat(1001) })).toBe('下月重点工作：不能超过 1000 字');
  });

  it('patrol problems without a measure or a milestone, or a milestone already past', () => {
    expect(refusal('day_patrol', { measure: '' })).toBe('整改措施：发现问题时必填');
    expect(refusal('day_patrol', { milestone: '' })).toBe('整改节点：发现问题时必填');
    expect(refusal('day_patrol', { milestone: '2026-11-26 +0800' })).toBe('整改节点：不能早于今天');
  });

  it('a daily clearance milestone before today', () => {
    expect(refusal('daily_clearance', { milestone: '2026-11-20 +0800' })).toBe('完成节点：不能早于今天');
  });

  it('a legacy problem without talking points', () => {
    expect(refusal('owner_visit', { prep: '' })).toBe('解决方案和说辞：有遗留问题时必填，填好后拜访才计数');
  });

  it('a collection rate that does not match the amounts', () => {
    expect(refusal('fee_weekly', { rate: '95' })).toBe('收费率：与应收、实收不符（应为 92.5%）');
    expect(refusal('fee_monthly', { rate: '90' })).toBe('收费率：与应收、实收不符（应为 95%）');
  });

  it('more households in arrears than the center has', () => {
    expect(refusal('quarterly_arrears', { households: '801' })).toBe('欠费户数：不能多于本项目总户数 800');
  });

  it('a points notice shorter than 5 days', () => {
    expect(refusal('points_quarterly', { to: '2026-11-26 +0800' })).toBe('公示结束日期：公示不少于 5 天，结束日期应不早于 2026-11-27');
  });

  it('a confirmation left unticked', () => {
    expect(refusal('review_meeting', { attended: false })).toBe('已参加月度考评会：请确认后选择「是」');
    expect(refusal('morning_reading', { done: undefined })).toBe('已组织晨诵：请确认后选择「是」');
  });

  it('a post that is not among the options, or a patrol time that is no time', () => {
    expect(refusal('day_patrol', { posts: ['食堂'] })).toBe('检查岗位：请从选项中选择');
    expect(refusal('day_patrol', { time: '25:00 +0800' })).toBe('巡查时间：时间无效');
  });

  it('a patrol time later than the moment of filing (2026-11-27 10:15)', () => {
    const at1015 = { ...CTX, now: '10:15' };
    expect(refusal('day_patrol', { time: '14:30 +0800' }, at1015)).toBe('巡查时间：不能晚于现在');
    expect(refusal('day_patrol', { time: '10:15 +0800' }, at1015)).toBe('accepted');
  });

  it('a night check whose night has not come yet: tonight, or tomorrow morning, filed on 2026-11-27 at 15:31', () => {
    const at1531 = { ...CTX, now: '15:31' };
    expect(refusal('night_check', { night: '2026-11-27 +0800', time: '23:40 +0800' }, at1531)).toBe(
      '夜查时间：11月27日夜 23:40 还未到；昨晚的夜查请选昨天的日期',
    );
    expect(refusal('night_check', { night: '2026-11-26 +0800', time: '23:40 +0800' }, at1531)).toBe('accepted');
    expect(refusal('night_check', { night: '2026-11-28 +0800', time: '23:40 +0800' }, at1531)).toBe('夜查日期：不能晚于今天');
    // filed at 01:10 on 2026-11-27: last night's check at 00:50 has come, its 02:00 not yet
    const at0110 = { ...CTX, now: '01:10' };
    expect(refusal('night_check', { night: '2026-11-26 +0800', time: '00:50 +0800' }, at0110)).toBe('accepted');
    expect(refusal('night_check', { night: '2026-11-26 +0800', time: '02:00 +0800' }, at0110)).toBe('夜查时间：11月26日夜 02:00 还未到');
  });
});

describe('the record read back', () => {
  it('writes numbers with units, yes/no as 是/否 and multiselects joined with 、', () => {
    const r = parse('night_check', { notes: '' });
    if (!r.ok) throw new Error(r.message);
    expect(form('night_check').lines(r.values, CTX)).toEqual([
      ['夜查时间', '11月23日夜 22:40'],
      ['检查岗位', '大门岗、监控室'],
      ['发现睡岗', '0 人'],
      ['已在《秩序维护工作日志登记簿》签字', '是'],
    ]);
    expect(form('night_check').headline(r.values, CTX)).toBe('夜查 11月23日夜 22:40，检查2个岗位，睡岗0人');
  });

  it("a day patrol is the morning's before 12:00 and the afternoon's from 12:00, or from the rulebook's afternoon_from", () => {
    const f = form('day_patrol');
    const rules = testRules().book.rules;
    const halfAt = (time: string, book = rules) => {
      const r = parse('day_patrol', { time: `${time} +0800` });
      if (!r.ok) throw new Error(r.message);
      return f.derive!(r.values, book).half;
    };
    expect([halfAt('09:40'), halfAt('11:59'), halfAt('12:00'), halfAt('17:30')]).toEqual(['am', 'am', 'pm', 'pm']);
    const later = rules.map((r) => (r.id === 'quality.day_patrol' ? { ...r, afternoon_from: '13:30' } : r));
    expect([halfAt('12:45', later), halfAt('13:30', later)]).toEqual(['am', 'pm']);
    const r = parse('day_patrol', { time: '14:05 +0800' });
    if (!r.ok) throw new Error(r.message);
    const stored = f.derive!(r.values, rules);
    expect(f.lines(stored, CTX)[0]).toEqual(['巡查时间', '下午 14:05']);
    expect(f.headline(stored, CTX)).toMatch(/^下午日查/);
  });

  it('shows option labels, not values, and formats amounts', () => {
    const m = parse('monthly_inspection');
    if (!m.ok) throw new Error(m.message);
    expect(form('monthly_inspection').lines(m.values, CTX)).toContainEqual(['参加主管', '王强、李梅']);
    const v = parse('owner_visit');
    if (!v.ok) throw new Error(v.message);
    expect(form('owner_visit').lines(v.values, CTX)).toContainEqual(['遗留问题', '有']);
    const b = parse('annual_budget');
    if (!b.ok) throw new Error(b.message);
    expect(form('annual_budget').lines(b.values, CTX)[0]).toEqual(['明年预算', '1,020,000 元']);
    const p = parse('plan_progress');
    if (!p.ok) throw new Error(p.message);
    expect(form('plan_progress').lines(p.values, CTX)).toEqual([
      ['工作进度', '绿化补种已完成一半'],
      ['完成率', '50%'],
    ]);
  });

  it('names the supervisor talked to in the headline', () => {
    const r = parse('direct_report_talk');
    if (!r.ok) throw new Error(r.message);
    expect(form('direct_report_talk').headline(r.values, CTX)).toBe('下属谈话：王强');
  });
});
