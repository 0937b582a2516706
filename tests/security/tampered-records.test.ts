// Issue 16, records: card values tampered with by someone who can sign and encrypt (edits after the deadline, nonces,
// centers, duty ids, out-of-range ids, deep values, 30 cards of one duty at once) — each answered, nothing stored.
import { and, asc, eq, like } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { duties, outbox, submissions } from '../../src/db/schema/index.ts';
import { RECORD_TEXT } from '../../src/lark/cards/record-cards.ts';
import { TOASTS } from '../../src/lark/cards/toasts.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { exampleOrg, importExampleOrg } from '../helpers/org.ts';
import { useLarkWorld } from '../helpers/lark-world.ts';
import { DRIVERS } from '../helpers/test-db.ts';
import { attacker, stored, submitValueOf, worldTarget } from './attacker.ts';

const DAILY = { done: '完成消防通道清理；协调3户漏水维修', plan: '明日跟进车库照明' };
const NIGHT = { night: '2026-11-23 +0800', time: '22:40 +0800', posts: ['大门岗', '监控中心'], asleep: '0', signed: 'yes', notes: '' };
const error = (content: string) => ({ type: 'error', content });

/** examples/org.yaml plus a second center, C002, run by m2 (the same leader): someone else's center to aim at. */
function orgWithSecondCenter() {
  const org = exampleOrg();
  org.people.push({ id: 'm2', name: '陈刚', open_id: 'ou_m2', roles: ['manager'], since: '2026-11-01', leave: [] });
  org.centers.push({
    code: 'C002',
    name: '翠湖物业服务中心',
    headcount: 20,
    households: 500,
    posts: ['大门岗', '监控中心'],
    manager: 'm2',
    supervisors: [],
    leader: 'l1',
  });
  return org;
}

