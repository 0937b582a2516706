// steward org import FILE | org show: load the org file into the database, and print what is there.
import { parseArgs } from 'node:util';
import { listPeople } from '../db/queries/org.ts';
import { larkClientOf } from '../lark/lark-client.ts';
import { createLogger } from '../lib/logger.ts';
import { isIsoDay, shanghaiDay } from '../lib/shanghai.ts';
import { applyContacts, lookUpContacts, peopleToResolve, unreachableAll, type Unresolved } from '../org/resolve-contacts.ts';
import { LarkApiError } from '../lark/lark-error.ts';
import { describeLarkError } from './describe-error.ts';
import { summaryIsEmpty, type ImportSummary } from '../org/import-org.ts';
import { importOrgFile, readOrgFile } from '../org/import-org-file.ts';
import { loadOrgSnapshot, type OrgSnapshot } from '../org/org-snapshot.ts';
import { CliError, type CliIO, type Command } from './io.ts';
import { withDatabase } from './with-database.ts';

const USAGE = 'usage: steward org import FILE [--day YYYY-MM-DD] [--allow-unresolved] [--json] | steward org show [--json]';

export const orgCommand: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === 'import') return orgImport(rest, io);
  if (sub === 'show') return orgShow(rest, io);
  throw new CliError(USAGE);
};

async function orgImport(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      day: { type: 'string' },
      'allow-unresolved': { type: 'boolean', default: false },
    },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new CliError(USAGE);
  const day = values.day ?? shanghaiDay(io.clock.now());
  if (!isIsoDay(day)) throw new CliError(`--day must be a date written as YYYY-MM-DD, not "${day}"`);
  const read = await readOrgFile(file);
  const result = await withDatabase(io, async (database, config) => {
    const lark = larkClientOf(config, createLogger({ level: 'silent', stream: 'stderr' }));
    // the directory is asked before anything is written: when it cannot answer, nothing or (if asked for) the rest
    const wanted = lark ? await peopleToResolve(database.db, read.org) : [];
    let found = new Map<string, string>();
    let directoryError: string | null = null;
    if (lark && wanted.length) {
      try {
        found = await lookUpContacts(lark, wanted);
      } catch (e) {
        if (!(e instanceof LarkApiError)) throw e;
        directoryError = describeLarkError(e, config.LARK_DOMAIN, String(config.LARK_TIMEOUT_MS));
        if (!values['allow-unresolved']) {
          throw new CliError(
            `the Lark directory could not be reached, so nothing was imported. ${directoryError}. Not resolved: ${namesOf(unreachableAll(wanted))}. Run again when Lark answers, or add --allow-unresolved to import now and resolve them at the next import`,
          );
        }
      }
    }
    let contacts: { resolved: string[]; unresolved: Unresolved[] } = { resolved: [], unresolved: [] };
    const summary = await importOrgFile(
      database.db,
      file,
      day,
      async (tx) => {
        contacts = directoryError ? { resolved: [], unresolved: unreachableAll(wanted) } : await applyContacts(tx, wanted, found);
      },
      read,
    );
    const unreachable = (await listPeople(database.db, { activeOnly: true })).filter((p) => !p.openId).map((p) => p.id);
    return { ...summary, resolved: contacts.resolved, unresolved: contacts.unresolved, unreachable, directoryError };
  });
  if (values.json) {
    io.out(`${JSON.stringify(result)}\n`);
    return 0;
  }
  io.out(describeSummary(file, result));
  if (result.directoryError)
    io.out(`  the Lark directory could not be reached (${result.directoryError}); imported without these open_ids (--allow-unresolved):\n`);
  for (const u of result.unresolved) io.out(`  ${u.id} ${u.name} (${u.contact}): ${UNRESOLVED_REASON[u.reason]}\n`);
  const waiting = result.unreachable.filter((id) => !result.unresolved.some((u) => u.id === id));
  if (waiting.length)
    io.out(`  without an open_id yet (resolved through the Lark directory once LARK_APP_ID is set): ${waiting.join(', ')}\n`);
  return 0;
}

const UNRESOLVED_REASON: Record<Unresolved['reason'], string> = {
  not_found: 'not found in the Lark directory',
  open_id_taken: 'that account already belongs to someone else in the file',
  directory_unreachable: 'not resolved: run steward org import again when Lark answers',
};

function namesOf(list: Unresolved[]): string {
  return list.map((u) => `${u.id} ${u.name} (${u.contact})`).join(', ');
}

function describeSummary(file: string, s: ImportSummary): string {
  if (summaryIsEmpty(s)) return `${file}: imported, nothing changed\n`;
  const parts = [
    `people +${s.peopleAdded} ~${s.peopleUpdated} -${s.peopleDeactivated}`,
    `centers +${s.centersAdded} ~${s.centersUpdated} -${s.centersDeactivated}`,
    `roles opened ${s.rolesOpened}, closed ${s.rolesClosed}`,
    `department changes ${s.departmentChanges}`,
  ];
  return `${file}: imported (${parts.join('; ')})\n`;
}

async function orgShow(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const org = await withDatabase(io, (database) => loadOrgSnapshot(database.db));
  io.out(values.json ? `${JSON.stringify(org, null, 2)}\n` : renderOrg(org));
  return 0;
}

function renderOrg(org: OrgSnapshot): string {
  if (!org.company) return 'no organisation imported yet: run steward org import FILE\n';
  const name = new Map(org.people.map((p) => [p.id, p.name]));
  const who = (id: string | null) => (id ? `${id} ${name.get(id) ?? '?'}` : '-');
  const lines = [`${org.company}${org.announcementsChat ? `  (announcements: ${org.announcementsChat})` : ''}`, '', 'centers:'];
  for (const c of org.centers) {
    lines.push(
      `  ${c.code} ${c.name}${c.active ? '' : ' [inactive]'}  headcount ${c.headcount}, households ${c.households}, posts: ${c.posts.join('、')}`,
    );
    lines.push(`    manager ${who(c.manager)}; leader ${who(c.leader)}; supervisors ${c.supervisors.map(who).join(', ') || '-'}`);
    for (const h of c.history.filter((x) => x.to !== null)) lines.push(`    past: ${h.role} ${who(h.personId)} ${h.from} → ${h.to}`);
  }
  lines.push('', 'departments:');
  for (const [dept, ids] of Object.entries(org.departments)) lines.push(`  ${dept}: ${ids.map(who).join(', ')}`);
  lines.push('', 'people:');
  for (const p of org.people) {
    const contact = p.openId ?? p.email ?? p.mobile ?? '-';
    lines.push(`  ${p.id} ${p.name}  ${p.roles.join(',')}  since ${p.since}  ${contact}${p.active ? '' : ' [inactive]'}`);
  }
  return `${lines.join('\n')}\n`;
}
