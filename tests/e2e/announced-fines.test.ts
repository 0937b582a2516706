// November 2026 with nothing filed: every fine is booked at its deadline, so each announcement has all of its period's fines.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { centerRoles, ledger, people } from '../../src/db/schema/index.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { addDays } from '../../src/lib/shanghai.ts';
import { waiveEntry } from '../../src/features/scores/waive.ts';
import { useLarkWorld } from '../helpers/lark-world.ts';
import { DRIVERS } from '../helpers/test-db.ts';

describe.each(DRIVERS)('announced fines on %s', (driver) => {
  const clock = new FixedClock('2026-11-01T09:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01' });

  it('a November with nothing filed reads 6, 4, 4 and 6 yuan in its weekly announcements and 20 in the month’s', async () => {
    // 张伟 has run the center since October: the self-review of October, due Monday 11-02, is his
    await w.db.update(people).set({ since: '2026-10-01' }).where(eq(people.id, 'm1'));
    await w.db.update(centerRoles).set({ validFrom: '2026-10-01' }).where(eq(centerRoles.personId, 'm1'));
    w.standin.addChat({ chatId: 'oc_announce', name: '考核公示群', members: ['ou_a1'] });
    // a pass every morning at 09:00, the hour of the announcements: deadlines passed since the last pass are fined first
    for (let day = '2026-11-01'; day <= '2026-12-01'; day = addDays(day, 1)) {
      clock.set(`${day}T09:00:00+08:00`);
      await w.tick();
    }
    const cards = w.standin
      .messages({ chatId: 'oc_announce' })
      .filter((m) => m.msgType === 'interactive')
      .map((m) => ({ title: m.content.header.title.content as string, body: JSON.stringify(m.content) }));
    const line = (title: string) => {
      const card = cards.find((c) => c.title === title);
      expect(card, title).toBeDefined();
      return /阳光花园物业服务中心\*\*（张伟）([\d.]+) 元/.exec(card!.body)?.[1];
    };
    // week 45: the self-review of October (due Mon 11-02) and Thursday's two reports; week 48: Thursday's two and the plan
    // (the 28th is a Saturday: due Friday 11-27)
    expect(['45', '46', '47', '48'].map((w) => line(`2026年第${w}周 考核公示`))).toEqual(['6', '4', '4', '6']);
    // 8 Thursday reports + next month's plan + the self-review, 2 yuan each
    expect(line('2026年11月 考核公示')).toBe('20');

    // one entry per missed duty, each saying 未交, booked on the day of its deadline
    const entries = (await w.db.select().from(ledger)).filter((e) => e.day >= '2026-11-01' && e.day <= '2026-11-30');
    expect(entries).toHaveLength(10);
    expect(entries.every((e) => e.reason.endsWith('未交') && Number(e.yuan) === 2)).toBe(true);
    const plan = entries.find((e) => e.ruleId === 'admin.monthly_plan')!;
    expect([plan.day, plan.createdAt.toISOString()]).toEqual(['2026-11-27', '2026-11-28T01:00:00.000Z']);
  });

  it('a waiver after the announcements tells the person the corrected totals, and the next week’s and month’s announcements list them', async () => {
    await w.db.update(people).set({ since: '2026-10-01' }).where(eq(people.id, 'm1'));
    await w.db.update(centerRoles).set({ validFrom: '2026-10-01' }).where(eq(centerRoles.personId, 'm1'));
    w.standin.addChat({ chatId: 'oc_announce', name: '考核公示群', members: ['ou_a1'] });
    for (const at of ['2026-11-23T09:00', '2026-11-30T09:00', '2026-12-01T09:00']) {
      clock.set(`${at}:00+08:00`);
      await w.tick();
    }
    // the leader waives the plan progress of Thursday 11-26: week 48 (announced 11-30) and November (12-01) change
    clock.set('2026-12-02T10:00:00+08:00');
    const [entry] = (await w.db.select().from(ledger)).filter((e) => e.day === '2026-11-26' && e.ruleId === 'admin.weekly_plan_progress');
    await waiveEntry(w.db, w.service.ctx.rules.book, entry!.id, 'l1', '系统故障，无法提交', clock.now());
    await w.flush();
    const notice = w.lastTo('ou_m1');
    expect(notice.content.header.title.content).toBe('罚款/扣分已豁免');
    expect(JSON.stringify(notice.content)).toContain('已公示的合计更正为：2026年第48周 4 元 · 0 分；2026年11月 18 元 · 0 分');

    const announced = (title: string) =>
      JSON.stringify(w.standin.messages({ chatId: 'oc_announce' }).find((m) => m.content?.header?.title?.content === title)!.content);
    clock.set('2026-12-07T09:00:00+08:00');
    await w.tick();
    expect(announced('2026年第49周 考核公示')).toContain(
      '2026年第48周 张伟：更正为 4 元 · 0 分（已免除：2026&#45;11&#45;26 周四 12&#58;00 月度计划当周进度未交）',
    );
    expect(announced('2026年第49周 考核公示')).not.toContain('系统故障');
    clock.set('2027-01-01T09:00:00+08:00');
    await w.tick();
    expect(announced('2026年12月 考核公示')).toContain('2026年11月 张伟：更正为 18 元 · 0 分');
    // a correction is announced once: the week after says nothing of week 48
    clock.set('2026-12-14T09:00:00+08:00');
    await w.tick();
    expect(announced('2026年第50周 考核公示')).not.toContain('更正');
  });
});
