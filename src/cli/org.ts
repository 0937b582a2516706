// steward org import FILE | org show: load the org file into the database, and print what is there.
import { parseArgs } from 'node:util';
import { listPeople } from '../db/queries/org.ts';
import { LarkClient } from '../lark/lark-client.ts';
import { createLogger } from '../lib/logger.ts';
import { isIsoDay, shanghaiDay } from '../lib/shanghai.ts';
import { resolveContacts } from '../org/resolve-contacts.ts';
import { summaryIsEmpty, type ImportSummary } from '../org/import-org.ts';
import { importOrgFile } from '../org/import-org-file.ts';
import { loadOrgSnapshot, type OrgSnapshot } from '../org/org-snapshot.ts';
import { CliError, type CliIO, type Command } from './io.ts';
import { withDatabase } from './with-database.ts';

const USAGE = 'usage: steward org import FILE [--day YYYY-MM-DD] [--json] | steward org show [--json]';

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
    options: { json: { type: 'boolean', default: false }, day: { type: 'string' } },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new CliError(USAGE);
  const day = values.day ?? shanghaiDay(io.clock.now());
  if (!isIsoDay(day)) throw new CliError(`--day must be a date written as YYYY-MM-DD, not "${day}"`);
  const result = await withDatabase(io, async (database, config) => {
    const summary = await importOrgFile(database.db, file, day);
    const lark = config.LARK_APP_ID && config.LARK_APP_SECRET
      ? new LarkClient({ appId: config.LARK_APP_ID, appSecret: config.LARK_APP_SECRET, domain: config.LARK_DOMAIN, log: createLogger({ level: 'warn', stream: 'stderr' }) })
      : null;
    const contacts = lark ? await resolveContacts(database.db, lark) : null;
    const unreachable = (await listPeople(database.db, { activeOnly: true })).filter((p) => !p.openId).map((p) => p.id);
    return { ...summary, resolved: contacts?.resolved ?? [], unresolved: contacts?.unresolved ?? [], unreachable };
  });
  if (values.json) {
    io.out(`${JSON.stringify(result)}\n`);
    return 0;
  }
  io.out(describeSummary(file, result));
  for (const u of result.unresolved) {
    io.out(`  ${u.id} ${u.name} (${u.contact}): ${u.reason === 'not_found' ? 'not found in the Lark directory' : 'that account already belongs to someone else in the file'}\n`);
  }
  const waiting = result.unreachable.filter((id) => !result.unresolved.some((u) => u.id === id));
  if (waiting.length) io.out(`  without an open_id yet (resolved through the Lark directory once LARK_APP_ID is set): ${waiting.join(', ')}\n`);
  return 0;
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
    lines.push(`  ${c.code} ${c.name}${c.active ? '' : ' [inactive]'}  headcount ${c.headcount}, households ${c.households}, posts: ${c.posts.join('、')}`);
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
