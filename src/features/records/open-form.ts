// The form card for a duty or a record: prefilled, with a one-time nonce so that a double submit stores one record.
import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { duties, type Duty } from '../../db/schema/index.ts';
import { dueText, periodText } from '../../lark/cards/format.ts';
import type { Card, CardElement } from '../../lark/cards/kit.ts';
import { formCard, formElement } from '../forms/form.ts';
import type { Prefill } from '../forms/fields.ts';
import type { RecordContext, RecordForm } from './record-form.ts';
import { selectDuties } from '../../db/queries/duties.ts';

const newNonce = () => randomBytes(8).toString('hex');

export interface SubmitTarget {
  form: RecordForm;
  ownerId: string;
  centerCode: string;
  duty?: Pick<Duty, 'id' | 'dueAt' | 'periodKey' | 'kind'> | null;
  editOf?: number;
  /** the clock the record is asked for (a task handed over): the filing stops it */
  handed?: number;
}

function submitValue(t: SubmitTarget) {
  return {
    a: 'record.submit',
    f: t.form.id,
    p: t.ownerId,
    c: t.centerCode,
    d: t.duty?.id ?? 0,
    n: newNonce(),
    ...(t.editOf ? { e: t.editOf } : {}),
    ...(t.handed ? { h: t.handed } : {}),
  };
}

function intro(t: SubmitTarget, now: Date): string | undefined {
  if (!t.duty) return undefined;
  if (t.duty.kind === 'quota') return `${periodText(t.duty.periodKey)}`;
  return `${periodText(t.duty.periodKey)} · 截止 ${dueText(t.duty.dueAt, now)}`;
}

export function recordFormCard(t: SubmitTarget, rc: RecordContext, now: Date, prefill?: Prefill): Card {
  return formCard(t.form, rc, {
    submit: submitValue(t),
    prefill,
    intro: intro(t, now),
    subtitle: rc.center.name,
    footer: t.editOf ? '提交后替换上一版，历史版本保留。' : undefined,
  });
}

/** Just the form, for a reminder card to carry. */
export function recordFormElement(t: SubmitTarget, rc: RecordContext, prefill?: Prefill): CardElement {
  return formElement(t.form, rc, { submit: submitValue(t), prefill });
}

/**
 * The duty a record filed from chat meets: the open one whose period has begun and is not yet due (a quota: whose period
 * contains today), else the latest overdue one, else the next one coming.
 */
export async function dutyForFiling(db: Db, personId: string, ruleIds: string[], today: string): Promise<Duty | null> {
  if (ruleIds.length === 0) return null;
  const rows = await selectDuties(db)
    .where(and(eq(duties.personId, personId), inArray(duties.ruleId, ruleIds), inArray(duties.status, ['open', 'overdue', 'missed'])))
    .orderBy(asc(duties.dueAt));
  // the one for now: open, its period begun, not yet due
  const current = rows.find((d) => d.status === 'open' && d.periodStart <= today && today <= (d.kind === 'quota' ? d.periodEnd : d.dueDay));
  if (current) return current;
  // else the latest one that passed unfiled (filed now, it is marked late)
  const overdue = rows.filter((d) => d.status === 'overdue' || d.status === 'missed');
  if (overdue.length) return overdue.at(-1)!;
  // else the next one coming
  return rows.find((d) => d.status === 'open' && d.kind !== 'quota' && d.dueDay >= today) ?? null;
}
