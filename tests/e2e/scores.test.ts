// A month of duties and filings for two centers and one leader, some late, some missing, with quality deductions:
// every yuan and point against a hand-computed table; the announcement in the group, and its Excel file read back.
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { duties, ledger, people, type Duty } from '../../src/db/schema/index.ts';
import { getPersonById } from '../../src/db/queries/org.ts';
import { recordDeduction } from '../../src/features/quality/deduction.ts';
import { scheduleJointInspection } from '../../src/features/quality/joint-inspection.ts';
import { fileRecord } from '../../src/features/records/file-record.ts';
import { formForRule } from '../../src/features/records/form-registry.ts';
import { loadRecordContext } from '../../src/features/records/record-context.ts';
import { computeScores, rollupPoints } from '../../src/features/scores/compute-scores.ts';
import { waiveEntry } from '../../src/features/scores/waive.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import type { Rule } from '../../src/rules/rulebook/schema.ts';
import { runTick } from '../../src/scheduler/tick.ts';
import { exampleOrgWithSecondCenter, importExampleOrg } from '../helpers/org.ts';
import { useLarkWorld } from '../helpers/lark-world.ts';
import { testRules } from '../helpers/rules.ts';
import { DRIVERS } from '../helpers/test-db.ts';
import { insertDuties, selectDuties } from '../../src/db/queries/duties.ts';
import { loadDutyOrg } from '../../src/rules/duties/duty-org.ts';
import { generateDuties } from '../../src/rules/duties/generate-duties.ts';

const rules = testRules();
const HOUR = 3600_000;

describe('the leader roll-up', () => {
  it('is 3 points for every 5 of the managers, a remainder under 5 counting as 5: 0 → 0, 4 → 3, 5 → 3, 6 → 6, 11 → 9', () => {
    expect([0, 4, 5, 6, 11, 15].map((p) => rollupPoints(p))).toEqual([0, 3, 3, 6, 9, 9]);
  });
});

