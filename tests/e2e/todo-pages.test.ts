// 待办 at scale over the stand-in: a screenful of today's items, the rest behind 「查看本周」, paged with 「更多」 — every
import type { Json } from '../../src/sandbox/lark-standin/index.ts';
// card within Feishu's limits (200 elements counting each plain_text, 30 KB) whatever the number of duties.
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { duties, outbox, people } from '../../src/db/schema/index.ts';
import { TODO_SCREEN } from '../../src/lark/cards/record-cards.ts';
import { CARD_LIMITS, countElements, sentBodyBytes, validateCard } from '../../src/lark/cards/validate.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { shanghaiInstant } from '../../src/lib/shanghai.ts';
import { useLarkWorld } from '../helpers/lark-world.ts';
import { DRIVERS } from '../helpers/test-db.ts';

const title = (content: Json): string | undefined => content?.header?.title?.content;
const subtitle = (content: Json): string | undefined => content?.header?.subtitle?.content;
/** The buttons of a card: name, text and the value they call back with. */
const buttons = (content: Json): { name: string; text: string; value: Json }[] =>
  (content?.body?.elements ?? [])
    .filter((e: Json) => e.tag === 'button')
    .map((e: Json) => ({ name: e.name, text: e.text.content, value: e.behaviors[0].value }));

function expectAccepted(card: unknown) {
  expect(validateCard(card)).toEqual([]);
  expect(countElements(card)).toBeLessThanOrEqual(CARD_LIMITS.elements);
  expect(sentBodyBytes(card)).toBeLessThanOrEqual(CARD_LIMITS.bodyBytes);
}

describe.each(DRIVERS)('待办 pages on %s', (driver) => {
  // Tuesday 2026-11-24: the week runs to Sunday the 29th
  const clock = new FixedClock('2026-11-24T09:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01' });

  beforeEach(async () => {
    clock.set('2026-11-24T06:00:00+08:00');
    await w.db.update(people).set({ openId: 'ou_l1' }).where(eq(people.id, 'l1'));
    w.standin.addUser({ openId: 'ou_l1', name: '李强' });
    await w.tick(); // the month's duties
    await w.db.delete(outbox);
    clock.set('2026-11-24T09:00:00+08:00');
  });

  /** `n` more open duties for 张伟 (copies of a daily report), spread over the week; the first `overdue` of them overdue. */
  async function addDuties(n: number, overdue: number): Promise<number[]> {
    const [base] = await w.db
      .select()
      .from(duties)
      .where(and(eq(duties.personId, 'm1'), eq(duties.ruleId, 'admin.daily_report')));
    const days = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'];
    const rows = Array.from({ length: n }, (_, i) => {
      const day = i < overdue ? '2026-11-23' : days[1 + (i % 6)]!;
      const { id: _id, ...rest } = base!; // the key is computed by PostgreSQL from rule, person, period and center
      const { key: _key, ...columns } = rest;
      return {
        ...columns,
        periodKey: `${day}|load${i}`,
        periodStart: day,
        periodEnd: day,
        dueDay: day,
        dueAt: shanghaiInstant(day, '16:30'),
        closesAt: shanghaiInstant(day, '23:59'),
        status: i < overdue ? ('overdue' as const) : ('open' as const),
      };
    });
    return (await w.db.insert(duties).values(rows).returning({ id: duties.id })).map((r) => r.id);
  }

  it('200 open duties: 待办 shows a screenful of today, 查看本周 and 更多 page through every one once, each card accepted by Feishu', async () => {
    const added = await addDuties(200, 30);
    const todo = await w.say('ou_m1', '待办');
    expectAccepted(todo.content);
    expect(title(todo.content)).toBe('张伟 的待办');
    const first = buttons(todo.content);
    const fill = first.filter((b) => b.name.startsWith('today_'));
    expect(fill).toHaveLength(TODO_SCREEN); // a screenful, today's first (the 30 overdue ones lead)
    expect(fill.every((b) => b.text.startsWith('填报 '))).toBe(true);
    expect(first.filter((b) => b.name === 'todo_week')).toHaveLength(1);

    // 查看本周: the card becomes page 1 of the week; 更多 until the last page
    let res = await w.standin.clickButton({ messageId: todo.messageId, user: 'ou_m1', buttonName: 'todo_week' });
    expect(res.toast).toBeUndefined();
    const seen: number[] = [];
    const pages: string[] = [];
    for (;;) {
      const page = res.card as Json;
      expectAccepted(page);
      expect(title(page)).toBe('张伟 的本周待办');
      pages.push(subtitle(page)!);
      seen.push(
        ...buttons(page)
          .filter((b) => b.name.startsWith('week_'))
          .map((b) => b.value.d),
      );
      if (!buttons(page).some((b) => b.name === 'todo_more')) break;
      res = await w.standin.clickButton({ messageId: todo.messageId, user: 'ou_m1', buttonName: 'todo_more' });
    }
    expect(new Set(seen).size).toBe(seen.length); // no item twice
    expect(seen).toEqual(expect.arrayContaining(added)); // and none left out
    expect(pages[0]).toMatch(/^第 1\/(\d+) 页 · 共 \d+ 项$/);
    expect(pages.length).toBeGreaterThanOrEqual(20);
    expect(pages.at(-1)).toMatch(new RegExp(`^第 ${pages.length}/${pages.length} 页`));

    // 上一页 is a fresh answer (never the stored one of an earlier click), and a 填报 on a later page sends that form
    const back = await w.standin.clickButton({ messageId: todo.messageId, user: 'ou_m1', buttonName: 'todo_back' });
    expect(subtitle(back.card)).toMatch(new RegExp(`^第 ${pages.length - 1}/${pages.length} 页`));
    const sent = await w.standin.clickButton({ messageId: todo.messageId, user: 'ou_m1', buttonName: 'week_3' });
    expect(sent.toast).toEqual({ type: 'success', content: '表单已发送' });
    await w.flush();
    const form = w.lastTo('ou_m1');
    expect(JSON.stringify(form.content)).toContain('"tag":"form"');
    expectAccepted(form.content);
  });

  it('someone with nothing open is told so, in a card Feishu accepts', async () => {
    await w.db.update(duties).set({ status: 'done' }).where(eq(duties.personId, 'v1'));
    const todo = await w.say('ou_v1', '待办');
    expectAccepted(todo.content);
    expect(JSON.stringify(todo.content)).toContain('暂无待办');
    expect(buttons(todo.content)).toEqual([]);
  });
});
