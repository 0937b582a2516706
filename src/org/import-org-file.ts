// Reads, validates and imports an org file from disk; the one path used by `steward org import` and ORG_FILE at start.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Db } from '../db/client.ts';
import { importOrg, type ImportOptions, type ImportSummary } from './import-org.ts';
import { OrgFileError, parseOrgFile, type OrgFile } from './org-file.ts';

export interface ReadOrgFile {
  org: OrgFile;
  sha256: string;
}

/** Reads and validates the file; every problem is an OrgFileError naming its line. */
export async function readOrgFile(file: string): Promise<ReadOrgFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new OrgFileError(file, [{ path: [], message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})` }]);
  }
  return { org: parseOrgFile(text, file), sha256: createHash('sha256').update(text).digest('hex') };
}

export async function importOrgFile(
  db: Db,
  file: string,
  today: string,
  within?: ImportOptions['within'],
  read?: ReadOrgFile,
): Promise<ImportSummary> {
  const { org, sha256 } = read ?? (await readOrgFile(file));
  return importOrg(db, org, { today, source: file, sha256, within });
}
