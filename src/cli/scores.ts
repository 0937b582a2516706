// steward scores --period P [--format json|csv|xlsx] [--out FILE]; steward ledger waive ID …; steward redline resolve ID ….
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { computeScores, PeriodError } from '../features/scores/compute-scores.ts';
import { resolveRedline, waiveEntry, WaiveError } from '../features/scores/waive.ts';
import { scoresCsv, scoresWorkbook } from '../features/scores/xlsx.ts';
import type { Rulebook } from '../rules/rulebook/schema.ts';
import { loadRulesContext } from '../rules/rules-context.ts';
import { CliError, type Command } from './io.ts';
import { withDatabase } from './with-database.ts';

const USAGE = 'usage: steward scores --period 2026-11|2026-W46|2026-Q4|2026-H2|2026 [--format json|csv|xlsx] [--out FILE]';

export const scoresCommand: Command = async (args, io) => {
  const { values } = parseArgs({
    args,
    options: { period: { type: 'string' }, format: { type: 'string', default: 'json' }, out: { type: 'string' } },
  });
  if (!values.period) throw new CliError(USAGE);
  const format = values.format!;
  if (!['json', 'csv', 'xlsx'].includes(format)) throw new CliError(`--format must be json, csv or xlsx, not "${format}"`);
  if (format === 'xlsx' && !values.out) throw new CliError('--format xlsx needs --out FILE');
  const table = await withDatabase(io, async (database, config) => {
    const rules = await loadRulesContext(config);
    try {
      return await computeScores(database.db, rules.book, values.period!, io.clock.now());
    } catch (e) {
      if (e instanceof PeriodError) throw new CliError(e.message);
      throw e;
    }
  });
  const body =
    format === 'xlsx' ? await scoresWorkbook(table) : format === 'csv' ? scoresCsv(table) : `${JSON.stringify(table, null, 2)}\n`;
  if (values.out) {
    await writeFile(values.out, body);
    io.err(`scores for ${table.period} written to ${values.out}\n`);
  } else io.out(typeof body === 'string' ? body : body.toString('base64'));
  return 0;
};

/** A leader's or admin's judgement on one item (waive an entry, resolve a red line): ID --by PERSON --TEXT. */
function judgement(
  usage: string,
  sub: string,
  textFlag: 'reason' | 'note',
  act: (db: Parameters<typeof waiveEntry>[0], book: Rulebook, id: number, by: string, text: string, now: Date) => Promise<string>,
): Command {
  return async (args, io) => {
    const [given, id, ...rest] = args;
    const { values } = parseArgs({ args: rest, options: { by: { type: 'string' }, [textFlag]: { type: 'string' } } });
    const text = values[textFlag] as string | undefined;
    const n = Number(id);
    if (given !== sub || !Number.isInteger(n) || n <= 0 || !values.by || !text) throw new CliError(usage);
    const line = await withDatabase(io, async (database, config) => {
      const rules = await loadRulesContext(config);
      try {
        return await act(database.db, rules.book, n, values.by as string, text, io.clock.now());
      } catch (e) {
        if (e instanceof WaiveError) throw new CliError(e.message);
        throw e;
      }
    });
    io.out(`${line}\n`);
    return 0;
  };
}

export const ledgerCommand = judgement(
  'usage: steward ledger waive ENTRY_ID --by PERSON_ID --reason TEXT',
  'waive',
  'reason',
  async (db, book, id, by, text, now) => {
    const done = await waiveEntry(db, book, id, by, text, now);
    return `entry ${done.id} waived by ${done.waivedBy}: ${done.waiveReason}`;
  },
);

export const redlineCommand = judgement(
  'usage: steward redline resolve ID --by PERSON_ID --note TEXT',
  'resolve',
  'note',
  async (db, book, id, by, text, now) => {
    const done = await resolveRedline(db, book, id, by, text, now);
    return `red line ${done.id} resolved by ${done.resolvedBy}: ${done.resolveNote}`;
  },
);
