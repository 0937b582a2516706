// Step 3 of `steward lark check`: the org file's people, their emails and mobiles turned into open_ids — nothing stored.
import { contactOf, lookUpContacts, peopleWithContacts } from '../../org/resolve-contacts.ts';
import type { OrgFile } from '../../org/org-file.ts';
import type { LarkClient } from '../lark-client.ts';
import { LarkApiError } from '../lark-error.ts';
import type { StepResult } from './check-result.ts';
import type { LarkSettings } from './settings-step.ts';
import { larkFailure } from './token-and-bot.ts';

export interface PersonCheck {
  id: string;
  name: string;
  /** the email or mobile asked about; null for an open_id given in the file */
  contact: string | null;
  status: 'in_file' | 'found' | 'not_found' | 'open_id_taken';
  openId: string | null;
}

const SCOPE_FIX =
  'add the scope contact:user.id:readonly (通过手机号或邮箱获取用户 ID) in the developer console (Permissions & Scopes), then publish a version';
const NOT_FOUND_FIX =
  "check these emails and mobiles in the org file (a person's own address, not a mail group; mobiles outside mainland China with +country code), and that the app's contact range (通讯录权限范围) includes them — or give their open_id in the file";

export async function directoryStep(
  client: LarkClient,
  s: LarkSettings,
  org: OrgFile,
  source: string,
): Promise<{ step: StepResult; people: PersonCheck[] }> {
  const wanted = peopleWithContacts(org);
  const inFile: PersonCheck[] = org.people
    .filter((p) => p.open_id)
    .map((p) => ({ id: p.id, name: p.name, contact: null, status: 'in_file', openId: p.open_id! }));
  let found: Map<string, string>;
  try {
    found = await lookUpContacts(client, wanted);
  } catch (e) {
    if (!(e instanceof LarkApiError)) throw e;
    const failed = larkFailure('directory', e, s, e.code === 99991672 || e.code === 99991679 ? SCOPE_FIX : undefined);
    const waiting = wanted.map((p) => `${p.id} ${p.name} (${contactOf(p)}): not resolved`);
    return {
      people: inFile,
      step: {
        ...failed,
        summary: `${source}: ${wanted.length} of ${org.people.length} people need the directory; ${failed.summary}`,
        details: waiting,
      },
    };
  }

  const taken = new Set(inFile.map((p) => p.openId));
  const asked: PersonCheck[] = wanted.map((p) => {
    const contact = contactOf(p);
    const openId = found.get(contact) ?? null;
    if (!openId) return { id: p.id, name: p.name, contact, status: 'not_found', openId: null };
    if (taken.has(openId)) return { id: p.id, name: p.name, contact, status: 'open_id_taken', openId };
    taken.add(openId);
    return { id: p.id, name: p.name, contact, status: 'found', openId };
  });
  const people = [...inFile, ...asked];
  const count = (status: PersonCheck['status']) => people.filter((p) => p.status === status).length;
  const parts = [`${count('in_file')} with an open_id in the file`, `${count('found')} found in the directory`];
  if (count('not_found')) parts.push(`${count('not_found')} not found`);
  if (count('open_id_taken')) parts.push(`${count('open_id_taken')} resolved to someone else's account`);
  const summary = `${source}: ${org.people.length} people: ${parts.join(', ')}`;
  const problems = asked.filter((p) => p.status !== 'found');
  const data = { file: source, people };
  if (problems.length === 0) return { people, step: { step: 'directory', status: 'ok', summary, data } };
  return {
    people,
    step: {
      step: 'directory',
      status: 'failed',
      summary,
      details: problems.map(
        (p) =>
          `${p.id} ${p.name} (${p.contact}): ${p.status === 'not_found' ? 'not found in the directory' : `resolves to ${p.openId}, which another person of the file already has`}`,
      ),
      fix: NOT_FOUND_FIX,
      data,
    },
  };
}
