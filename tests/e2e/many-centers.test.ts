// A company of 1,000 centers over the stand-in: the cards that choose a center (投诉 for customer service, 扣分 and
// 联合检查 for the quality center) ask for a code or name instead of listing every center, stay within Feishu's limits,
// and resolve what was typed on the server — an error toast naming the field when it matches nothing or several.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { complaints, deductions, duties } from '../../src/db/schema/index.ts';
import { CARD_LIMITS, countElements, sentBodyBytes, validateCard } from '../../src/lark/cards/validate.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import type { OrgFile } from '../../src/org/org-file.ts';
import { exampleOrg, importExampleOrg } from '../helpers/org.ts';
import { useLarkWorld } from '../helpers/lark-world.ts';
import { DRIVERS } from '../helpers/test-db.ts';

const text = (content: unknown) => JSON.stringify(content);
const PLACES = ['翠湖', '阳光', '金色', '碧水', '锦绣', '华府', '春江', '御景', '滨江', '龙湖'];

/** The example org and 999 more centers, each with its own manager: C0001 翠湖1期物业服务中心 … */
function thousandCenters(): OrgFile {
  const org = exampleOrg();
  for (let i = 1; i < 1000; i++) {
    const code = `C${String(i).padStart(4, '0')}`;
    org.people.push({ id: `mgr${i}`, name: `经理${i}`, open_id: `ou_mgr${i}`, roles: ['manager'], leave: [] });
    org.centers.push({
      code,
      name: `${PLACES[i % 10]}${Math.ceil(i / 10)}期物业服务中心`,
      headcount: 20,
      households: 500,
      posts: ['大门岗'],
      manager: `mgr${i}`,
      supervisors: [],
      leader: 'l1',
    });
  }
  return org;
}

function expectAccepted(card: unknown) {
  expect(validateCard(card)).toEqual([]);
  expect(countElements(card)).toBeLessThanOrEqual(CARD_LIMITS.elements);
  expect(sentBodyBytes(card)).toBeLessThanOrEqual(CARD_LIMITS.bodyBytes);
}

describe.each(DRIVERS)('1,000 centers on %s', (driver) => {
  const clock = new FixedClock('2026-11-24T10:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01' });

  beforeEach(async () => {
    await importExampleOrg(w.db, '2026-11-01', thousandCenters());
  });

  it('customer service registers a complaint by typing the center: one input instead of a 1,000-option dropdown', async () => {
    const list = await w.say('ou_s1', '投诉');
    await w.standin.clickButton({ messageId: list.messageId, user: 'ou_s1', buttonName: 'new_complaint' });
    const card = w.standin.message(list.messageId)!.updates.at(-1);
    expectAccepted(card);
    expect(text(card)).not.toContain('select_static","name":"center"');
    expect(text(card)).toContain('"tag":"input","name":"center"');

    const complaint = {
      owner: '陈女士',
      household: '3-2-801',
      channel: 'phone',
      what: '楼上漏水',
      category: 'repair',
      in_remit: 'yes',
      severity: 'normal',
    };
    const submit = (center: string) => w.standin.submitForm({ messageId: list.messageId, user: 'ou_s1', values: { center, ...complaint } });
    expect((await submit('翠湖')).toast).toEqual({
      type: 'error',
      content: expect.stringMatching(/^服务中心：「翠湖」对应 99 个服务中心（.+等），请填写完整名称或编号$/),
    });
    expect((await submit('不存在的小区')).toast).toEqual({
      type: 'error',
      content: '服务中心：没有找到「不存在的小区」，请填写服务中心的编号或名称',
    });
    expect(await w.db.select().from(complaints)).toEqual([]);

    expect((await submit('翠湖 57期')).toast?.content).toBe('已登记'); // spaces do not matter; a unique part of the name is enough
    const [c] = await w.db.select().from(complaints);
    expect(c).toMatchObject({ centerCode: 'C0570', managerId: 'mgr570', registeredBy: 's1' });
    expectAccepted(w.standin.message(list.messageId)!.updates.at(-1));
    // the manager of that center is sent the complaint with its next step
    w.standin.addUser({ openId: 'ou_mgr570', name: '经理570' });
    await w.flush();
    const assigned = w.standin.messages({ chatId: w.standin.p2pChatId('ou_mgr570') });
    expect(assigned.map((m) => m.content.header.title.content)).toEqual(['投诉 #1 · 已受理，待制定方案']);
    expectAccepted(assigned[0]!.content);
  });

  it('the quality center records points and schedules a joint inspection by code or name, in cards Feishu accepts', async () => {
    const deduct = await w.say('ou_q1', '扣分');
    expectAccepted(deduct.content);
    expect(text(deduct.content)).toContain('"tag":"input","name":"center"');
    const bad = await w.standin.submitForm({
      messageId: deduct.messageId,
      user: 'ou_q1',
      values: { center: '阳光', item: 'deduct.repeat_issue', count: '1', day: '2026-11-24 +0800' },
    });
    expect(bad.toast?.type).toBe('error');
    expect(bad.toast?.content).toMatch(/^服务中心：「阳光」对应 \d+ 个服务中心/);
    const done = await w.standin.submitForm({
      messageId: deduct.messageId,
      user: 'ou_q1',
      values: { center: 'c0123', item: 'deduct.repeat_issue', count: '1', day: '2026-11-24 +0800' },
    });
    expect(done.toast?.content).toBe('已记录');
    expect(await w.db.select().from(deductions)).toEqual([expect.objectContaining({ centerCode: 'C0123', personId: 'mgr123' })]);

    const schedule = await w.say('ou_q1', '联合检查');
    expectAccepted(schedule.content);
    const missing = await w.standin.submitForm({
      messageId: schedule.messageId,
      user: 'ou_q1',
      values: { centers: 'C0005、无此中心', day: '2026-11-26 +0800' },
    });
    expect(missing.toast).toEqual({ type: 'error', content: '服务中心：没有找到「无此中心」，请填写服务中心的编号或名称' });
    const ok = await w.standin.submitForm({
      messageId: schedule.messageId,
      user: 'ou_q1',
      values: { centers: 'C0005，阳光花园物业服务中心', day: '2026-11-26 +0800' },
    });
    expect(ok.toast?.content).toBe('已安排');
    const joint = await w.db.select().from(duties).where(eq(duties.ruleId, 'quality.joint_inspection'));
    expect(joint.map((d) => d.centerCode).sort()).toEqual(['C0005', 'C001']);
  });
});
