// The scores workbook read back with exceljs (same numbers, rates as numbers with a % format) and the CSV export.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { PersonScore, ScoreTable } from '../../../src/features/scores/score-types.ts';
import { scoresCsv, scoresWorkbook } from '../../../src/features/scores/xlsx.ts';

const person = (p: Partial<PersonScore> & Pick<PersonScore, 'personId' | 'name' | 'role'>): PersonScore => ({
  centers: [],
  yuan: 0,
  points: 0,
  rollupPoints: 0,
  managersPoints: 0,
  onTimeRate: null,
  deadlinesOwed: 0,
  deadlinesOnTime: 0,
  deadlinesPending: 0,
  quotaRate: null,
  quotasClosed: 0,
  quotasReached: 0,
  redLines: [],
  entries: [],
  ...p,
});

const TABLE: ScoreTable = {
  period: '2026-11',
  periodText: '2026年11月',
  from: '2026-11-01',
  to: '2026-11-30',
  generatedAt: '2026-12-01T02:00:00.000Z',
  thresholds: { closureRate: 0.7, satisfaction: 0.8 },
  centers: [
    {
      centerCode: 'C001',
      name: '阳光花园物业服务中心',
      managerId: 'm1',
      manager: '张伟',
      leader: '李强',
      yuan: 1.5,
      points: 2,
      onTimeRate: 0.95,
      complaintsReceived: 4,
      closureRate: 0.75,
      satisfaction: 0.5,
      redLines: [],
      rank: 1,
    },
    {
      centerCode: 'C002',
      name: '翠湖苑物业服务中心',
      managerId: null,
      manager: '—',
      leader: '李强',
      yuan: 0,
      points: 5,
      onTimeRate: null,
      complaintsReceived: 0,
      closureRate: null,
      satisfaction: null,
      redLines: ['夜间值班睡岗', '消防通道堵塞'],
      rank: 2,
    },
  ],
  people: [
    person({
      personId: 'm1',
      name: '张伟',
      role: 'manager',
      centers: ['阳光花园物业服务中心'],
      yuan: 1.5,
      points: 2,
      onTimeRate: 0.95,
      deadlinesOwed: 20,
      deadlinesOnTime: 19,
      quotaRate: 0.5,
      quotasClosed: 2,
      quotasReached: 1,
      entries: [
        {
          id: 11,
          ruleId: 'admin.daily_report',
          centerCode: 'C001',
          day: '2026-11-03',
          yuan: 1,
          points: 0,
          reason: '日报逾期，"补交"于 17:05',
          waived: false,
          waiveReason: null,
        },
        {
          id: 12,
          ruleId: 'admin.adhoc_task',
          centerCode: 'C001',
          day: '2026-11-10',
          yuan: 0.5,
          points: 0,
          reason: '临时任务备案超过 24 小时',
          waived: false,
          waiveReason: null,
        },
        {
          id: 13,
          ruleId: 'quality.repeat_problem',
          centerCode: 'C001',
          day: '2026-11-12',
          yuan: 0,
          points: 2,
          reason: '=重复问题,二次检查',
          waived: false,
          waiveReason: null,
        },
        {
          id: 14,
          ruleId: 'admin.daily_report',
          centerCode: 'C001',
          day: '2026-11-20',
          yuan: 1,
          points: 0,
          reason: '日报逾期',
          waived: true,
          waiveReason: '系统故障\n已核实',
        },
      ],
    }),
    person({
      personId: 'l1',
      name: '李强',
      role: 'leader',
      centers: ['阳光花园物业服务中心', '翠湖苑物业服务中心'],
      points: 3,
      rollupPoints: 3,
      onTimeRate: 1,
    }),
  ],
};

async function readBack(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

/** A sheet's rows as arrays of cell values (row 1 = header). */
function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => out.push(Array.from({ length: ws.columnCount }, (_, i) => row.getCell(i + 1).value)));
  return out;
}

