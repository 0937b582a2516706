// steward scores: JSON with every entry behind the totals, CSV and xlsx files, any period; waivers and red lines from the CLI.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { deductions, ledger, outbox } from '../../src/db/schema/index.ts';
import { useCliDatabase } from '../helpers/cli.ts';
import { EXAMPLE_ORG_PATH } from '../helpers/org.ts';
import { DRIVERS } from '../helpers/test-db.ts';

describe.each(DRIVERS)('steward scores on %s', (driver) => {
  const cli = useCliDatabase(driver);

  it('prints the month as JSON, writes CSV and xlsx, sums a quarter, refuses a bad period; a waiver tells the person; only a red line is resolved as one', async () => {
    expect((await cli.run('org', 'import', EXAMPLE_ORG_PATH, '--day', '2026-11-01')).code).toBe(0);
    // book two entries and a red line straight into the database the CLI uses
    const database = await openDatabase(driver === 'postgres' ? { url: cli.databaseUrl! } : { dataDir: path.join(cli.dir, 'data') });
    const now = new Date('2026-11-30T10:00:00+08:00');
    const base = { personId: 'm1', centerCode: 'C001', sourceType: 'duty', createdAt: now };
    await database.db.insert(ledger).values([
      {
        ...base,
        key: 'a',
        ruleId: 'admin.weekly_plan_progress',
        yuan: 2,
        points: 0,
        day: '2026-11-12',
        reason: '2026-11-12 周四 12:00 月度计划当周进度迟交（2026-11-12 周四 13:00 补交）',
        sourceId: '1',
      },
      {
        ...base,
        key: 'b',
        ruleId: 'deduct.sleeping_on_duty',
        yuan: 0,
        points: 3,
        day: '2026-11-20',
        reason: '2026-11-20 品质检查：睡岗',
        sourceType: 'deduction',
        sourceId: '2',
      },
    ]);
    await database.db.insert(deductions).values({
      ruleId: 'redline.dismissal',
      centerCode: 'C001',
      personId: 'm1',
      points: 0,
      day: '2026-11-21',
      recordedBy: 'q1',
      recordedAt: now,
      nonce: 'r1',
      note: '第三方调查睡岗',
    });
    // an ordinary deduction (the sleeping guard's 3 points, booked as entry 2): no red line
    await database.db.insert(deductions).values({
      ruleId: 'deduct.sleeping_on_duty',
      centerCode: 'C001',
      personId: 'm1',
      points: 3,
      day: '2026-11-20',
      recordedBy: 'q1',
      recordedAt: now,
      nonce: 'r2',
    });
    await database.close();

    const json = JSON.parse((await cli.run('scores', '--period', '2026-11')).stdout);
    const m1 = json.people.find((p: { personId: string }) => p.personId === 'm1');
    expect([m1.yuan, m1.points]).toEqual([2, 3]);
    expect(m1.entries.map((e: { ruleId: string; reason: string }) => e.ruleId)).toEqual([
      'admin.weekly_plan_progress',
      'deduct.sleeping_on_duty',
    ]);
    expect(m1.redLines).toEqual(['2026-11-21 底线问题：第三方调查睡岗']);
    expect(json.people.find((p: { personId: string }) => p.personId === 'l1')).toMatchObject({ rollupPoints: 3, points: 3 });
    // a quarter, a half and a year are the sums of their months; a week holds what fell in it
    for (const p of ['2026-Q4', '2026-H2', '2026'])
      expect(
        JSON.parse((await cli.run('scores', '--period', p)).stdout).people.find((x: { personId: string }) => x.personId === 'm1').yuan,
      ).toBe(2);
    expect(
      JSON.parse((await cli.run('scores', '--period', '2026-W46')).stdout).people.find((x: { personId: string }) => x.personId === 'm1')
        .yuan,
    ).toBe(2);

    const csv = path.join(cli.dir, 'scores.csv');
    expect((await cli.run('scores', '--period', '2026-11', '--format', 'csv', '--out', csv)).code).toBe(0);
    expect(readFileSync(csv, 'utf8')).toContain('张伟');
    const xlsx = path.join(cli.dir, 'scores.xlsx');
    expect((await cli.run('scores', '--period', '2026-11', '--format', 'xlsx', '--out', xlsx)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['服务中心排名', '人员', '分管领导投诉', '明细']);

    const bad = await cli.run('scores', '--period', '2026-13');
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.stderr).toContain('not a period: "2026-13"');

    // waivers and red lines: a manager may not waive; the leader may, with a reason
    expect((await cli.run('ledger', 'waive', '1', '--by', 'm1', '--reason', '自己豁免')).stderr).toContain(
      'only its leader in charge or an admin',
    );
    expect((await cli.run('ledger', 'waive', '1', '--by', 'l1', '--reason', '已批准请假')).stdout).toContain(
      'entry 1 waived by l1: 已批准请假',
    );
    expect(
      JSON.parse((await cli.run('scores', '--period', '2026-11')).stdout).people.find((p: { personId: string }) => p.personId === 'm1')
        .yuan,
    ).toBe(0);
    // the person is told, once (the running service sends it)
    const told = await openDatabase(driver === 'postgres' ? { url: cli.databaseUrl! } : { dataDir: path.join(cli.dir, 'data') });
    expect((await told.db.select().from(outbox)).map((m) => [m.key, m.target])).toEqual([['waived:1', 'ou_m1']]);
    await told.close();
    expect((await cli.run('ledger', 'waive', '1', '--by', 'a1', '--reason', '再次豁免')).stderr).toContain('entry 1 is already waived');
    // an ordinary deduction is no red line: refused, pointing at its ledger entry
    const notRed = await cli.run('redline', 'resolve', '2', '--by', 'a1', '--note', '已整改');
    expect(notRed.code).toBe(1);
    expect(notRed.stderr).toContain(
      'deduction 2 is not a red line (deduct.sleeping_on_duty, 3 points): waive its ledger entry instead (steward ledger waive 2)',
    );
    expect((await cli.run('redline', 'resolve', '1', '--by', 'a1', '--note', '已免职并整改')).code).toBe(0);
    expect(
      JSON.parse((await cli.run('scores', '--period', '2026-11')).stdout).people.find((p: { personId: string }) => p.personId === 'm1')
        .redLines,
    ).toEqual([]);
  });
});
