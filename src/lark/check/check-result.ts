// What one step of `steward lark check` found: passed, failed (with Lark's code and msg and what to change), or skipped.
import { larkMessage } from '../../cli/describe-error.ts';
import type { LarkApiError } from '../lark-error.ts';

export type StepName = 'settings' | 'token' | 'bot' | 'directory' | 'send';
/** `warning`: works, but something should still be changed; it does not fail the check. */
type StepStatus = 'ok' | 'warning' | 'failed' | 'skipped';

export interface LarkAnswer {
  code: number;
  msg: string;
  httpStatus?: number;
}

export interface StepResult {
  step: StepName;
  status: StepStatus;
  /** one line: what worked, or what failed */
  summary: string;
  /** what Lark answered, when a call failed */
  lark?: LarkAnswer;
  /** what to change, when it failed */
  fix?: string;
  /** further lines (people not found, …) */
  details?: string[];
  /** the step's findings, for --json */
  data?: Record<string, unknown>;
}

export const larkAnswer = (e: LarkApiError): LarkAnswer => ({
  code: e.code,
  msg: larkMessage(e),
  ...(e.httpStatus ? { httpStatus: e.httpStatus } : {}),
});

export const skipped = (step: StepName, why: string): StepResult => ({ step, status: 'skipped', summary: why });
