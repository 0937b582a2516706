// steward scores --period P [--format json|csv|xlsx] [--out FILE]; steward ledger waive ID …; steward redline resolve ID ….
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { computeScores, PeriodError } from '../features/scores/compute-scores.ts';
import { resolveRedline, waiveEntry, WaiveError } from '../features/scores/waive.ts';
import { scoresCsv, scoresWorkbook } from '../features/scores/xlsx.ts';
import { loadRulesContext } from '../rules/rules-context.ts';
import { CliError, type Command } from './io.ts';
import { withDatabase } from './with-database.ts';

const USAGE = 'usage: steward scores --period 2026-11|2026-W46|2026-Q4|2026-H2|2026 [--format json|csv|xlsx] [--out FILE]';

export const scoresCommand: Command = async (args, io) => {
  const { values } = parseArgs({ args, options: { period: { type: 'string' }, format: { type: 'string', default: 'json' }, out: { type: 'string' } } });
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
  const body = format === 'xlsx' ? await scoresWorkbook(table) : format === 'csv' ? scoresCsv(table) : `${JSON.stringify(table, null, 2)}\n`;
  if (values.out) {
    await writeFile(values.out, body);
    io.err(`scores for ${table.period} written to ${values.out}\n`);
  } else io.out(typeof body === 'string' ? body : body.toString('base64'));
  return 0;
};

export const ledgerCommand: Command = async (args, io) => {
  const [sub, id, ...rest] = args;
  const { values } = parseArgs({ args: rest, options: { by: { type: 'string' }, reason: { type: 'string' } } });
  if (sub !== 'waive' || !id || !values.by || !values.reason) throw new CliError('usage: steward ledger waive ENTRY_ID --by PERSON_ID --reason TEXT');
  const done = await withDatabase(io, async (database) => {
    try {
      return await waiveEntry(database.db, Number(id), values.by!, values.reason!, io.clock.now());
    } catch (e) {
      if (e instanceof WaiveError) throw new CliError(e.message);
      throw e;
    }
  });
  io.out(`entry ${done.id} waived by ${done.waivedBy}: ${done.waiveReason}\n`);
  return 0;
};

export const redlineCommand: Command = async (args, io) => {
  const [sub, id, ...rest] = args;
  const { values } = parseArgs({ args: rest, options: { by: { type: 'string' }, note: { type: 'string' } } });
  if (sub !== 'resolve' || !id || !values.by || !values.note) throw new CliError('usage: steward redline resolve ID --by PERSON_ID --note TEXT');
  const done = await withDatabase(io, async (database) => {
    try {
      return await resolveRedline(database.db, Number(id), values.by!, values.note!, io.clock.now());
    } catch (e) {
      if (e instanceof WaiveError) throw new CliError(e.message);
      throw e;
    }
  });
  io.out(`red line ${done.id} resolved by ${done.resolvedBy}: ${done.resolveNote}\n`);
  return 0;
};