describe.each(DRIVERS)('a month of scores on %s', (driver) => {
  const clock = new FixedClock('2026-11-01T06:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01' });

  it('books every yuan and point as the rules say, rolls the points up to the leader, and announces the month once', async () => {
    // two centers under one leader
    const org = exampleOrgWithSecondCenter('l1');
    await importExampleOrg(w.db, '2026-11-01', org);
    await w.db.update(people).set({ openId: 'ou_l1' }).where(eq(people.id, 'l1'));
    for (const u of [
      { openId: 'ou_m2', name: '陈静' },
      { openId: 'ou_l1', name: '李强' },
    ])
      w.standin.addUser(u);
    w.standin.addChat({ chatId: 'oc_announce', name: '考核公示群', members: ['ou_a1', 'ou_l1'] });
    const tick = async () => {
      await runTick({ db: w.db, rules, log: silentLogger }, clock.now());
      await w.flush();
    };
    await tick();
    // the scheduler stores two weeks ahead: the rest of November as it will be stored when its days come
    await insertDuties(w.db, generateDuties(rules.book, await loadDutyOrg(w.db), rules.calendar, '2026-11-01', '2026-11-30'), clock.now());

    // filings: every fined deadline of November filed on time, except:
    //   m1: the plan progress of Thursday 11-12 filed an hour late (2 yuan); the company progress of 11-19 never filed (2 yuan)
    //   m2: next month's plan filed an hour late (2 yuan, then waived by the leader: approved leave)
    const fined = ['admin.weekly_plan_progress', 'admin.weekly_company_progress', 'admin.monthly_plan'];
    const list = (await selectDuties(w.db)).filter((d) => fined.includes(d.ruleId) && d.dueDay >= '2026-11-01' && d.dueDay <= '2026-11-30');
    expect(list).toHaveLength(18);
    const lateOnes = new Set(['admin.weekly_plan_progress|m1|C001|2026-W46', 'admin.monthly_plan|m2|C002|2026-11']);
    const missing = 'admin.weekly_company_progress|m1|C001|2026-W47';
    const file = async (d: Duty, at: Date) => {
      clock.set(at);
      const form = formForRule(d.ruleId)!;
      const rc = (await loadRecordContext(w.db, d.personId, d.centerCode, at.toISOString().slice(0, 10), d.periodKey))!;
      const owner = (await getPersonById(w.db, d.personId))!;
      const [fresh] = await selectDuties(w.db).where(eq(duties.id, d.id));
      await w.db.transaction((tx) =>
        fileRecord(tx, {
          form,
          rc,
          owner,
          actor: owner,
          duty: fresh!,
          values: { text: '按计划推进' },
          nonce: `n-${d.id}`,
          messageId: null,
          now: at,
          rules: [d.terms as Rule],
          book: rules.book,
        }),
      );
    };
    for (const d of list.sort((a, b) => +a.dueAt - +b.dueAt)) {
      if (d.key === missing) continue;
      await file(d, new Date(d.dueAt.getTime() + (lateOnes.has(d.key) ? HOUR : -HOUR)));
    }
    // a daily report filed late: recorded, but the rulebook sets no fine for it
    const [daily] = await selectDuties(w.db).where(and(eq(duties.key, 'admin.daily_report|m1|C001|2026-11-10')));
    await file(daily!, new Date(daily!.dueAt.getTime() + 2 * HOUR));

    // the quality center: a joint inspection at C002 on 11-18 that m2 never attends (3 points), repeated problems
    const q1 = (await getPersonById(w.db, 'q1'))!;
    const act = (now: Date, value: Record<string, unknown>, formValue: Record<string, unknown>) => ({
      eventId: `e-${Math.random()}`,
      messageId: 'om_test',
      person: q1,
      value: value as { a: string },
      formValue,
      now,
    });
    await w.db.transaction((tx) =>
      scheduleJointInspection(
        tx,
        w.service.ctx,
        act(new Date('2026-11-16T10:00:00+08:00'), { a: 'quality.joint', n: 'j1' }, { centers: ['C002'], day: '2026-11-18 +0800' }),
      ),
    );
    const deduct = (n: string, center: string, item: string, count: number, day: string) =>
      w.db.transaction((tx) =>
        recordDeduction(
          tx,
          w.service.ctx,
          act(
            new Date(`${day}T15:00:00+08:00`),
            { a: 'quality.deduct', n },
            { center, item, count: String(count), day: `${day} +0800`, note: '' },
          ),
        ),
      );
    await deduct('d1', 'C001', 'deduct.repeat_issue', 2, '2026-11-09'); // m1: 2 × 2 = 4 points
    await deduct('d2', 'C002', 'deduct.repeat_issue', 2, '2026-11-20'); // m2: 2 × 2 = 4 points

    // the month ends: passes on the 19th (the joint inspection missed) and on the 1st (the company progress missing)
    clock.set('2026-11-19T19:00:00+08:00');
    await tick();
    clock.set('2026-12-01T00:05:00+08:00');
    await tick();
    const waivable = (await w.db.select().from(ledger)).find((e) => e.ruleId === 'admin.monthly_plan' && e.personId === 'm2')!;
    await waiveEntry(w.db, rules.book, waivable.id, 'l1', '已批准请假', clock.now());

    const table = await computeScores(w.db, rules.book, '2026-11', clock.now());
    const person = (id: string) => table.people.find((p) => p.personId === id)!;
    // hand-computed:                 yuan  points
    //   m1  plan progress 11-12 late  2
    //       company progress 11-19    2
    //       repeated problems ×2            4
    //   m2  next month's plan late    2 (waived → 0)
    //       joint inspection absent         3
    //       repeated problems ×2            4
    //   l1  roll-up of 4 + 7 = 11 → ceil(11/5) × 3 = 9 points
    expect([person('m1').yuan, person('m1').points]).toEqual([4, 4]);
    expect([person('m2').yuan, person('m2').points]).toEqual([0, 7]);
    expect([person('l1').yuan, person('l1').points, person('l1').rollupPoints]).toEqual([0, 9, 9]);
    expect(person('m1').entries.map((e) => [e.ruleId, e.yuan, e.points])).toEqual([
      ['deduct.repeat_issue', 0, 4],
      ['admin.weekly_plan_progress', 2, 0],
      ['admin.weekly_company_progress', 2, 0],
    ]);
    expect(person('m1').entries[1]!.reason).toBe('2026-11-12 周四 12:00 月度计划当周进度迟交（2026-11-12 周四 13:00 补交）');
    expect(person('m1').entries[2]!.reason).toBe('2026-11-19 周四 16:30 公司计划进度未交');
    expect(person('m2').entries.find((e) => e.ruleId === 'admin.monthly_plan')).toMatchObject({
      yuan: 2,
      waived: true,
      waiveReason: '已批准请假',
    });
    expect(person('m2').entries.find((e) => e.ruleId === 'deduct.missed_joint_inspection')).toMatchObject({
      points: 3,
      reason: '2026-11-18 品质联合检查缺席',
    });
    // on time: m1 owed 21 daily reports + 8 weekly + 1 plan (and others without fines); the late daily report is not on time
    expect(person('m1').deadlinesOwed).toBeGreaterThan(person('m1').deadlinesOnTime);
    expect(table.centers.map((c) => [c.rank, c.centerCode, c.yuan, c.points])).toEqual([
      [1, 'C001', 4, 4],
      [2, 'C002', 0, 7],
    ]);
    // a quarter is the sum of its months (October and December have nothing yet)
    const q4 = await computeScores(w.db, rules.book, '2026-Q4', clock.now());
    expect(q4.people.map((p) => [p.personId, p.yuan, p.points]).sort()).toEqual(
      table.people.map((p) => [p.personId, p.yuan, p.points]).sort(),
    );

    // the announcement on the 1st at 09:00: a card and the Excel file in the group, once
    clock.set('2026-12-01T09:00:00+08:00');
    await tick();
    await tick();
    const inGroup = w.standin.messages({ chatId: 'oc_announce' }).filter((m) => m.msgType === 'interactive' || m.msgType === 'file');
    const cards = inGroup.filter((m) => m.msgType === 'interactive');
    expect(cards.map((m) => m.content.header.title.content)).toEqual(['2026年11月 考核公示']); // 2026-12-01 is a Tuesday: no weekly one
    const monthCard = JSON.stringify(cards[0]!.content);
    expect(monthCard).toContain('1. **阳光花园物业服务中心**（张伟）4 元 · 4 分');
    expect(monthCard).toContain('李强：9 分');
    expect(monthCard).toContain('"tag":"chart"');
    expect(Buffer.byteLength(monthCard)).toBeLessThan(30 * 1024);
    const files = inGroup.filter((m) => m.msgType === 'file');
    expect(files).toHaveLength(1);
    const stored = w.standin.file(files[0]!.content.file_key)!;
    expect(stored.name).toBe('考核公示-2026-11.xlsx');
    expect(stored.type).toBe('stream'); // 上传文件 lists xls for XLS only
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(stored.bytes as never);
    const rows: unknown[][] = [];
    wb.getWorksheet('服务中心排名')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[1]!.slice(0, 6)).toEqual([1, '阳光花园物业服务中心', '张伟', '李强', 4, 4]);
    expect(rows[2]!.slice(0, 6)).toEqual([2, '翠湖苑物业服务中心', '陈静', '李强', 0, 7]);
  });
});
