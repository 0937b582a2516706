// 团队 for a leader (each manager's status today and this week) and 今日逾期 for the admin department.
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { listCenterRolesOn, listCenters, listPeople } from '../../db/queries/org.ts';
import { duties, type Person } from '../../db/schema/index.ts';
import { dayText } from '../../lark/cards/format.ts';
import type { Card } from '../../lark/cards/kit.ts';
import { lateTodayCard, teamCard } from '../../lark/cards/record-cards.ts';
import { noticeCard } from '../../lark/cards/kit.ts';
import { periodOf } from '../../lib/periods.ts';
import { shanghaiDay } from '../../lib/shanghai.ts';
import type { Rule } from '../../rules/rulebook/schema.ts';
import { isAdmin } from '../leave/leave-authority.ts';
import { selectDuties } from '../../db/queries/duties.ts';

const TEAM_TEXT = { notLeader: '「团队」用于分管领导查看所分管经理的情况。', notAdmin: '「今日逾期」由行政管理部查看。' };

const STATUS_WORDS: Record<string, string> = {
  done: '已交',
  late: '迟交',
  overdue: '逾期',
  open: '未交',
  missed: '缺交',
  suspended: '请假',
};

export async function teamFor(db: Db, leader: Person, now: Date): Promise<Card> {
  const today = shanghaiDay(now);
  const roles = await listCenterRolesOn(db, today);
  const mine = roles.filter((r) => r.role === 'leader' && r.personId === leader.id).map((r) => r.centerCode);
  if (mine.length === 0 && !leader.roles.includes('leader')) return noticeCard(TEAM_TEXT.notLeader);
  const names = new Map((await listPeople(db)).map((p) => [p.id, p.name]));
  const centerNames = new Map((await listCenters(db)).map((c) => [c.code, c.name]));
  const week = periodOf('week', today);
  const rows = [];
  for (const m of roles.filter((r) => r.role === 'manager' && mine.includes(r.centerCode))) {
    const list = await selectDuties(db).where(
      and(
        eq(duties.personId, m.personId),
        eq(duties.centerCode, m.centerCode),
        gte(duties.dueDay, week.start),
        lte(duties.dueDay, week.end),
      ),
    );
    const deadlines = list.filter((d) => d.kind !== 'quota');
    const todays = deadlines
      .filter((d) => d.dueDay === today)
      .map((d) => `${(d.terms as Rule).title}${STATUS_WORDS[d.status] ?? d.status}`);
    const count = (s: string[]) => deadlines.filter((d) => s.includes(d.status)).length;
    rows.push({
      name: names.get(m.personId) ?? m.personId,
      center: centerNames.get(m.centerCode) ?? m.centerCode,
      today: todays.length ? todays.join('，') : '今天无截止事项',
      week: `已交 ${count(['done'])}，迟交 ${count(['late'])}，逾期 ${count(['overdue', 'missed'])}，待交 ${count(['open'])}`,
    });
  }
  return teamCard({ leader: leader.name, rows });
}

export async function lateToday(db: Db, actor: Person, now: Date): Promise<Card> {
  if (!(await isAdmin(db, actor))) return noticeCard(TEAM_TEXT.notAdmin);
  const today = shanghaiDay(now);
  const late = await selectDuties(db).where(and(eq(duties.dueDay, today), inArray(duties.status, ['overdue', 'late'])));
  const names = new Map((await listPeople(db)).map((p) => [p.id, p.name]));
  const centerNames = new Map((await listCenters(db)).map((c) => [c.code, c.name]));
  const byPerson = new Map<string, { name: string; center: string; items: string[] }>();
  for (const d of late) {
    const row = byPerson.get(d.personId) ?? {
      name: names.get(d.personId) ?? d.personId,
      center: centerNames.get(d.centerCode) ?? d.centerCode,
      items: [],
    };
    row.items.push(`${(d.terms as Rule).title}${d.status === 'late' ? '（已迟交）' : ''}`);
    byPerson.set(d.personId, row);
  }
  return lateTodayCard({ day: dayText(today), rows: [...byPerson.values()] });
}
