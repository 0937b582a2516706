// Step 4 of `steward lark check`: one test card to an admin (or whoever --to names), and what Lark answered.
import type { Clock } from '../../lib/clock.ts';
import type { OrgFile } from '../../org/org-file.ts';
import { connectionTestCard } from '../cards/connection-test-card.ts';
import type { LarkClient, ReceiveIdType } from '../lark-client.ts';
import { LarkApiError } from '../lark-error.ts';
import type { StepResult } from './check-result.ts';
import type { PersonCheck } from './directory-step.ts';
import type { LarkSettings } from './settings-step.ts';
import { larkFailure } from './token-and-bot.ts';

export interface Recipient {
  receiveIdType: Extract<ReceiveIdType, 'open_id' | 'email'>;
  receiveId: string;
  /** the org file's person, when the recipient is one */
  personId?: string;
  name?: string;
}

const RECIPIENT_FIX = 'give --to with a person id of the org file, an email or an open_id (ou_…), or --no-send to skip this step';

/** The first admin of the org file: the admin department first, then anyone with the admin role. */
function firstAdmin(org: OrgFile): string | undefined {
  return [...org.departments.admin, ...org.people.filter((p) => p.roles.includes('admin')).map((p) => p.id)][0];
}

/** Whom `--to` names (default: the first admin), or why no one can be named. */
export function chooseRecipient(to: string | undefined, org: OrgFile | null, people: PersonCheck[]): Recipient | { problem: string } {
  const wanted = to?.trim() || (org ? firstAdmin(org) : undefined);
  if (!wanted)
    return {
      problem: org
        ? 'the org file names no admin to send the test card to'
        : 'no one to send the test card to: no --to, and no org file to take an admin from',
    };
  const person = org?.people.find((p) => p.id === wanted);
  if (person) {
    const openId = person.open_id ?? people.find((p) => p.id === person.id)?.openId;
    const checked = people.find((p) => p.id === person.id);
    if (!openId || checked?.status === 'open_id_taken') {
      const why =
        checked?.status === 'not_found'
          ? 'was not found in the directory'
          : checked
            ? "resolves to another person's account"
            : 'could not be looked up in the directory';
      return { problem: `${person.id} ${person.name} has no open_id: ${person.email ?? person.mobile} ${why}` };
    }
    return { receiveIdType: 'open_id', receiveId: openId, personId: person.id, name: person.name };
  }
  if (wanted.includes('@')) return { receiveIdType: 'email', receiveId: wanted };
  if (/^ou_[A-Za-z0-9_-]+$/.test(wanted)) return { receiveIdType: 'open_id', receiveId: wanted };
  return { problem: `--to "${wanted}" is not a person id of the org file, an email, or an open_id (ou_…)` };
}

/** What to change for the send errors an operator can fix. */
const SEND_FIX: Record<number, string> = {
  230013:
    "the person is outside the app's availability (可用范围): in the developer console (Version Management & Release) make the app available to them, or to everyone, and publish a version",
  230006:
    'the bot capability is off: enable the Bot capability in the developer console (Features > Bot / 应用能力 > 机器人) and publish a version',
  230034: "Lark does not know this receiver: check --to (an open_id belongs to one app; use the org file's person id or an email instead)",
  230053: 'the person has stopped the bot: ask them to open the chat with the bot and turn it back on',
  99991672:
    'add the scope im:message:send_as_bot (以应用的身份发消息) in the developer console (Permissions & Scopes), then publish a version',
};

const who = (r: Recipient) =>
  r.personId ? `${r.personId} ${r.name} (${r.receiveIdType} ${r.receiveId})` : `${r.receiveIdType} ${r.receiveId}`;

export async function sendStep(
  client: LarkClient,
  s: LarkSettings,
  recipient: Recipient | { problem: string },
  clock: Clock,
): Promise<StepResult> {
  if ('problem' in recipient) return { step: 'send', status: 'failed', summary: recipient.problem, fix: RECIPIENT_FIX };
  try {
    const { messageId } = await client.send(
      recipient.receiveIdType,
      recipient.receiveId,
      'interactive',
      connectionTestCard({ sentAt: clock.now() }),
    );
    return {
      step: 'send',
      status: 'ok',
      summary: `test card sent to ${who(recipient)}: message ${messageId}; ask them whether 物服管家连接测试 arrived`,
      data: { to: recipient, messageId },
    };
  } catch (e) {
    if (!(e instanceof LarkApiError)) throw e;
    const failed = larkFailure('send', e, s, SEND_FIX[e.code]);
    return { ...failed, summary: `sending the test card to ${who(recipient)}: ${failed.summary}`, data: { to: recipient } };
  }
}
