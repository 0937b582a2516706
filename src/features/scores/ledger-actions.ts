// The ledger judged in chat: 豁免 on an entry asks for a reason and a confirmation, then waives it (the person is told);
// 解除 on a red line asks what was done, then resolves it. Each returns to the card it came from.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { getPersonById, listCenters } from '../../db/queries/org.ts';
import { deductions, ledger, type Person } from '../../db/schema/index.ts';
import type { CardActionHandler, CardActionInput, CardResponse } from '../../lark/card-actions/types.ts';
import type { Card } from '../../lark/cards/kit.ts';
import {
  entryText,
  LEDGER_TEXT,
  redlineResolveCard,
  redlineResolvedCard,
  waiveConfirmCard,
  waivedCard,
} from '../../lark/cards/ledger-cards.ts';
import { TOASTS } from '../../lark/cards/toasts.ts';
import { readCardId } from '../../lib/card-id.ts';
import { parsePeriodKey } from '../../lib/periods.ts';
import type { Rulebook } from '../../rules/rulebook/schema.ts';
import { formElement, parseForm, type FormDef } from '../forms/form.ts';
import { scoreView, viewValue } from './score-view.ts';
import { mayJudge, redlineRuleIds, resolveRedline, waiveEntry, WaiveError, type WaiveProblem } from './waive.ts';

const waiveForm: FormDef = {
  id: 'waive',
  title: '确认豁免',
  fields: () => [{ kind: 'text', name: 'reason', label: '豁免原因', max: 200, placeholder: '例如：已批准请假、系统故障' }],
};

const resolveForm: FormDef = {
  id: 'resolve',
  title: '解除底线问题',
  fields: () => [{ kind: 'text', name: 'note', label: '处理情况', max: 500, multiline: true, placeholder: '例如：已免职，已整改' }],
};

const error = (content: string): CardResponse => ({ toast: { type: 'error', content } });

const PROBLEM_TEXT: Record<WaiveProblem, string> = {
  reason: LEDGER_TEXT.reasonMissing,
  missing: LEDGER_TEXT.noEntry,
  notAllowed: LEDGER_TEXT.notAllowed,
  own: LEDGER_TEXT.own,
  already: LEDGER_TEXT.alreadyWaived,
  notRedline: LEDGER_TEXT.notRedline,
};

/** The view a judgement came from (a person's period, maybe opened from 团队), as its buttons carry it; null: none. */
function originOf(input: CardActionInput): Origin | null | 'bad' {
  const v = input.value;
  if (v.p === undefined) return null;
  const period = String(v.p);
  const team = v.t === undefined ? undefined : String(v.t);
  if (!parsePeriodKey(period) || (team !== undefined && !parsePeriodKey(team))) return 'bad';
  return { period, subject: v.w === undefined ? input.person.id : String(v.w), team };
}

type Origin = { period: string; subject: string; team?: string };

/** What a judgement's buttons carry to come back to the view: nothing when it came from elsewhere (an alert). */
const carry = (o: Origin | null, viewer: Person) => (o ? viewValue(o.period, o.subject, viewer, { team: o.team }) : {});
const backValue = (o: Origin | null, viewer: Person) => (o ? { a: 'score.view', ...carry(o, viewer) } : null);

async function viewAgain(tx: Db, input: CardActionInput, book: Rulebook, o: Origin): Promise<Card> {
  return scoreView(tx, book, input.person, o.subject, parsePeriodKey(o.period)!, input.now, { team: o.team });
}

const centerName = async (db: Db, code: string) => (await listCenters(db)).find((c) => c.code === code)?.name ?? code;

/** 豁免 on an entry: what it is, a reason to write, 确认豁免. */
export const askWaive: CardActionHandler = async (tx, _ctx, input) => {
  const id = readCardId(input.value.e);
  const origin = originOf(input);
  if (!('id' in id) || origin === 'bad') return error(TOASTS.badCardValue);
  const [e] = await tx.select().from(ledger).where(eq(ledger.id, id.id));
  if (!e) return error(LEDGER_TEXT.noEntry);
  if (!(await mayJudge(tx, input.person, e.centerCode, input.now))) return error(LEDGER_TEXT.notAllowed);
  if (e.personId === input.person.id) return error(LEDGER_TEXT.own);
  if (e.waivedAt) return { toast: { type: 'info', content: LEDGER_TEXT.alreadyWaived } };
  const person = await getPersonById(tx, e.personId);
  const form = formElement(waiveForm, null, {
    submit: { a: 'ledger.waive', e: e.id, ...carry(origin, input.person) },
    submitText: '确认豁免',
  });
  return {
    card: {
      type: 'raw',
      data: waiveConfirmCard({
        person: person?.name ?? e.personId,
        center: await centerName(tx, e.centerCode),
        entry: entryText(e),
        form,
        back: backValue(origin, input.person),
      }),
    },
  };
};

