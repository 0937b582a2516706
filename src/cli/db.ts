// steward db migrate: applies the committed migrations to the configured database.
import { CliError, type Command } from './io.ts';
import { withDatabase } from './with-database.ts';

export const dbCommand: Command = async (args, io) => {
  const [sub] = args;
  if (sub !== 'migrate') throw new CliError('usage: steward db migrate');
  await withDatabase(io, async (database) => {
    io.err(`migrations applied to ${database.location}\n`);
  });
  return 0;
};
