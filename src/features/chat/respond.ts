// Answers a known person's message: the card for what they asked (a form, 待办, 团队, …), or the help card.
import type { AppContext } from '../../context.ts';
import type { Person } from '../../db/schema/index.ts';
import { helpCard } from '../../lark/cards/help-card.ts';
import { noticeCard, type Card } from '../../lark/cards/kit.ts';
import { LEDGER_TEXT } from '../../lark/cards/ledger-cards.ts';
import { settingsCard } from '../../lark/cards/settings-card.ts';
import { complaintByNumber, complaintsCardFor } from '../complaints/complaint-actions.ts';
import { scoreFor } from '../scores/score-view.ts';
import { emergencyCardFor } from '../followups/followup-actions.ts';
import { handTaskCardFor } from '../followups/hand-task.ts';
import { leaveCardFor } from '../leave/leave-actions.ts';
import { deductionCardFor } from '../quality/deduction.ts';
import { jointInspectionCardFor } from '../quality/joint-inspection.ts';
import { formForActor, weeklyPick } from '../records/chat-forms.ts';
import { todoFor } from '../records/todo.ts';
import { formByWords } from '../records/form-registry.ts';
import { getSettings } from '../settings/settings.ts';
import { lateToday, teamFor } from '../team/team.ts';
import { complaintNumberOf, intentOf, scoreRequestOf } from './intents.ts';

export async function respondToText(
  ctx: Pick<AppContext, 'db' | 'rules'>,
  person: Person,
  text: string,
  now: Date,
  opts: { group?: boolean } = {},
): Promise<Card> {
  const { db } = ctx;
  const form = formByWords(text);
  if (form) return formForActor(db, ctx.rules.book, person, form, now);
  const complaintId = complaintNumberOf(text);
  if (complaintId !== null) return complaintByNumber(db, person, complaintId, now);
  // 我的积分 and 团队, with a period (or whose) after them
  const asked = scoreRequestOf(text);
  // scores are personal: never answered into a group
  if (asked && opts.group) return noticeCard(LEDGER_TEXT.privateOnly);
  if (asked?.intent === 'score') return scoreFor(db, ctx.rules.book, person, asked.words, now);
  if (asked?.intent === 'team') return teamFor(db, ctx.rules.book, person, asked.words, now);
  switch (intentOf(text)) {
    case 'todo':
      return todoFor(db, ctx.rules.book, person, now);
    case 'weekly':
      return weeklyPick(db, person, ctx.rules.book, now);
    case 'late':
      return lateToday(db, person, now);
    case 'complaint':
      return complaintsCardFor(db, person, now);
    case 'emergency':
      return emergencyCardFor(db, person, now);
    case 'hand':
      return handTaskCardFor(db, ctx.rules.book, person, now);
    case 'joint':
      return jointInspectionCardFor(db, person, now);
    case 'deduct':
      return deductionCardFor(db, ctx.rules.book, person, now);
    case 'leave':
      return leaveCardFor(db, person, now);
    case 'settings':
      return settingsCard({ personId: person.id, ...(await getSettings(db, person.id)) });
    default:
      return helpCard(person.name);
  }
}
