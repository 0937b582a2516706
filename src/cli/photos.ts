// steward photos RECORD_ID --out DIR: downloads a record's evidence photos through Lark's message-resource API.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getSubmission, listAttachments } from '../db/queries/records.ts';
import { larkClientOf } from '../lark/lark-client.ts';
import { createLogger } from '../lib/logger.ts';
import { CliError, type Command } from './io.ts';
import { withDatabase } from './with-database.ts';

const USAGE = 'usage: steward photos RECORD_ID --out DIR';

export const photosCommand: Command = async (args, io) => {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } });
  const id = Number(positionals[0]);
  if (!Number.isInteger(id) || id <= 0 || !values.out) throw new CliError(USAGE);
  const saved = await withDatabase(io, async (database, config) => {
    const client = larkClientOf(config, createLogger({ level: 'silent', stream: 'stderr' }));
    if (!client) throw new CliError('LARK_APP_ID and LARK_APP_SECRET are needed to fetch photos from Lark');
    if (!(await getSubmission(database.db, id))) throw new CliError(`no record ${id}`);
    await mkdir(values.out!, { recursive: true });
    const files: string[] = [];
    for (const a of await listAttachments(database.db, id)) {
      const file = path.join(values.out!, `${id}-${a.id}-${a.imageKey.replace(/[^A-Za-z0-9_-]/g, '')}.png`);
      await writeFile(file, await client.getMessageImage(a.messageId, a.imageKey));
      files.push(file);
    }
    return files;
  });
  io.out(saved.length ? `${saved.join('\n')}\n` : `record ${id} has no photos\n`);
  return 0;
};
