// Opens the configured database (migrated) for one CLI command and always closes it.
import { readConfig, type Config } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import type { CliIO } from './io.ts';

export async function withDatabase<T>(io: CliIO, fn: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = readConfig(io.env);
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await database.migrate();
    return await fn(database, config);
  } finally {
    await database.close();
  }
}
