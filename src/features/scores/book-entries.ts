// Books what the rulebook's teeth cost into the ledger, once each: late or missing deadlines, quota shortfalls,
// quality deductions, absences from joint inspections. Each entry says why in one Chinese line.
import { bookLedger } from '../../db/queries/followups.ts';
import type { Db } from '../../db/client.ts';
import { ledger } from '../../db/schema/index.ts';
import type { Deduction as DeductionRow, Duty } from '../../db/schema/index.ts';
import { isoWeekday } from '../../lib/periods.ts';
import { shanghaiDay, shanghaiTime } from '../../lib/shanghai.ts';
import { periodText } from '../../lark/cards/format.ts';
import type { Deduction, Rule, Rulebook } from '../../rules/rulebook/schema.ts';

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
/** "2026-11-12 周四 12:00" */
const whenText = (at: Date) => `${shanghaiDay(at)} ${WEEKDAYS[isoWeekday(shanghaiDay(at))]} ${shanghaiTime(at)}`;

/** What a deadline not met costs: one amount, whether it is filed late or never (the rulebook's `missing`, else `late`). */
export function deadlineFine(rule: Rule): { yuan: number; points: number } | null {
  const fine = rule.penalty.missing ?? rule.penalty.late;
  if (!fine || (fine.yuan === 0 && fine.points === 0)) return null;
  return { yuan: fine.yuan, points: fine.points };
}

/**
 * A deadline passed unfiled: its rule's fine, booked at the deadline, once per duty. Filed late afterwards (`late`), the
 * same entry's text says 迟交 and when; its amount never changes and nothing more is booked. A late filing the scheduler
 * had not yet seen pass books the entry itself, already saying 迟交.
 */
export async function bookDeadlinePenalty(db: Db, duty: Duty, kind: 'late' | 'missing', now: Date): Promise<boolean> {
  const rule = duty.terms as Rule;
  const fine = deadlineFine(rule);
  if (!fine) return false;
  const reason =
    kind === 'late' ? `${whenText(duty.dueAt)} ${rule.title}迟交（${whenText(now)} 补交）` : `${whenText(duty.dueAt)} ${rule.title}未交`;
  const row = {
    key: `${duty.ruleId}|duty:${duty.id}|penalty`,
    ruleId: duty.ruleId,
    personId: duty.personId,
    centerCode: duty.centerCode,
    yuan: fine.yuan,
    points: fine.points,
    day: duty.dueDay,
    reason,
    sourceType: 'duty',
    sourceId: String(duty.id),
    createdAt: now,
  };
  if (kind === 'missing') return bookLedger(db, row);
  // filed late: the entry booked at the deadline now reads 迟交 (amount, day and waiver untouched)
  const rows = await db.insert(ledger).values(row).onConflictDoUpdate({ target: ledger.key, set: { reason } }).returning({ id: ledger.id });
  return rows.length > 0;
}

/** A quota short at its period's end: whatever the rulebook sets (by default nothing but the record). */
export async function bookShortfall(db: Db, duty: Duty, now: Date): Promise<boolean> {
  const rule = duty.terms as Rule;
  const fine = rule.penalty.missing;
  if (!fine || (fine.yuan === 0 && fine.points === 0)) return false;
  return bookLedger(db, {
    key: `${duty.ruleId}|duty:${duty.id}|shortfall`,
    ruleId: duty.ruleId,
    personId: duty.personId,
    centerCode: duty.centerCode,
    yuan: fine.yuan,
    points: fine.points,
    day: duty.periodEnd,
    reason: `${periodText(duty.periodKey)} ${rule.title}完成 ${duty.progress}/${duty.target}，未达要求`,
    sourceType: 'duty',
    sourceId: String(duty.id),
    createdAt: now,
  });
}

/** Points the quality center recorded (the manager jointly liable); red lines carry no points and are not booked. */
export async function bookDeduction(db: Db, d: DeductionRow, title: string, now: Date): Promise<boolean> {
  if (d.points === 0) return false;
  return bookLedger(db, {
    key: `${d.ruleId}|deduction:${d.id}`,
    ruleId: d.ruleId,
    personId: d.personId,
    centerCode: d.centerCode,
    yuan: 0,
    points: d.points,
    day: d.day,
    reason: `${d.day} 品质检查：${title}${d.count > 1 ? ` ${d.count} 次` : ''}${d.note ? `（${d.note}）` : ''}`,
    sourceType: 'deduction',
    sourceId: String(d.id),
    createdAt: now,
  });
}

/** A scheduled joint inspection not attended: the deduction rule for absences, booked against the duty. */
export async function bookJointAbsence(db: Db, book: Rulebook, duty: Duty, now: Date): Promise<boolean> {
  const rule = book.rules.find((r): r is Deduction => r.id === 'deduct.missed_joint_inspection' && r.kind === 'deduction' && r.enabled);
  if (!rule || rule.points === 0) return false;
  return bookLedger(db, {
    key: `${rule.id}|duty:${duty.id}`,
    ruleId: rule.id,
    personId: duty.personId,
    centerCode: duty.centerCode,
    yuan: 0,
    points: rule.points,
    day: duty.dueDay,
    reason: `${duty.dueDay} 品质联合检查缺席`,
    sourceType: 'duty',
    sourceId: String(duty.id),
    createdAt: now,
  });
}
