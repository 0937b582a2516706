// Reads, validates and imports an org file from disk; the one path used by `steward org import` and ORG_FILE at start.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Db } from '../db/client.ts';
import { importOrg, type ImportSummary } from './import-org.ts';
import { OrgFileError, parseOrgFile } from './org-file.ts';

export async function importOrgFile(db: Db, file: string, today: string): Promise<ImportSummary> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new OrgFileError(file, [{ path: [], message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})` }]);
  }
  const org = parseOrgFile(text, file);
  const sha256 = createHash('sha256').update(text).digest('hex');
  return importOrg(db, org, { today, source: file, sha256 });
}
