// Steps 1 and 2 of `steward lark check`: a tenant access token for the app's credentials, then the bot's own info.
import * as lark from '@larksuiteoapi/node-sdk';
import { describeLarkError, larkAnswered } from '../../cli/describe-error.ts';
import type { LarkClient } from '../lark-client.ts';
import { assertLarkOk, LarkApiError, toLarkError } from '../lark-error.ts';
import { larkAnswer, type StepResult } from './check-result.ts';
import type { LarkSettings } from './settings-step.ts';

/** Lark's answer as a LarkApiError, whether the SDK threw it (HTTP 4xx/5xx, network) or resolved it (code ≠ 0 on 200). */
async function larkCall<T extends { code?: number; msg?: string }>(fn: () => Promise<T>): Promise<T> {
  let res: T;
  try {
    res = await fn();
  } catch (e) {
    throw toLarkError(e);
  }
  return assertLarkOk(res);
}

/** A step that failed on Lark's answer: what Lark said, what it means, and (when we know better) what to change. */
export function larkFailure(step: StepResult['step'], e: LarkApiError, s: LarkSettings, fix?: string): StepResult {
  const described = describeLarkError(e, s.domain, String(s.timeoutMs));
  if (e.code === -1) return { step, status: 'failed', summary: described }; // Lark did not answer: nothing of Lark's to show
  const said = larkAnswered(e);
  const hint = described.startsWith(`${said}: `) ? described.slice(said.length + 2) : undefined;
  const what = e.kind === 'rate' || e.kind === 'transient' ? hint : (fix ?? hint);
  return { step, status: 'failed', summary: said, lark: larkAnswer(e), ...(what ? { fix: what } : {}) };
}

const CREDENTIALS_FIX =
  'copy the App ID and App Secret again from the developer console (Credentials & Basic Info) of the app whose bot Steward runs';

/** Asks for a tenant access token directly (the SDK would hide Lark's answer behind its own message). */
export async function tokenStep(client: LarkClient, s: LarkSettings): Promise<{ step: StepResult; token: string | null }> {
  try {
    const url = `${client.sdk.domain}/open-apis/auth/v3/tenant_access_token/internal`;
    const res = await larkCall(
      () =>
        lark.defaultHttpInstance.post(url, { app_id: s.appId, app_secret: s.appSecret }) as Promise<{
          code?: number;
          msg?: string;
          tenant_access_token?: string;
          expire?: number;
        }>,
    );
    if (!res.tenant_access_token) throw new LarkApiError(-1, 'Lark answered without a tenant_access_token');
    return {
      token: res.tenant_access_token,
      step: {
        step: 'token',
        status: 'ok',
        summary: `tenant access token received for app ${s.appId} (valid ${res.expire ?? '?'} s)`,
        data: { appId: s.appId, expiresInSeconds: res.expire ?? null },
      },
    };
  } catch (e) {
    if (!(e instanceof LarkApiError)) throw e;
    const failed = larkFailure('token', e, s, CREDENTIALS_FIX);
    // Lark refused the credentials themselves: say so on the step's own line
    const refused = e.code !== -1 && e.kind !== 'rate' && e.kind !== 'transient';
    return { token: null, step: refused ? { ...failed, summary: `${failed.summary}: LARK_APP_ID or LARK_APP_SECRET is wrong` } : failed };
  }
}

/** bot/v3/info's activate_status, as the documentation names them (获取机器人信息). */
const ACTIVATE_STATUS: Record<number, string> = {
  0: 'initialising, waiting to be installed in the tenant',
  1: 'stopped by the tenant',
  2: 'enabled',
  3: 'installed, waiting to be enabled',
  4: 'upgraded, waiting to be enabled',
  5: 'stopped: the license expired',
  6: 'stopped: the Lark plan expired or was downgraded',
};

const BOT_FIX =
  "enable the Bot capability in the developer console (Features > Bot / 应用能力 > 机器人), then publish a version and have the tenant's admin approve it";
/** Codes that say the app has no bot (or it is switched off). */
const NO_BOT_CODES = new Set([11205, 230006]);

interface BotInfo {
  code?: number;
  msg?: string;
  bot?: { activate_status?: number; app_name?: string; open_id?: string };
}

export async function botStep(client: LarkClient, s: LarkSettings, token: string): Promise<{ step: StepResult; appName: string | null }> {
  let res: BotInfo;
  try {
    res = await larkCall(
      () => client.sdk.request({ method: 'GET', url: '/open-apis/bot/v3/info' }, lark.withTenantToken(token)) as Promise<BotInfo>,
    );
  } catch (e) {
    if (!(e instanceof LarkApiError)) throw e;
    return { appName: null, step: larkFailure('bot', e, s, NO_BOT_CODES.has(e.code) ? BOT_FIX : undefined) };
  }
  const bot = res.bot;
  if (!bot?.open_id) {
    return {
      appName: null,
      step: {
        step: 'bot',
        status: 'failed',
        summary: 'Lark answered without a bot: the app has no bot',
        fix: BOT_FIX,
        data: { bot: bot ?? null },
      },
    };
  }
  const data = { appName: bot.app_name ?? null, openId: bot.open_id, activateStatus: bot.activate_status ?? null };
  const name = `"${bot.app_name ?? '?'}" (open_id ${bot.open_id})`;
  if (bot.activate_status !== undefined && bot.activate_status !== 2) {
    return {
      appName: data.appName,
      step: {
        step: 'bot',
        status: 'failed',
        summary: `bot ${name} is not enabled: activate_status ${bot.activate_status}, ${ACTIVATE_STATUS[bot.activate_status] ?? 'unknown'}`,
        fix: "publish a version of the app and have the tenant's admin approve and enable it (Feishu admin console > Workplace > App management)",
        data,
      },
    };
  }
  return { appName: data.appName, step: { step: 'bot', status: 'ok', summary: `bot ${name} is enabled`, data } };
}
