// The card-action registry: the action id carried in a component's value (`a`) → its handler (one per feature), and its single-statement planner where it has one.
import {
  answerComplaint,
  callBackComplaint,
  fixComplaint,
  newComplaint,
  openComplaint,
  planComplaint,
  registerComplaint,
  sendComplaint,
  showComplaintList,
} from '../../features/complaints/complaint-actions.ts';
import { answerFollowUp, closeFollowUpAction, recordFollowUp, reportEmergency } from '../../features/followups/followup-actions.ts';
import { handTask } from '../../features/followups/hand-task.ts';
import { saveLeave } from '../../features/leave/leave-actions.ts';
import { confirmRedline, editDeduction, recordDeduction } from '../../features/quality/deduction.ts';
import { scheduleJointInspection } from '../../features/quality/joint-inspection.ts';
import { editRecord, openRecord, recordAgain, submitRecord } from '../../features/records/record-actions.ts';
import { showTodoWeek } from '../../features/records/todo.ts';
import { askResolve, askWaive, confirmResolve, confirmWaive } from '../../features/scores/ledger-actions.ts';
import { sendScore, showScore } from '../../features/scores/score-view.ts';
import { openSettings, planSaveSettings, saveSettings } from '../../features/settings/settings-actions.ts';
import { showTeam } from '../../features/team/team.ts';
import type { CardActionHandler, CardActionPlanner } from './types.ts';

const ACTIONS: Record<string, CardActionHandler> = {
  'settings.open': openSettings,
  'settings.save': saveSettings,
  'leave.save': saveLeave,
  'record.submit': submitRecord,
  'record.edit': editRecord,
  'record.again': recordAgain,
  'record.open': openRecord,
  'todo.week': showTodoWeek,
  'quality.joint': scheduleJointInspection,
  'quality.deduct': recordDeduction,
  'quality.deduct.edit': editDeduction,
  'quality.redline': confirmRedline,
  'score.view': showScore,
  'score.send': sendScore,
  'team.view': showTeam,
  'ledger.waive.ask': askWaive,
  'ledger.waive': confirmWaive,
  'redline.resolve.ask': askResolve,
  'redline.resolve': confirmResolve,
  'followup.close': closeFollowUpAction,
  'followup.answer': answerFollowUp,
  'emergency.report': reportEmergency,
  'followup.record': recordFollowUp,
  'task.hand': handTask,
  'complaint.new': newComplaint,
  'complaint.register': registerComplaint,
  'complaint.open': openComplaint,
  'complaint.send': sendComplaint,
  'complaint.plan': planComplaint,
  'complaint.fixed': fixComplaint,
  'complaint.callback': callBackComplaint,
  'complaint.answer': answerComplaint,
  'complaint.list': showComplaintList,
};

export const cardActionHandler = (action: string): CardActionHandler | undefined => ACTIONS[action];

/** Handlers whose answer needs no reads offer a plan: click, write and answer recorded in one statement. */
const PLANNERS: Record<string, CardActionPlanner> = {
  'settings.save': planSaveSettings,
};

export const cardActionPlanner = (action: string): CardActionPlanner | undefined => PLANNERS[action];
