// Day patrols take their half of the day from their time and the day's quota needs the morning and the afternoon; night
// checks record their night (a date and a time), refuse a moment not come yet, say the night, and the month counts nights.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { submissions } from '../../src/db/schema/index.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { useLarkWorld } from '../helpers/lark-world.ts';
import { testRules } from '../helpers/rules.ts';
import { DRIVERS } from '../helpers/test-db.ts';
import { filingAs } from '../helpers/filing.ts';

const text = (content: unknown) => JSON.stringify(content);
/** C001 (35 staff: every post once a day) and its four posts. */
const ALL_POSTS = ['大门岗', '南门岗', '监控中心', '巡逻岗'];
const patrol = (time: string) => ({ time: `${time} +0800`, posts: ALL_POSTS, books: 'yes' });
const night = (day: string, time: string) => ({
  night: `${day} +0800`,
  time: `${time} +0800`,
  posts: ['大门岗', '监控中心'],
  asleep: '0',
  signed: 'yes',
});

describe.each(DRIVERS)('day patrols and night checks over the stand-in on %s', (driver) => {
  const clock = new FixedClock('2026-12-07T06:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-12-01' });
  const { duty, recordsOf, file, again, ...filing } = filingAs(w);
  /** The receipt, its markdown's escaped colons read back. */
  const shown = (messageId: string) => filing.shown(messageId).replaceAll('&#58;', ':');
  beforeEach(async () => {
    clock.set('2026-12-07T06:00:00+08:00');
    await w.tick(); // the day's and the month's quotas exist before anyone files
  });

  it('a patrol time later than now is refused naming the field, and nothing is stored', async () => {
    clock.set('2026-12-07T08:12:00+08:00');
    const res = await file('巡查', patrol('14:30'));
    expect(res.toast).toEqual({ type: 'error', content: '巡查时间：不能晚于现在' });
    expect(await recordsOf('day_patrol')).toEqual([]);
  });

  it('two morning patrols covering every post are one short, the receipt naming the afternoon still owed; an afternoon one meets the day', async () => {
    clock.set('2026-12-07T08:20:00+08:00');
    const first = await file('巡查', patrol('08:12'));
    expect(first.toast?.type).toBe('success');
    expect(shown(first.messageId)).toContain('上午 08:12');
    expect(shown(first.messageId)).toContain('日查 12月7日 周一 1/2');
    expect(shown(first.messageId)).toContain('今日还差下午日查');
    clock.set('2026-12-07T11:45:00+08:00');
    await again(first.messageId, patrol('11:40'));
    // two mornings: every post covered, yet the afternoon is still owed
    expect(shown(first.messageId)).toContain('日查 12月7日 周一 1/2');
    expect(shown(first.messageId)).toContain('今日还差下午日查');
    expect((await recordsOf('day_patrol')).map((s) => s.values.half)).toEqual(['am', 'am']);

    clock.set('2026-12-07T12:05:00+08:00');
    const noon = await file('巡查', patrol('12:00'));
    expect(shown(noon.messageId)).toContain('下午 12:00');
    expect(shown(noon.messageId)).toContain('日查 12月7日 周一 3/2');
    expect(shown(noon.messageId)).not.toContain('今日还差');
    clock.set('2026-12-08T08:00:00+08:00');
    await w.tick();
    expect(await duty('quality.day_patrol', '2026-12-07')).toMatchObject({ status: 'done', progress: 3 });
  });

  it('an afternoon patrol alone is one short, the receipt naming the morning; the day ends short', async () => {
    clock.set('2026-12-07T15:00:00+08:00');
    const pm = await file('巡查', patrol('14:40'));
    expect(shown(pm.messageId)).toContain('下午 14:40');
    expect(shown(pm.messageId)).toContain('日查 12月7日 周一 1/2');
    expect(shown(pm.messageId)).toContain('今日还差上午日查');
    clock.set('2026-12-08T08:00:00+08:00');
    await w.tick();
    expect(await duty('quality.day_patrol', '2026-12-07')).toMatchObject({ status: 'short', progress: 1 });
  });

  it("tonight's check filed in the afternoon is refused naming the field; last night's filed this morning is accepted with yesterday's date and says the night", async () => {
    clock.set('2026-12-07T15:31:00+08:00');
    const early = await file('夜查', night('2026-12-07', '23:40'));
    expect(early.toast).toEqual({ type: 'error', content: '夜查时间：12月7日夜 23:40 还未到；昨晚的夜查请选昨天的日期' });
    expect(await recordsOf('night_check')).toEqual([]);

    clock.set('2026-12-07T08:10:00+08:00');
    const lastNight = await file('夜查', night('2026-12-06', '23:40'));
    expect(lastNight.toast?.type).toBe('success');
    expect(shown(lastNight.messageId)).toContain('12月6日夜 23:40');
    expect(shown(lastNight.messageId)).toContain('夜查 2026年12月 1/2');
    const [s] = await recordsOf('night_check');
    expect(s!.values).toMatchObject({ night: '2026-12-06', time: '23:40' });
    // a supervisor's night check goes to the manager, saying the night too
    const theirs = await w.say('ou_v1', '夜查');
    await w.standin.submitForm({ messageId: theirs.messageId, user: 'ou_v1', values: night('2026-12-06', '01:30') });
    await w.flush();
    const forwarded = w.standin.messages({ chatId: w.standin.p2pChatId('ou_m1') }).at(-1)!;
    expect(text(forwarded.content)).toContain('夜查 · 王芳');
    expect(text(forwarded.content).replaceAll('&#58;', ':')).toContain('12月6日夜 01:30');
  });

  it("a night check opened in the morning opens on last night's date, in the evening on tonight's", async () => {
    clock.set('2026-12-07T07:50:00+08:00');
    expect(text((await w.say('ou_m1', '夜查')).content)).toContain('"initial_date":"2026-12-06"');
    clock.set('2026-12-07T21:30:00+08:00');
    expect(text((await w.say('ou_m1', '夜查')).content)).toContain('"initial_date":"2026-12-07"');
  });

  it('the month counts nights: a second check in the same night counts once, a check of another night counts', async () => {
    clock.set('2026-12-07T08:10:00+08:00');
    const first = await file('夜查', night('2026-12-06', '23:40'));
    expect(shown(first.messageId)).toContain('夜查 2026年12月 1/2');
    // 02:10 after midnight is still the night of 12月6日
    await again(first.messageId, night('2026-12-06', '02:10'));
    expect(shown(first.messageId)).toContain('12月6日夜 02:10');
    expect(shown(first.messageId)).toContain('夜查 2026年12月 1/2');
    const other = await file('夜查', night('2026-12-03', '22:00'));
    expect(shown(other.messageId)).toContain('夜查 2026年12月 2/2');
    expect(await recordsOf('night_check')).toHaveLength(3);
    expect(await duty('quality.night_check', '2026-12')).toMatchObject({ progress: 2, target: 2 });
  });
});

/** A company that starts the afternoon at 13:30. */
const LATE_NOON = `
rules:
  quality.day_patrol:
    afternoon_from: "13:30"
`;

describe.each(DRIVERS)("a company's afternoon start for day patrols on %s", (driver) => {
  const clock = new FixedClock('2026-12-07T06:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-12-01', service: { rules: testRules(LATE_NOON) } });

  it("a patrol at 12:45 is the morning's when the rulebook file starts the afternoon at 13:30", async () => {
    await w.tick();
    clock.set('2026-12-07T12:50:00+08:00');
    const form = await w.say('ou_m1', '巡查');
    await w.standin.submitForm({ messageId: form.messageId, user: 'ou_m1', values: patrol('12:45') });
    const receipt = text(w.standin.message(form.messageId)!.updates.at(-1)).replaceAll('&#58;', ':');
    expect(receipt).toContain('上午 12:45');
    expect(receipt).toContain('今日还差下午日查');
    const [s] = await w.db.select().from(submissions).where(eq(submissions.formId, 'day_patrol'));
    expect(s!.values).toMatchObject({ time: '12:45', half: 'am' });
  });
});
