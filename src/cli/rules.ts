// steward rules list | rules check FILE: print the rulebook in force, and validate a company's rulebook file.
import { parseArgs } from 'node:util';
import { readConfig } from '../config.ts';
import { loadRulebook } from '../rules/rulebook/load-rulebook.ts';
import type { Rule } from '../rules/rulebook/schema.ts';
import { CliError, type CliIO, type Command } from './io.ts';

const USAGE = 'usage: steward rules list [--file FILE] [--json] | steward rules check FILE';

export const rulesCommand: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === 'list') return list(rest, io);
  if (sub === 'check') return check(rest, io);
  throw new CliError(USAGE);
};

/** One line of what a rule asks: its cadence or period, target, time. */
export function describeRule(r: Rule): string {
  switch (r.kind) {
    case 'deadline': {
      const c = r.cadence;
      const when =
        c.every === 'workday'
          ? 'every workday'
          : c.every === 'week'
            ? `every week, day ${c.weekday}`
            : c.every === 'month'
              ? `monthly, day ${c.day}${c.for === 'previous' ? ' (for the previous month)' : ''}`
              : c.every === 'quarter'
                ? `quarterly, day ${c.day} of the next month`
                : c.every === 'half'
                  ? 'end of June and December'
                  : c.every === 'year'
                    ? `yearly, ${c.month}-${c.day}`
                    : 'when scheduled';
      return `${when} by ${r.time}${r.shift !== 'keep' ? ` (rest day: ${r.shift})` : ''}`;
    }
    case 'quota':
      return `≥ ${r.target} per ${r.period.replace('_', ' ')}${r.large_estate ? ` (over ${r.large_estate.households_over} households: per ${r.large_estate.period.replace('_', ' ')})` : ''}`;
    case 'follow_up':
      return r.starts.length === 0
        ? `guard${r.guard ? ' (required first)' : ''}`
        : `on ${r.starts.map((s) => (s.by === 'form' ? `form ${s.form}` : s.by === 'click' ? `click ${s.action}` : `state ${s.state}`)).join(' or ')}${r.due_field ? `, by the ${r.due_field.field} entered` : `, within ${r.within_hours ?? 24} h`}${r.stops ? `, until ${r.stops.by === 'form' ? `form ${r.stops.form}` : r.stops.by === 'click' ? r.stops.button : `state ${r.stops.state}`}` : ''}`;
    case 'anchored':
      return `${Math.abs(r.offset_days)} days ${r.offset_days < 0 ? 'before' : 'after'} each ${r.anchor.replace('_', ' ')}, by ${r.time}`;
    case 'measure':
      return `per ${r.period}: ${r.thresholds.map((t) => `${t.metric} ≥ ${Math.round(t.min * 100)} %`).join(', ')}`;
    case 'deduction':
      return r.redline
        ? 'red line: flag and escalate'
        : r.rollup
          ? `${r.rollup.points} points per ${r.rollup.per} of the managers' points`
          : `${r.points} points each`;
  }
}

function penaltyOf(r: Rule): string {
  const fmt = (m?: { yuan: number; points: number }) =>
    m ? [m.yuan ? `${m.yuan} yuan` : '', m.points ? `${m.points} points` : ''].filter(Boolean).join(' + ') : '';
  const late = fmt(r.penalty.late);
  const missing = fmt(r.penalty.missing);
  if (!late && !missing) return r.kind === 'deduction' ? '' : 'recorded';
  return late === missing
    ? `${late} late or missing`
    : [late && `late ${late}`, missing && `missing ${missing}`].filter(Boolean).join(', ');
}

async function list(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false }, file: { type: 'string' } } });
  const book = loadRulebook(values.file ?? readConfig(io.env).RULEBOOK_FILE);
  if (values.json) {
    io.out(`${JSON.stringify(book, null, 2)}\n`);
    return 0;
  }
  for (const r of book.rules) {
    const who = r.owner === 'supervisor' ? 'each supervisor' : r.onboarding ? 'new manager' : 'manager';
    const to = r.recipients.length ? ` → ${r.recipients.join(', ')}` : '';
    io.out(
      `${r.enabled ? ' ' : '-'} ${r.id.padEnd(32)} ${r.kind.padEnd(10)} ${r.title}: ${describeRule(r)}; ${who}${to}${penaltyOf(r) ? `; ${penaltyOf(r)}` : ''}\n`,
    );
  }
  io.out(`${book.rules.length} rules (${book.rules.filter((r) => !r.enabled).length} switched off)\n`);
  return 0;
}

async function check(args: string[], io: CliIO): Promise<number> {
  const [file] = args;
  if (!file) throw new CliError(USAGE);
  const book = loadRulebook(file);
  io.out(`${file}: valid; ${book.rules.length} rules, ${book.rules.filter((r) => !r.enabled).length} switched off\n`);
  return 0;
}
