// 交办任务: the general manager, the admin department or a center's leader registers a task handed to a center; its
// manager's filing clock starts (the rule whose start is this click) and the manager gets the filing form, prefilled.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { getPersonById, listCenterRolesOn, listCenters } from '../../db/queries/org.ts';
import { startFollowUp } from '../../db/queries/followups.ts';
import type { Person } from '../../db/schema/index.ts';
import type { CardActionHandler } from '../../lark/card-actions/types.ts';
import { HAND_TEXT, handedRegisteredCard, handedTaskCard } from '../../lark/cards/followup-cards.ts';
import { instantText } from '../../lark/cards/format.ts';
import { noticeCard, type Card } from '../../lark/cards/kit.ts';
import { shanghaiDay, shanghaiInstant } from '../../lib/shanghai.ts';
import { cardToPerson, enqueue } from '../../outbox/enqueue.ts';
import { hoursOf, planFromClick, prefillFor, startedByClick } from '../../rules/kinds/follow-up.ts';
import type { FollowUp, Rulebook } from '../../rules/rulebook/schema.ts';
import { centerField, resolveCenter, type CenterOption } from '../centers/center-choice.ts';
import { formCard, parseForm, type FormDef } from '../forms/form.ts';
import { isAdmin } from '../leave/leave-authority.ts';
import { recordFormById } from '../records/forms/index.ts';
import { recordFormElement } from '../records/open-form.ts';
import { loadRecordContext } from '../records/record-context.ts';

const ACTION = 'task.hand';
const HOUR = 3600_000;

const handForm: FormDef<{ centers: CenterOption[] }> = {
  id: 'hand_task',
  title: '交办任务',
  fields: (ctx) => [
    centerField(ctx.centers, { name: 'center', label: '交办给' }),
    { kind: 'text', name: 'task', label: '任务内容', max: 200, multiline: true },
    { kind: 'datetime', name: 'at', label: '交办时间' },
  ],
};

/** The centers the person may hand a task to: all for the general manager and the admin department, a leader's own. */
async function centersFor(db: Db, actor: Person, today: string): Promise<CenterOption[]> {
  const all = (await listCenters(db, { activeOnly: true })).map((c) => ({ code: c.code, name: c.name }));
  if (actor.roles.includes('general_manager') || (await isAdmin(db, actor))) return all;
  const led = new Set(
    (await listCenterRolesOn(db, today)).filter((r) => r.role === 'leader' && r.personId === actor.id).map((r) => r.centerCode),
  );
  return all.filter((c) => led.has(c.code));
}

function ruleOf(book: Rulebook): FollowUp | undefined {
  const rule = startedByClick(book.rules, ACTION);
  // the manager files the record its rule stops on
  return rule?.stops?.by === 'form' && recordFormById(rule.stops.form) ? rule : undefined;
}

export async function handTaskCardFor(db: Db, book: Rulebook, actor: Person, now: Date): Promise<Card> {
  if (!ruleOf(book)) return noticeCard(HAND_TEXT.off);
  const centers = await centersFor(db, actor, shanghaiDay(now));
  if (centers.length === 0) return noticeCard(actor.roles.includes('leader') ? HAND_TEXT.noCenters : HAND_TEXT.notAllowed);
  return formCard(handForm, { centers }, { submit: { a: ACTION, n: randomBytes(6).toString('hex') }, submitText: '交办' });
}

export const handTask: CardActionHandler = async (tx, app, input) => {
  const error = (content: string) => ({ toast: { type: 'error' as const, content } });
  const rule = ruleOf(app.rules.book);
  if (!rule) return error(HAND_TEXT.off);
  const today = shanghaiDay(input.now);
  const centers = await centersFor(tx, input.person, today);
  if (centers.length === 0) return error(HAND_TEXT.notAllowed);
  const parsed = parseForm(handForm, { centers }, input.formValue, today);
  if (!parsed.ok) return error(parsed.message);
  const center = resolveCenter(centers, parsed.values.center, '交办给');
  if (!center.ok) return error(center.message);
  // the hand-over time: not ahead, and not so long ago that the manager's time to file had run out before it was registered
  const [day, time] = String(parsed.values.at).split(' ') as [string, string];
  const handedAt = shanghaiInstant(day, time);
  if (handedAt.getTime() > input.now.getTime()) return error(HAND_TEXT.future('交办时间'));
  if (input.now.getTime() - handedAt.getTime() > hoursOf(rule) * HOUR) return error(HAND_TEXT.tooOld('交办时间', hoursOf(rule)));
  const managerRole = (await listCenterRolesOn(tx, today)).find((r) => r.role === 'manager' && r.centerCode === center.code);
  const manager = managerRole ? await getPersonById(tx, managerRole.personId) : null;
  const rc = manager ? await loadRecordContext(tx, manager.id, center.code, today) : null;
  if (!manager || !rc) return error(HAND_TEXT.noManager);

  const task = String(parsed.values.task);
  const plan = planFromClick(rule, handedAt, task);
  const clock = await startFollowUp(tx, {
    key: `${rule.id}|hand:${input.value.n}`,
    ruleId: rule.id,
    centerCode: center.code,
    personId: manager.id,
    ...plan,
    note: input.person.name,
  });
  const due = instantText(plan.dueAt);
  if (clock && manager.openId) {
    const form = recordFormById((rule.stops as { form: string }).form)!;
    const element = recordFormElement(
      { form, ownerId: manager.id, centerCode: center.code, handed: clock.id },
      rc,
      prefillFor(rule, clock),
    );
    const card = handedTaskCard({ by: input.person.name, task, due, form: element });
    await enqueue(tx, input.now, cardToPerson(`handed:${clock.id}`, manager.openId, card, `followup:${clock.id}`));
  }
  return {
    toast: { type: 'success', content: HAND_TEXT.registered },
    card: { type: 'raw', data: handedRegisteredCard({ center: rc.center.name, manager: manager.name, task, due }) },
  };
};
