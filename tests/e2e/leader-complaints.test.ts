// Complaint figures per leader: closure rate and satisfaction over the centers a leader led, in the scores JSON, 团队 and
// the announcement's leaders' part; complaints outside the property's remit counted apart.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { complaints, complaintSteps, people } from '../../src/db/schema/index.ts';
import { computeScores } from '../../src/features/scores/compute-scores.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { useLarkWorld } from '../helpers/lark-world.ts';
import { exampleOrgWithSecondCenter, importExampleOrg } from '../helpers/org.ts';
import { DRIVERS } from '../helpers/test-db.ts';

const unescaped = (s: string) => s.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));

describe.each(DRIVERS)('complaint figures per leader on %s', (driver) => {
  const clock = new FixedClock('2026-12-01T08:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01' });

  it("sums a leader's centers: 3 of 5 closed (60 %, below 70 %), 3 of 4 call-backs satisfied; one outside the remit apart — in the JSON, 团队 and the announcement", async () => {
    await importExampleOrg(w.db, '2026-11-01', exampleOrgWithSecondCenter('l1'));
    await w.db.update(people).set({ openId: 'ou_l1' }).where(eq(people.id, 'l1'));
    w.standin.addUser({ openId: 'ou_l1', name: '李强' });
    w.standin.addChat({ chatId: 'oc_announce', name: '考核公示群', members: ['ou_a1', 'ou_l1'] });
    const at = (d: string) => new Date(`${d}+08:00`);
    const add = async (center: string, n: string, o: { closed?: string; callbacks?: ('yes' | 'no')[]; inRemit?: boolean }) => {
      const [c] = await w.db
        .insert(complaints)
        .values({
          centerCode: center,
          managerId: center === 'C001' ? 'm1' : 'm2',
          owner: '业主',
          household: '1-1',
          channel: 'phone',
          what: '问题',
          category: 'repair',
          inRemit: o.inRemit ?? true,
          major: false,
          status: o.closed ? 'closed' : 'planned',
          receivedAt: at('2026-11-10T10:00:00'),
          closedAt: o.closed ? at(o.closed) : null,
          registeredBy: 'm1',
          nonce: n,
        })
        .returning();
      for (const [i, s] of (o.callbacks ?? []).entries())
        await w.db.insert(complaintSteps).values({
          complaintId: c!.id,
          step: 'callback',
          by: 'm1',
          at: at('2026-11-20T10:00:00'),
          values: { satisfied: s },
          nonce: `${n}:${i}`,
        });
    };
    // C001: 3 received, 2 closed (call-backs yes, yes); C002: 2 received, 1 closed (call-backs no, yes), 1 outside the remit
    await add('C001', 'a', { closed: '2026-11-20T10:00:00', callbacks: ['yes'] });
    await add('C001', 'b', { closed: '2026-11-21T10:00:00', callbacks: ['yes'] });
    await add('C001', 'c', {});
    await add('C002', 'd', { closed: '2026-11-22T10:00:00', callbacks: ['no', 'yes'] });
    await add('C002', 'e', {});
    await add('C002', 'f', { closed: '2026-11-11T10:00:00', inRemit: false });

    // the scores JSON
    const table = await computeScores(w.db, w.service.ctx.rules.book, '2026-11', clock.now());
    const l1 = table.people.find((p) => p.personId === 'l1')!;
    expect(l1.complaints).toEqual({
      centers: 2,
      received: 5,
      closed: 3,
      closureRate: 0.6,
      calledBack: 4,
      satisfied: 3,
      satisfaction: 0.75,
      outsideRemit: 1,
    });
    expect(table.people.find((p) => p.personId === 'm1')!.complaints).toBeUndefined();
    expect(table.centers.find((c) => c.centerCode === 'C002')).toMatchObject({
      complaintsReceived: 2,
      complaintsOutsideRemit: 1,
      closureRate: 0.5,
    });

    // 团队 上月 for the leader
    const team = await w.say('ou_l1', '团队 上月');
    expect(unescaped(JSON.stringify(team.content))).toContain(
      '**分管服务中心投诉**（2 个，按月统计）：处结率 60%⚠（3/5）· 处结满意度 75%⚠（3/4）\\n非物业职责 1 件，答复或转交后结案，不计入处结率',
    );

    // the announcement on the 1st at 09:00: the leaders' part carries the figures
    clock.set('2026-12-01T09:00:00+08:00');
    await w.tick();
    const card = w.standin.messages({ chatId: 'oc_announce' }).find((m) => m.msgType === 'interactive')!;
    expect(unescaped(JSON.stringify(card.content))).toMatch(/李强：\d+ 分 · 处结 60%⚠ · 满意 75%⚠ · 非物业职责 1 件另计/);
  });
});
