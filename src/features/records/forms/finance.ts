// The fee and budget records: weekly and monthly collection reports, monthly and annual budgets, quarterly arrears.
import type { RecordForm } from '../record-form.ts';
import { clip, count, formatNumber, long, money, percent, recordForm } from './kit.ts';

/** How far (in points) a stated collection rate may be from collected / due × 100. */
const RATE_TOLERANCE = 1;

/** The stated rate against the amounts: the message when they disagree, else null. */
function rateMismatch(due: number, collected: number, rate: number): string | null {
  if (!(due > 0)) return null;
  const expected = (collected / due) * 100;
  return Math.abs(rate - expected) > RATE_TOLERANCE
    ? `收费率：与应收、实收不符（应为 ${formatNumber(Math.round(expected * 10) / 10)}%）`
    : null;
}

/** The weekly and the monthly collection report: amounts, the rate they give, and what to do about it. */
function collectionForm(id: string, title: string, rule: string, period: string, notes: string): RecordForm {
  return recordForm({
    id,
    title,
    rules: [rule],
    fields: () => [
      money('due', `${period}应收`),
      money('collected', `${period}实收`),
      percent('rate', '收费率'),
      long('notes', notes, { required: false }),
    ],
    check: (v) => rateMismatch(Number(v.due), Number(v.collected), Number(v.rate)),
    headline: (v) => `${title}：实收 ${formatNumber(Number(v.collected))} 元，收费率 ${formatNumber(Number(v.rate))}%`,
  });
}

const feeWeekly = collectionForm('fee_weekly', '收费周报表', 'finance.weekly_collection', '本周', '备注');
const feeMonthly = collectionForm('fee_monthly', '收费月报', 'finance.monthly_report', '上月', '问题及措施');

const monthlyBudget = recordForm({
  id: 'monthly_budget',
  title: '月度资金预算',
  rules: ['finance.monthly_budget'],
  fields: () => [money('amount', '下月预算'), long('items', '主要支出项目'), money('spent', '本月实际支出', { required: false })],
  headline: (v) => `月度资金预算 ${formatNumber(Number(v.amount))} 元`,
});

const annualBudget = recordForm({
  id: 'annual_budget',
  title: '年度资金预算',
  rules: ['finance.annual_budget'],
  fields: () => [money('amount', '明年预算'), long('items', '主要收支项目', { max: 1000 })],
  headline: (v) => `年度资金预算 ${formatNumber(Number(v.amount))} 元：${clip(v.items, 10)}`,
});

const quarterlyArrears = recordForm({
  id: 'quarterly_arrears',
  title: '季度欠费明细',
  rules: ['finance.quarterly_arrears'],
  fields: () => [
    money('arrears', '欠费金额'),
    count('households', '欠费户数', '户'),
    percent('rate', '收费率'),
    long('analysis', '欠费分析及催缴计划', { required: false }),
  ],
  check: (v, ctx) =>
    ctx.center.households > 0 && Number(v.households) > ctx.center.households
      ? `欠费户数：不能多于本项目总户数 ${ctx.center.households}`
      : null,
  headline: (v) => `季度欠费 ${formatNumber(Number(v.arrears))} 元，${v.households} 户，收费率 ${formatNumber(Number(v.rate))}%`,
});

export const FINANCE_FORMS: RecordForm[] = [feeWeekly, feeMonthly, monthlyBudget, annualBudget, quarterlyArrears];
