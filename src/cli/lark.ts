// steward lark check: a dry run against the real tenant — token, bot, the org file's people, one test card — without the database.
import { parseArgs } from 'node:util';
import type { StepResult } from '../lark/check/check-result.ts';
import { runLarkCheck, type CheckReport } from '../lark/check/run-check.ts';
import { missingCredentials } from '../lark/check/settings-step.ts';
import { CliError, type CliIO, type Command } from './io.ts';

const USAGE = 'usage: steward lark check [--org FILE] [--to PERSON|EMAIL|OPEN_ID] [--no-send] [--json]';

export const larkCommand: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === 'check') return larkCheck(rest, io);
  throw new CliError(USAGE);
};

async function larkCheck(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      org: { type: 'string' },
      to: { type: 'string' },
      'no-send': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length) throw new CliError(USAGE);
  const missing = missingCredentials(io.env);
  if (missing) throw new CliError(missing);
  const report = await runLarkCheck({ env: io.env, clock: io.clock, orgFile: values.org, to: values.to, send: !values['no-send'] });
  io.out(values.json ? `${JSON.stringify(report, null, 2)}\n` : render(report));
  return report.ok ? 0 : 1;
}

const MARK: Record<StepResult['status'], string> = { ok: '✓', warning: '!', failed: '✗', skipped: '-' };
const WIDTH = Math.max(...['settings', 'token', 'bot', 'directory', 'send'].map((s) => s.length)) + 2;

function render(report: CheckReport): string {
  const lines = [`Lark check of app ${report.appId ?? '(not set)'} at ${report.domain ?? '(not set)'}`];
  for (const s of report.steps) {
    lines.push(`${MARK[s.status]} ${s.step.padEnd(WIDTH)}${s.summary}`);
    const indent = ' '.repeat(WIDTH + 2);
    for (const d of s.details ?? []) lines.push(`${indent}  ${d}`);
    if (s.fix) lines.push(`${indent}→ ${s.fix}`);
  }
  const failed = report.steps.filter((s) => s.status === 'failed').length;
  lines.push(failed ? `${failed} step${failed > 1 ? 's' : ''} failed` : 'every step passed');
  return `${lines.join('\n')}\n`;
}
