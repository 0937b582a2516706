// After a record is filed: the clocks it starts (a forum → its problem list; a patrol problem → its milestone; a staff
// opinion → its reply) and the clocks it stops (the problem list, the emergency record, the ad-hoc task filed in time or late).
import type { Db } from '../../db/client.ts';
import { bookLedger, closeFollowUp, openFollowUpsAt, startFollowUp } from '../../db/queries/followups.ts';
import type { Submission } from '../../db/schema/index.ts';
import { dayText } from '../../lark/cards/format.ts';
import { shanghaiDay, shanghaiInstant } from '../../lib/shanghai.ts';
import type { FollowUp, Rule } from '../../rules/rulebook/schema.ts';
import { answererOn } from '../../scheduler/recipients.ts';
import { postsOfCenters } from '../records/authority.ts';
import type { RecordContext } from '../records/record-form.ts';

const HOUR = 3600_000;
/** "2026-11-27 09:30" (a datetime field) → the instant in Shanghai */
const instantOf = (v: unknown): Date | null => {
  const m = typeof v === 'string' ? /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$/.exec(v) : null;
  return m ? shanghaiInstant(m[1]!, m[2]!) : null;
};
const clip = (v: unknown, n = 20) => (typeof v === 'string' ? (v.length > n ? `${v.slice(0, n)}…` : v) : '');

export async function afterFiling(tx: Db, formId: string, s: Submission, rc: RecordContext, rules: Rule[], now: Date): Promise<string[]> {
  const rule = (id: string) => rules.find((r): r is FollowUp => r.id === id && r.kind === 'follow_up');
  const notes: string[] = [];
  switch (formId) {
    case 'adhoc_task': {
      const r = rule('admin.adhoc_task_filing');
      const handed = instantOf(s.values.at);
      if (!r || !handed) break;
      const due = new Date(handed.getTime() + (r.within_hours ?? 24) * HOUR);
      const clock = await startFollowUp(tx, {
        key: `${r.id}|record:${s.id}`,
        ruleId: r.id,
        centerCode: rc.center.code,
        personId: s.personId,
        subject: clip(s.values.task),
        startedAt: handed,
        dueAt: due,
        sourceSubmissionId: s.id,
      });
      const closed = clock && (await closeFollowUp(tx, clock.id, now, s.id));
      if (closed?.status === 'late') {
        const fine = r.penalty.late ?? { yuan: 0, points: 0 };
        await bookLedger(tx, {
          key: `${r.id}|followup:${closed.id}|late`,
          ruleId: r.id,
          personId: s.personId,
          centerCode: rc.center.code,
          yuan: fine.yuan,
          points: fine.points,
          day: shanghaiDay(now),
          reason: `${dayText(shanghaiDay(handed))} 交办的临时任务「${clip(s.values.task, 12)}」超过${r.within_hours ?? 24}小时才备案`,
          sourceType: 'followup',
          sourceId: String(closed.id),
          createdAt: now,
        });
        notes.push(`交办后超过 ${r.within_hours ?? 24} 小时备案，按规定罚款 ${fine.yuan} 元`);
      }
      break;
    }
    case 'owner_forum': {
      const r = rule('customer.forum_followup');
      if (!r) break;
      await startFollowUp(tx, {
        key: `${r.id}|record:${s.id}`,
        ruleId: r.id,
        centerCode: rc.center.code,
        personId: s.personId,
        subject: `${s.values.date} 恳谈会问题清单`,
        startedAt: now,
        dueAt: new Date(now.getTime() + (r.within_hours ?? 24) * HOUR),
        sourceSubmissionId: s.id,
      });
      notes.push(`请在 ${r.within_hours ?? 24} 小时内提交「恳谈会问题清单」，发送给品质管理中心`);
      break;
    }
    case 'forum_problems':
    case 'emergency': {
      const id = formId === 'forum_problems' ? 'customer.forum_followup' : 'quality.emergency';
      // the oldest clock of this center its filer answers for: theirs, or one a predecessor left (a handover)
      const posts = await postsOfCenters(tx, [rc.center.code]);
      const open = (await openFollowUpsAt(tx, rc.center.code, id)).find(
        (f) => answererOn(posts, { kind: 'clock', centerCode: f.centerCode, ownerId: f.personId }, shanghaiDay(now)) === s.personId,
      );
      const closed = open && (await closeFollowUp(tx, open.id, now, s.id));
      if (closed?.status === 'late') notes.push('已超过规定时间，已记录为逾期');
      break;
    }
    case 'day_patrol': {
      const r = rule('quality.patrol_issue');
      if (!r || !s.values.problems || typeof s.values.milestone !== 'string') break;
      await startFollowUp(tx, {
        key: `${r.id}|record:${s.id}`,
        ruleId: r.id,
        centerCode: rc.center.code,
        personId: s.personId,
        subject: clip(s.values.problems, 30),
        startedAt: now,
        dueAt: shanghaiInstant(s.values.milestone, '23:59'),
        sourceSubmissionId: s.id,
      });
      notes.push(`整改节点 ${s.values.milestone}，到期前每天早上提醒，直至确认整改完成`);
      break;
    }
    case 'staff_opinion': {
      const r = rule('hr.staff_opinion');
      if (!r || typeof s.values.deadline !== 'string') break;
      await startFollowUp(tx, {
        key: `${r.id}|record:${s.id}`,
        ruleId: r.id,
        centerCode: rc.center.code,
        personId: s.personId,
        subject: `${s.values.staff}：${clip(s.values.opinion, 20)}`,
        startedAt: now,
        dueAt: shanghaiInstant(s.values.deadline, '18:00'),
        sourceSubmissionId: s.id,
      });
      notes.push(`请在 ${s.values.deadline} 18:00 前答复，答复后点「已答复」`);
      break;
    }
  }
  return notes;
}
