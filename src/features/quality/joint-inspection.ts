// 联合检查: the quality center schedules a joint inspection; each center's manager owes the attendance record that day.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { EVENT_PERIOD_PREFIX, insertDuties } from '../../db/queries/duties.ts';
import { listCenterRolesOn, listCenters, getPersonById } from '../../db/queries/org.ts';
import type { Person } from '../../db/schema/index.ts';
import type { CardActionHandler } from '../../lark/card-actions/types.ts';
import { dayText } from '../../lark/cards/format.ts';
import type { Card } from '../../lark/cards/kit.ts';
import { noticeCard } from '../../lark/cards/kit.ts';
import { jointNoticeCard, jointScheduledCard, QUALITY_TEXT } from '../../lark/cards/quality-cards.ts';
import { addDays, shanghaiDay, shanghaiInstant } from '../../lib/shanghai.ts';
import { cardToPerson, enqueue } from '../../outbox/enqueue.ts';
import { dutySpec } from '../../rules/duties/types.ts';
import type { Deadline } from '../../rules/rulebook/schema.ts';
import { formCard, parseForm, type FormDef } from '../forms/form.ts';
import { isQualityCenter } from './quality-center.ts';
import { centerField, resolveCenters } from '../centers/center-choice.ts';

const JOINT_RULE = 'quality.joint_inspection';

interface JointContext {
  centers: { code: string; name: string }[];
  today: string;
}

export const jointInspectionForm: FormDef<JointContext> = {
  id: 'joint_schedule',
  title: '安排联合检查',
  fields: (ctx) => [
    centerField(ctx.centers, { name: 'centers', label: '服务中心', multi: true }),
    { kind: 'date', name: 'day', label: '检查日期' },
  ],
  check: (v, ctx) =>
    (v.day as string) < ctx.today
      ? '检查日期：不能早于今天'
      : (v.day as string) > addDays(ctx.today, 90)
        ? '检查日期：最多提前 90 天安排'
        : null,
};

async function contextFor(db: Db, now: Date): Promise<JointContext> {
  return { centers: (await listCenters(db, { activeOnly: true })).map((c) => ({ code: c.code, name: c.name })), today: shanghaiDay(now) };
}

export async function jointInspectionCardFor(db: Db, actor: Person, now: Date): Promise<Card> {
  if (!(await isQualityCenter(db, actor))) return noticeCard(QUALITY_TEXT.notQuality);
  const ctx = await contextFor(db, now);
  if (ctx.centers.length === 0) return noticeCard(QUALITY_TEXT.noCenters);
  return formCard(jointInspectionForm, ctx, { submit: { a: 'quality.joint', n: randomBytes(6).toString('hex') }, submitText: '安排' });
}

export const scheduleJointInspection: CardActionHandler = async (tx, app, input) => {
  if (!(await isQualityCenter(tx, input.person))) return { toast: { type: 'error', content: QUALITY_TEXT.notQuality } };
  const ctx = await contextFor(tx, input.now);
  const parsed = parseForm(jointInspectionForm, ctx, input.formValue, ctx.today);
  if (!parsed.ok) return { toast: { type: 'error', content: parsed.message } };
  const day = parsed.values.day as string;
  const chosen = resolveCenters(ctx.centers, parsed.values.centers, '服务中心');
  if (!chosen.ok) return { toast: { type: 'error', content: chosen.message } };
  const codes = chosen.codes;
  const rule = app.rules.book.rules.find((r) => r.id === JOINT_RULE) as Deadline | undefined;
  if (!rule?.enabled) return { toast: { type: 'error', content: QUALITY_TEXT.notQuality } };
  const managers = (await listCenterRolesOn(tx, day)).filter((r) => r.role === 'manager' && codes.includes(r.centerCode));
  const specs = [];
  for (const m of managers) {
    const person = await getPersonById(tx, m.personId);
    const center = ctx.centers.find((c) => c.code === m.centerCode)!;
    if (!person) continue;
    const at = shanghaiInstant(day, rule.time);
    const holding = {
      person: { ...person, leave: [] },
      center: { ...center, households: 0, headcount: 0, posts: [], active: true },
      from: day,
      to: day,
      directReports: 0,
    };
    specs.push(
      dutySpec(
        rule,
        holding,
        { key: `${EVENT_PERIOD_PREFIX}joint:${day}`, start: day, end: day },
        { day, at, closesAt: new Date(at.getTime() + 24 * 3600_000) },
        null,
        null,
      ),
    );
    if (person.openId) {
      await enqueue(
        tx,
        input.now,
        cardToPerson(
          `joint-notice:${day}:${m.centerCode}:${person.id}`,
          person.openId,
          jointNoticeCard({ day: dayText(day), by: input.person.name }),
          `joint:${input.eventId}`,
        ),
      );
    }
  }
  await insertDuties(tx, specs, input.now);
  return {
    toast: { type: 'success', content: QUALITY_TEXT.scheduled },
    card: {
      type: 'raw',
      data: jointScheduledCard({ day: dayText(day), centers: codes.map((c) => ctx.centers.find((x) => x.code === c)?.name ?? c) }),
    },
  };
};