describe.each(DRIVERS)('tampered record submissions on %s', (driver) => {
  const clock = new FixedClock('2026-11-24T15:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01' });
  const evil = attacker(worldTarget(w, clock));
  /** A form card the bot sent for real: its message and the value its submit button carries. */
  const formCard = async (openId: string, words: string) => {
    const m = await w.say(openId, words);
    return { messageId: m.messageId, value: submitValueOf(m.content) };
  };
  const settled = async () => {
    await w.settle();
    return stored(w.db);
  };
  const dutyOf = async (personId: string, ruleId: string, day: string) =>
    (
      await w.db
        .select()
        .from(duties)
        .where(and(eq(duties.personId, personId), eq(duties.ruleId, ruleId), eq(duties.dueDay, day)))
    )[0]!;

  beforeEach(async () => {
    await importExampleOrg(w.db, '2026-11-01', orgWithSecondCenter());
    w.standin.addUser({ openId: 'ou_m2', name: '陈刚' });
    clock.set('2026-11-24T06:00:00+08:00');
    await w.tick(); // the month's duties exist before anyone files
    await w.db.delete(outbox);
    clock.set('2026-11-24T15:00:00+08:00');
  });

  it('an edit with the duty id cleared (d=0 or missing) after the deadline is refused: no version 2, the original stays live, nothing forwarded', async () => {
    const card = await formCard('ou_m1', '日报');
    expect((await w.standin.submitForm({ messageId: card.messageId, user: 'ou_m1', values: DAILY })).toast?.content).toBe('已提交');
    const [v1] = await w.db.select().from(submissions);
    await w.standin.clickButton({ messageId: card.messageId, user: 'ou_m1', buttonName: 'edit_record' });
    const edit = submitValueOf(w.standin.message(card.messageId)!.updates.at(-1));
    expect(edit).toMatchObject({ e: v1!.id, d: v1!.dutyId });

    clock.set('2026-11-24T16:31:00+08:00');
    const before = await settled();
    const { d: _d, ...withoutDuty } = edit;
    for (const value of [{ ...edit, d: 0 }, withoutDuty, { ...edit, d: '0' }]) {
      const res = await evil.click({ user: 'ou_m1', messageId: card.messageId, value, formValue: { done: '截止后篡改的内容', plan: '' } });
      expect(res.status).toBe(200);
      expect(res.toast).toEqual(error(RECORD_TEXT.pastDeadline));
    }
    // nor by naming another duty of theirs (tomorrow's daily report) as the one the edit meets
    const tomorrow = await dutyOf('m1', 'admin.daily_report', '2026-11-25');
    expect(
      (await evil.click({ user: 'ou_m1', messageId: card.messageId, value: { ...edit, d: tomorrow.id }, formValue: DAILY })).toast,
    ).toEqual(error(RECORD_TEXT.notYours));
    expect(await settled()).toEqual(before);
    expect(await w.db.select().from(submissions)).toEqual([
      expect.objectContaining({ id: v1!.id, version: 1, supersededAt: null, values: v1!.values }),
    ]);
  });

  it('a submit whose nonce is missing, empty or not a string is refused with a toast and stores nothing, not even the click', async () => {
    const card = await formCard('ou_m1', '日报');
    const before = await settled();
    const { n: _n, ...withoutNonce } = card.value;
    for (const value of [
      withoutNonce,
      { ...card.value, n: '' },
      { ...card.value, n: 12 },
      { ...card.value, n: null },
      { ...card.value, n: ['x'] },
      { ...card.value, n: 'x'.repeat(5000) },
    ]) {
      const res = await evil.click({ user: 'ou_m1', messageId: card.messageId, value, formValue: DAILY });
      expect(res.toast, JSON.stringify(value.n)).toEqual(error(TOASTS.formWithoutNonce));
    }
    expect(await settled()).toEqual(before);
  });

  it('a complaint, a deduction or an emergency submitted without its nonce is refused the same way, before anything is filed', async () => {
    const before = await settled();
    const complaint = {
      owner: '陈女士',
      household: '3-2-801',
      channel: 'phone',
      what: '楼上漏水',
      category: 'repair',
      in_remit: 'yes',
      severity: 'normal',
    };
    const tries: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ['ou_m1', { a: 'complaint.register', c: 'C001' }, complaint],
      ['ou_m1', { a: 'complaint.register', c: 'C001', n: '' }, complaint],
      ['ou_m1', { a: 'complaint.register', c: 'C001', n: 'undefined' }, complaint],
      [
        'ou_q1',
        { a: 'quality.deduct', n: 42 },
        { center: 'C001', item: 'redline.dismissal', count: '1', day: '2026-11-24 +0800', note: '睡岗' },
      ],
      ['ou_m1', { a: 'emergency.report', c: 'C001' }, { at: '2026-11-24 14:30 +0800', what: '3 栋水管爆裂', phoned: 'yes' }],
    ];
    for (const [user, value, formValue] of tries) {
      const res = await evil.click({ user, messageId: 'om_tampered', value, formValue });
      expect(res.toast, JSON.stringify(value)).toEqual(error(TOASTS.formWithoutNonce));
    }
    expect(await settled()).toEqual(before);
  });

  it("the nonce is scoped to the person: m2's report carrying m1's nonce is stored as m2's own, never answered with m1's", async () => {
    const m1 = await formCard('ou_m1', '日报');
    await w.standin.submitForm({ messageId: m1.messageId, user: 'ou_m1', values: DAILY });
    const m2 = await formCard('ou_m2', '日报');
    expect(m2.value).toMatchObject({ p: 'm2', c: 'C002' });
    const res = await evil.click({
      user: 'ou_m2',
      messageId: m2.messageId,
      value: { ...m2.value, n: m1.value.n },
      formValue: { done: '翠湖：完成电梯年检', plan: '' },
    });
    expect(res.toast).toEqual({ type: 'success', content: '已提交' });
    const rows = await w.db.select().from(submissions).orderBy(asc(submissions.id));
    expect(rows.map((s) => [s.personId, s.centerCode, s.values.done, s.nonce])).toEqual([
      ['m1', 'C001', DAILY.done, m1.value.n],
      ['m2', 'C002', '翠湖：完成电梯年检', m1.value.n],
    ]);
  });

  it("filing under a center the owner does not run, or with a duty that is not theirs, not this form's or does not parse, is refused; nothing is filed without a duty", async () => {
    const night = await formCard('ou_m1', '夜查');
    const daily = await formCard('ou_m1', '日报');
    const theirs = await dutyOf('m2', 'admin.daily_report', '2026-11-24');
    const before = await settled();
    const tries: [Record<string, unknown>, Record<string, unknown>, string][] = [
      [{ ...night.value, c: 'C002' }, NIGHT, RECORD_TEXT.notYours], // the owner (m1) holds no post at C002
      [{ ...daily.value, c: 'C002' }, DAILY, RECORD_TEXT.notYours], // their duty is at C001
      [{ ...daily.value, d: theirs.id }, DAILY, RECORD_TEXT.notYours], // m2's duty
      [{ ...daily.value, p: 'm2', c: 'C002', d: theirs.id }, DAILY, RECORD_TEXT.notYours], // filing for m2
      [{ ...night.value, d: daily.value.d }, NIGHT, RECORD_TEXT.notYours], // a night check meeting the daily report's duty
      [{ ...daily.value, d: 'abc' }, DAILY, TOASTS.badCardValue],
      [{ ...daily.value, d: -1 }, DAILY, TOASTS.badCardValue],
      [{ ...daily.value, d: 2.5 }, DAILY, TOASTS.badCardValue],
      [{ ...daily.value, d: [1] }, DAILY, TOASTS.badCardValue],
      [{ ...daily.value, d: 999_999_999 }, DAILY, RECORD_TEXT.notYours], // an id that fits but names no duty
    ];
    for (const [value, formValue, toast] of tries) {
      const res = await evil.click({ user: 'ou_m1', messageId: daily.messageId, value, formValue });
      expect(res.toast, JSON.stringify(value)).toEqual(error(toast));
    }
    expect(await settled()).toEqual(before);
    // the cards as sent still work: the records are filed under C001, the daily report with its duty
    expect((await w.standin.submitForm({ messageId: daily.messageId, user: 'ou_m1', values: DAILY })).toast?.content).toBe('已提交');
    expect(await w.db.select({ c: submissions.centerCode, d: submissions.dutyId }).from(submissions)).toEqual([
      { c: 'C001', d: daily.value.d },
    ]);
  });

  it('30 parallel submits from 30 cards of one duty store one record, forwarded once; the other 29 are answered with it, and so is one after the deadline', async () => {
    const cards: string[] = [];
    for (let i = 0; i < 31; i++) cards.push((await w.say('ou_m1', '日报')).messageId);
    const last = cards.pop()!;
    const answers = await Promise.all(
      cards.map((messageId, i) => w.standin.submitForm({ messageId, user: 'ou_m1', values: { done: `第 ${i + 1} 张卡片`, plan: '' } })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(200));
    expect(answers.filter((a) => a.toast?.type === 'success')).toHaveLength(1);
    expect(answers.filter((a) => a.toast?.type === 'info' && a.toast.content === RECORD_TEXT.filedBefore('日报'))).toHaveLength(29);

    const duty = await dutyOf('m1', 'admin.daily_report', '2026-11-24');
    const rows = await w.db.select().from(submissions).where(eq(submissions.dutyId, duty.id));
    expect(rows).toEqual([expect.objectContaining({ version: 1, supersededAt: null })]);
    // every card now shows the receipt of the record that stands
    for (const messageId of cards)
      expect(JSON.stringify(w.standin.message(messageId)!.updates.at(-1))).toContain(String(rows[0]!.values.done));
    await w.flush();
    const forwards = await w.db.select().from(outbox).where(like(outbox.key, 'forward:%'));
    expect(forwards.length).toBeGreaterThan(0);
    expect(forwards.every((f) => f.key.startsWith(`forward:${rows[0]!.id}:`))).toBe(true);
    expect(new Set(forwards.map((f) => f.target)).size).toBe(forwards.length);

    clock.set('2026-11-24T16:31:00+08:00');
    const before = await settled();
    const late = await w.standin.submitForm({ messageId: last, user: 'ou_m1', values: { done: '截止后又一张卡片', plan: '' } });
    expect(late.toast).toEqual({ type: 'info', content: RECORD_TEXT.filedBefore('日报') });
    // an answer, not a refusal: the click is recorded (a re-send gets the same answer), nothing else
    expect(await settled()).toEqual({ ...before, card_actions: before.card_actions! + 1 });
  });

  it('five 修改 cards of one version submitted at once make exactly one version 2; the others are told it was replaced', async () => {
    const first = await formCard('ou_m1', '日报');
    await w.standin.submitForm({ messageId: first.messageId, user: 'ou_m1', values: DAILY });
    const edits: string[] = [];
    for (let i = 0; i < 5; i++) {
      const receipt = await w.say('ou_m1', '日报'); // before the deadline: the filed record's receipt, fresh, with 修改
      await w.standin.clickButton({ messageId: receipt.messageId, user: 'ou_m1', buttonName: 'edit_record' });
      edits.push(receipt.messageId);
    }
    const answers = await Promise.all(
      edits.map((messageId, i) => w.standin.submitForm({ messageId, user: 'ou_m1', values: { done: `修改 ${i + 1}`, plan: '' } })),
    );
    expect(answers.map((a) => a.toast?.type).sort()).toEqual(['error', 'error', 'error', 'error', 'success']);
    for (const a of answers.filter((x) => x.toast?.type === 'error')) expect(a.toast?.content).toBe(RECORD_TEXT.superseded);
    const rows = await w.db.select().from(submissions).orderBy(asc(submissions.version));
    expect(rows.map((s) => [s.version, s.supersededAt === null])).toEqual([
      [1, false],
      [2, true],
    ]);
    await w.flush();
    expect(
      (
        await w.db
          .select()
          .from(outbox)
          .where(like(outbox.key, `forward:${rows[1]!.id}:%`))
      ).length,
    ).toBeGreaterThan(0);
  });

  it('ids out of int4 range or not integers answer a clear toast, never 「系统繁忙」, and store nothing', async () => {
    const daily = await formCard('ou_m1', '日报');
    await w.standin.submitForm({ messageId: daily.messageId, user: 'ou_m1', values: DAILY });
    const before = await settled();
    const values: Record<string, unknown>[] = [
      { ...daily.value, d: 999_999_999_999 },
      { ...daily.value, d: 1e30 },
      { ...daily.value, d: 2 ** 31 },
      { ...daily.value, e: 1e30 },
      { ...daily.value, e: '12abc' },
      { ...daily.value, e: 0.5 },
      { a: 'record.edit', s: 1e30 },
      { a: 'record.edit', s: 'NaN' },
      { a: 'record.open', d: 999_999_999_999 },
      { a: 'complaint.open', id: 1e30 },
      { a: 'complaint.fixed', id: 999_999_999_999, n: 'abcdef0123456789' },
      { a: 'complaint.send', id: 'abc' },
      { a: 'followup.close', id: 1e30 },
      { a: 'followup.answer', s: 999_999_999_999 },
    ];
    for (const value of values) {
      const res = await evil.click({ user: 'ou_m1', messageId: daily.messageId, value, formValue: DAILY });
      expect(res.status).toBe(200);
      expect(res.toast, JSON.stringify(value)).toEqual(error(TOASTS.badCardValue));
    }
    expect(await settled()).toEqual(before);
  });

  it('a form_value 5,000 levels deep, or a value nested past what a card carries, is answered with a clear toast and stores nothing', async () => {
    const daily = await formCard('ou_m1', '日报');
    const before = await settled();
    const deep = `{"done":${'['.repeat(5000)}"完成"${']'.repeat(5000)},"plan":""}`;
    expect((await evil.click({ user: 'ou_m1', messageId: daily.messageId, value: daily.value, formValueJson: deep })).toast).toEqual(
      error(TOASTS.badCardValue),
    );
    const shallowButTooDeep = { done: [[[[[['完成']]]]]] };
    expect(
      (await evil.click({ user: 'ou_m1', messageId: daily.messageId, value: daily.value, formValue: shallowButTooDeep })).toast,
    ).toEqual(error(TOASTS.badCardValue));
    expect(
      (await evil.click({ user: 'ou_m1', messageId: daily.messageId, value: { ...daily.value, x: [[[[[[[1]]]]]]] }, formValue: DAILY }))
        .toast,
    ).toEqual(error(TOASTS.badCardValue));
    expect(await settled()).toEqual(before);
  });

  it('bidi override characters typed into a report are dropped: the record, the receipt and the forward show the text without them', async () => {
    const daily = await formCard('ou_m1', '日报');
    const typed = '已完成\u202e成完未\u202c，\u2066隔离\u2069';
    const res = await w.standin.submitForm({
      messageId: daily.messageId,
      user: 'ou_m1',
      values: { done: typed, plan: '\u202d明日\u202a' },
    });
    expect(res.toast?.content).toBe('已提交');
    const [s] = await w.db.select().from(submissions);
    expect(s!.values).toMatchObject({ done: '已完成成完未，隔离', plan: '明日' });
    await w.flush();
    const forward = w.lastTo('ou_a1');
    expect(JSON.stringify(forward.content)).toContain('已完成成完未，隔离');
    expect(JSON.stringify([forward.content, res.card])).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });
});
