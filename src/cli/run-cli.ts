// The steward command line: routes the first word to its command and turns every error into one line and exit code 1.
import { dbCommand } from './db.ts';
import { describeCliError } from './describe-error.ts';
import type { CliIO, Command } from './io.ts';
import { larkCommand } from './lark.ts';
import { orgCommand } from './org.ts';
import { calendarCommand } from './calendar.ts';
import { planCommand } from './plan.ts';
import { photosCommand } from './photos.ts';
import { ledgerCommand, redlineCommand, scoresCommand } from './scores.ts';
import { rulesCommand } from './rules.ts';
import { tickCommand } from './tick.ts';

const COMMANDS: Record<string, Command> = {
  org: orgCommand,
  db: dbCommand,
  rules: rulesCommand,
  calendar: calendarCommand,
  plan: planCommand,
  tick: tickCommand,
  photos: photosCommand,
  scores: scoresCommand,
  ledger: ledgerCommand,
  redline: redlineCommand,
  lark: larkCommand,
};

const HELP = `steward — the Steward (物服管家) operator's tool

  steward org import FILE [--day YYYY-MM-DD] [--allow-unresolved] [--json]   import the organisation file (idempotent)
  steward org show [--json]                              print the organisation as stored
  steward db migrate                                     apply database migrations
  steward rules list [--file FILE] [--json]              every rule in force: kind, cadence, target, penalty, who
  steward rules check FILE                               validate a company rulebook file
  steward calendar check [--file FILE] [--json]          which years have holiday data; this year's festivals
  steward plan --from DAY --to DAY [--person ID] [--json]   the duties each person owes in a window
  steward tick --at TIME [--dry-run] [--json]            one scheduler pass as of TIME, then deliver what it enqueued
  steward photos RECORD_ID --out DIR                     download a record's evidence photos from Lark
  steward scores --period P [--format json|csv|xlsx] [--out FILE]   yuan, points, rates for a day/week/month/quarter/half/year
  steward ledger waive ENTRY_ID --by PERSON --reason TEXT        waive an entry (a leader for their centers, or an admin)
  steward redline resolve ID --by PERSON --note TEXT             resolve a red line (it shows on every score until then)
  steward lark check [--org FILE] [--to PERSON|EMAIL|OPEN_ID] [--no-send] [--json]   dry run against the real tenant: token, bot, people, one test card

The database is the one the service uses: DATABASE_URL, or the embedded one under DATA_DIR (lark check needs none).
`;

/** `commands` is for tests that need a command which fails in a way no real one does today. */
export async function runCli(argv: string[], io: CliIO, commands: Record<string, Command> = COMMANDS): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(HELP);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    io.err(`steward: unknown command "${name}"\n${HELP}`);
    return 1;
  }
  try {
    return await command(args, io);
  } catch (e) {
    io.err(`steward: ${describeCliError(e, io.env)}\n`);
    if (io.env.STEWARD_DEBUG === '1' && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
    return 1;
  }
}