describe('the scores workbook', () => {
  it('has the three Chinese sheets, each with a bold frozen header row and widths that fit', async () => {
    const wb = await readBack(await scoresWorkbook(TABLE));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['服务中心排名', '人员', '明细']);
    for (const ws of wb.worksheets) {
      expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      for (let i = 1; i <= ws.columnCount; i++) expect(ws.getColumn(i).width).toBeGreaterThanOrEqual(8);
    }
    expect(wb.getWorksheet('服务中心排名')!.getColumn(2).width).toBeGreaterThanOrEqual(20); // 阳光花园物业服务中心 is 10 wide characters
  });

  it('the ranking sheet holds the same numbers, as numbers, and rates as fractions formatted as %', async () => {
    const ws = (await readBack(await scoresWorkbook(TABLE))).getWorksheet('服务中心排名')!;
    const rows = rowsOf(ws);
    expect(rows[0]).toEqual([
      '排名',
      '服务中心',
      '经理',
      '分管领导',
      '罚款（元）',
      '扣分',
      '按时率',
      '收到投诉',
      '投诉处结率',
      '处结满意度',
      '底线问题',
    ]);
    expect(rows[1]).toEqual([1, '阳光花园物业服务中心', '张伟', '李强', 1.5, 2, 0.95, 4, 0.75, 0.5, null]);
    expect(rows[2]).toEqual([2, '翠湖苑物业服务中心', '—', '李强', 0, 5, null, 0, null, null, '夜间值班睡岗；消防通道堵塞']);
    for (const col of [7, 9, 10]) {
      expect(typeof ws.getRow(2).getCell(col).value).toBe('number');
      expect(ws.getRow(2).getCell(col).numFmt).toContain('%');
    }
    expect(ws.getRow(2).getCell(10).font?.color?.argb).toBe('FFC00000'); // satisfaction 50 % < 80 %
    expect(ws.getRow(2).getCell(9).font?.color?.argb).not.toBe('FFC00000'); // closure 75 % ≥ 70 %
  });

  it("the people sheet has roles in Chinese, centers, totals, the leaders' roll-up and rates", async () => {
    const rows = rowsOf((await readBack(await scoresWorkbook(TABLE))).getWorksheet('人员')!);
    expect(rows).toEqual([
      ['姓名', '角色', '服务中心', '罚款（元）', '扣分', '连带扣分', '按时率', '指标完成率'],
      ['张伟', '物业服务中心经理', '阳光花园物业服务中心', 1.5, 2, null, 0.95, 0.5],
      ['李强', '分管领导', '阳光花园物业服务中心、翠湖苑物业服务中心', 0, 3, 3, 1, null],
    ]);
  });

  it('the detail sheet lists every entry with its day as a date and whether and why it was waived', async () => {
    const ws = (await readBack(await scoresWorkbook(TABLE))).getWorksheet('明细')!;
    const rows = rowsOf(ws);
    expect(rows[0]).toEqual(['编号', '人员', '规则', '日期', '罚款（元）', '扣分', '原因', '豁免', '豁免原因']);
    expect(rows).toHaveLength(5);
    expect(rows[1]).toEqual([
      11,
      '张伟',
      'admin.daily_report',
      new Date('2026-11-03T00:00:00Z'),
      1,
      0,
      '日报逾期，"补交"于 17:05',
      '否',
      null,
    ]);
    expect(rows[4]).toEqual([
      14,
      '张伟',
      'admin.daily_report',
      new Date('2026-11-20T00:00:00Z'),
      1,
      0,
      '日报逾期',
      '是',
      '系统故障\n已核实',
    ]);
    expect(ws.getRow(2).getCell(4).numFmt).toBe('yyyy-mm-dd');
    const total = rows.slice(1).reduce((sum, r) => sum + (r[7] === '否' ? (r[4] as number) : 0), 0);
    expect(total).toBe(TABLE.people[0]!.yuan); // the unwaived entries add up to the person's total
  });

  it('an empty period still gives three sheets with their headers', async () => {
    const wb = await readBack(await scoresWorkbook({ ...TABLE, centers: [], people: [] }));
    expect(wb.worksheets.map((w) => rowsOf(w).length)).toEqual([1, 1, 1]);
  });
});

describe('the scores CSV', () => {
  const csv = scoresCsv(TABLE);
  const lines = csv.slice(1).split('\r\n');

  it('starts with a UTF-8 BOM and uses CRLF line ends', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('holds the people with their header, then an empty line, then every entry with its header', () => {
    expect(lines[0]).toBe('姓名,角色,服务中心,罚款（元）,扣分,连带扣分,按时率,指标完成率');
    expect(lines[1]).toBe('张伟,物业服务中心经理,阳光花园物业服务中心,1.5,2,,95%,50%');
    expect(lines[2]).toBe('李强,分管领导,阳光花园物业服务中心、翠湖苑物业服务中心,0,3,3,100%,');
    expect(lines[3]).toBe('');
    expect(lines[4]).toBe('编号,人员,规则,日期,罚款（元）,扣分,原因,豁免,豁免原因');
    expect(lines[5]).toBe('11,张伟,admin.daily_report,2026-11-03,1,0,"日报逾期，""补交""于 17:05",否,');
  });

  it('quotes commas and line breaks, and defuses text Excel would run as a formula', () => {
    expect(lines[7]).toBe('13,张伟,quality.repeat_problem,2026-11-12,0,2,"\'=重复问题,二次检查",否,');
    expect(csv).toContain('14,张伟,admin.daily_report,2026-11-20,1,0,日报逾期,是,"系统故障\n已核实"');
  });
});
