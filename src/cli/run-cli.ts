// The steward command line: routes the first word to its command and turns known errors into one line and exit code 1.
import { ConfigError } from '../config.ts';
import { DatabaseUnreachableError } from '../db/client.ts';
import { DatabaseBusyError } from '../db/pglite-lock.ts';
import { OrgFileError } from '../org/org-file.ts';
import { dbCommand } from './db.ts';
import { CliError, type CliIO, type Command } from './io.ts';
import { orgCommand } from './org.ts';

const COMMANDS: Record<string, Command> = {
  org: orgCommand,
  db: dbCommand,
};

const HELP = `steward — the Steward (物服管家) operator's tool

  steward org import FILE [--day YYYY-MM-DD] [--json]   import the organisation file (idempotent)
  steward org show [--json]                              print the organisation as stored
  steward db migrate                                     apply database migrations

The database is the one the service uses: DATABASE_URL, or the embedded one under DATA_DIR.
`;

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(HELP);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`steward: unknown command "${name}"\n${HELP}`);
    return 1;
  }
  try {
    return await command(args, io);
  } catch (e) {
    if (
      e instanceof CliError ||
      e instanceof OrgFileError ||
      e instanceof ConfigError ||
      e instanceof DatabaseUnreachableError ||
      e instanceof DatabaseBusyError ||
      (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      io.err(`steward: ${(e as Error).message}\n`);
      return 1;
    }
    throw e;
  }
}
