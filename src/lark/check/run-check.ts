// `steward lark check`: the settings, a token, the bot, the org file's people and one test card — each step's result.
import { describeCliError } from '../../cli/describe-error.ts';
import type { Clock } from '../../lib/clock.ts';
import { createLogger } from '../../lib/logger.ts';
import { YamlFileError } from '../../lib/yaml-file.ts';
import { readOrgFile } from '../../org/import-org-file.ts';
import type { OrgFile } from '../../org/org-file.ts';
import { LarkClient } from '../lark-client.ts';
import { skipped, type StepName, type StepResult } from './check-result.ts';
import { directoryStep, type PersonCheck } from './directory-step.ts';
import { chooseRecipient, sendStep } from './send-step.ts';
import { checkSettings } from './settings-step.ts';
import { botStep, tokenStep } from './token-and-bot.ts';

export interface CheckOptions {
  env: NodeJS.ProcessEnv;
  clock: Clock;
  /** the org file (default ORG_FILE) */
  orgFile?: string;
  /** whom to send the test card: a person id of the org file, an email or an open_id (default: the first admin) */
  to?: string;
  /** false: no test card */
  send: boolean;
}

export interface CheckReport {
  /** no step failed */
  ok: boolean;
  appId: string | null;
  domain: string | null;
  steps: StepResult[];
}

/** A step that threw something no step expects still ends as its own failed line, never a crash. */
async function guarded(step: StepName, env: NodeJS.ProcessEnv, fn: () => Promise<StepResult>): Promise<StepResult> {
  try {
    return await fn();
  } catch (e) {
    return { step, status: 'failed', summary: describeCliError(e, env) };
  }
}

export async function runLarkCheck(opts: CheckOptions): Promise<CheckReport> {
  const { env } = opts;
  const settings = checkSettings(env);
  const steps: StepResult[] = [settings.step];
  const report = (): CheckReport => ({
    ok: steps.every((s) => s.status !== 'failed'),
    appId: settings.lark?.appId ?? null,
    domain: settings.lark?.domain ?? null,
    steps,
  });
  const s = settings.lark;
  if (!s) {
    const why = 'skipped: LARK_DOMAIN and LARK_TIMEOUT_MS must be right first (see settings)';
    steps.push(skipped('token', why), skipped('bot', why), skipped('directory', why), skipped('send', why));
    return report();
  }
  const client = new LarkClient({
    appId: s.appId,
    appSecret: s.appSecret,
    domain: s.domain,
    timeoutMs: s.timeoutMs,
    log: createLogger({ level: 'silent', stream: 'stderr' }),
  });

  const got: { token: string | null } = { token: null };
  steps.push(
    await guarded('token', env, async () => {
      const r = await tokenStep(client, s);
      got.token = r.token;
      return r.step;
    }),
  );
  const token = got.token;
  if (!token) {
    const why = 'skipped: needs a tenant access token (see token)';
    steps.push(skipped('bot', why), skipped('directory', why), skipped('send', why));
    return report();
  }

  const bot = await guarded('bot', env, async () => (await botStep(client, s, token)).step);
  steps.push(bot);

  const orgFile = opts.orgFile ?? env.ORG_FILE?.trim();
  const file: { org: OrgFile | null } = { org: null };
  let people: PersonCheck[] = [];
  if (!orgFile) {
    steps.push(skipped('directory', 'skipped: no org file (give --org FILE or set ORG_FILE)'));
  } else {
    steps.push(
      await guarded('directory', env, async () => {
        try {
          file.org = (await readOrgFile(orgFile)).org;
        } catch (e) {
          if (!(e instanceof YamlFileError)) throw e;
          return {
            step: 'directory',
            status: 'failed',
            summary: `${orgFile} is not a valid org file`,
            details: e.message.split('\n'),
            fix: 'correct the file (steward org import checks it the same way)',
          };
        }
        const r = await directoryStep(client, s, file.org, orgFile);
        people = r.people;
        return r.step;
      }),
    );
  }

  if (!opts.send) steps.push(skipped('send', 'skipped: --no-send'));
  else if (bot.status === 'failed') steps.push(skipped('send', 'skipped: needs the bot (see bot)'));
  else steps.push(await guarded('send', env, () => sendStep(client, s, chooseRecipient(opts.to, file.org, people), opts.clock)));
  return report();
}