/** 确认豁免: the entry waived with the reason, the person told; back to the view it came from. */
export const confirmWaive: CardActionHandler = async (tx, ctx, input) => {
  const id = readCardId(input.value.e);
  const origin = originOf(input);
  if (!('id' in id) || origin === 'bad') return error(TOASTS.badCardValue);
  const parsed = parseForm(waiveForm, null, input.formValue, '');
  if (!parsed.ok) return error(parsed.message);
  const reason = String(parsed.values.reason);
  let done: typeof ledger.$inferSelect;
  try {
    done = await waiveEntry(tx, ctx.rules.book, id.id, input.person.id, reason, input.now);
  } catch (e) {
    if (!(e instanceof WaiveError)) throw e;
    if (e.problem !== 'already') return error(PROBLEM_TEXT[e.problem]);
    const info = { toast: { type: 'info' as const, content: LEDGER_TEXT.alreadyWaived } };
    return origin ? { ...info, card: { type: 'raw', data: await viewAgain(tx, input, ctx.rules.book, origin) } } : info;
  }
  const person = (await getPersonById(tx, done.personId))?.name ?? done.personId;
  const data = origin
    ? await viewAgain(tx, input, ctx.rules.book, origin)
    : waivedCard({ person, entry: entryText(done), reason: done.waiveReason ?? reason });
  return { toast: { type: 'success', content: LEDGER_TEXT.waived(person) }, card: { type: 'raw', data } };
};

async function redlineOf(tx: Db, input: CardActionInput, book: Rulebook) {
  const id = readCardId(input.value.id);
  if (!('id' in id)) return { problem: TOASTS.badCardValue };
  const [d] = await tx.select().from(deductions).where(eq(deductions.id, id.id));
  if (!d || !redlineRuleIds(book).includes(d.ruleId)) return { problem: LEDGER_TEXT.noRedline };
  if (!(await mayJudge(tx, input.person, d.centerCode, input.now))) return { problem: LEDGER_TEXT.notAllowed };
  const manager = (await getPersonById(tx, d.personId))?.name ?? d.personId;
  const title = book.rules.find((r) => r.id === d.ruleId)?.title ?? d.ruleId;
  return { d, manager, center: await centerName(tx, d.centerCode), text: `${d.day} ${title}${d.note ? `：${d.note}` : ''}` };
}

/** 解除 on a red line (the leader's alert, or a person's scores): what it was, what was done, 确认解除. */
export const askResolve: CardActionHandler = async (tx, ctx, input) => {
  const origin = originOf(input);
  if (origin === 'bad') return error(TOASTS.badCardValue);
  const r = await redlineOf(tx, input, ctx.rules.book);
  if ('problem' in r) return error(r.problem!);
  if (r.d.resolvedAt) return { toast: { type: 'info', content: LEDGER_TEXT.alreadyResolved } };
  const form = formElement(resolveForm, null, {
    submit: { a: 'redline.resolve', id: r.d.id, ...carry(origin, input.person) },
    submitText: '确认解除',
  });
  return {
    card: {
      type: 'raw',
      data: redlineResolveCard({ center: r.center, manager: r.manager, text: r.text, form, back: backValue(origin, input.person) }),
    },
  };
};

/** 确认解除: the red line resolved with the note; back to the view it came from, or the resolved card. */
export const confirmResolve: CardActionHandler = async (tx, ctx, input) => {
  const origin = originOf(input);
  if (origin === 'bad') return error(TOASTS.badCardValue);
  const r = await redlineOf(tx, input, ctx.rules.book);
  if ('problem' in r) return error(r.problem!);
  const parsed = parseForm(resolveForm, null, input.formValue, '');
  if (!parsed.ok) return error(parsed.message);
  const note = String(parsed.values.note);
  try {
    await resolveRedline(tx, ctx.rules.book, r.d.id, input.person.id, note, input.now);
  } catch (e) {
    if (!(e instanceof WaiveError)) throw e;
    if (e.problem !== 'already') return error(PROBLEM_TEXT[e.problem]);
    return { toast: { type: 'info', content: LEDGER_TEXT.alreadyResolved } };
  }
  const data = origin
    ? await viewAgain(tx, input, ctx.rules.book, origin)
    : redlineResolvedCard({ center: r.center, manager: r.manager, text: r.text, note, by: input.person.name });
  return { toast: { type: 'success', content: LEDGER_TEXT.resolved }, card: { type: 'raw', data } };
};
