// The settings `steward lark check` can judge without Lark: the credentials, the domain, and what the connection mode needs.
import { ConfigError, EnvSchema, readConfig, type Config } from '../../config.ts';
import type { StepResult } from './check-result.ts';

/** What the calls to Lark need. */
export interface LarkSettings {
  appId: string;
  appSecret: string;
  /** feishu | lark | a base URL */
  domain: string;
  timeoutMs: number;
}

const set = (env: NodeJS.ProcessEnv, name: string) => (env[name] ?? '').trim() !== '';

/** The one line to print when the credentials are missing (nothing can be checked without them), or null. */
export function missingCredentials(env: NodeJS.ProcessEnv): string | null {
  const missing = ['LARK_APP_ID', 'LARK_APP_SECRET'].filter((name) => !set(env, name));
  if (missing.length === 0) return null;
  return `set ${missing.join(' and ')} to the app's ${missing.length === 2 ? 'App ID and App Secret' : missing[0] === 'LARK_APP_ID' ? 'App ID' : 'App Secret'} from the Feishu/Lark developer console (Credentials & Basic Info), then run steward lark check again`;
}

/** Checks every setting the service reads, and the ones webhook mode needs; `lark` is null when Lark cannot be called. */
export function checkSettings(env: NodeJS.ProcessEnv): { step: StepResult; lark: LarkSettings | null } {
  const domain = EnvSchema.shape.LARK_DOMAIN.safeParse(env.LARK_DOMAIN);
  const timeout = EnvSchema.shape.LARK_TIMEOUT_MS.safeParse(env.LARK_TIMEOUT_MS);
  const lark =
    domain.success && timeout.success && set(env, 'LARK_APP_ID') && set(env, 'LARK_APP_SECRET')
      ? { appId: env.LARK_APP_ID!.trim(), appSecret: env.LARK_APP_SECRET!.trim(), domain: domain.data, timeoutMs: timeout.data }
      : null;

  let config: Config;
  try {
    config = readConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const problems = e.problems;
    return {
      lark,
      step: {
        step: 'settings',
        status: 'failed',
        summary: `${problems.length === 1 ? 'a setting is' : `${problems.length} settings are`} wrong or missing: the service would not start`,
        details: problems,
        fix: 'change the settings named above (see .env.example), then run steward lark check again',
        data: { problems },
      },
    };
  }
  const mode = config.LARK_CONNECTION;
  if (mode === 'socket') {
    return {
      lark,
      step: {
        step: 'settings',
        status: 'ok',
        summary:
          'long-connection mode (LARK_CONNECTION=socket): no public URL and no encrypt key needed; in the developer console, receive events and callbacks "using long connection" (使用长连接接收)',
        data: { mode },
      },
    };
  }
  const data = { mode, verificationToken: set(env, 'LARK_VERIFICATION_TOKEN'), encryptKey: set(env, 'LARK_ENCRYPT_KEY') };
  if (!data.encryptKey) {
    return {
      lark,
      step: {
        step: 'settings',
        status: 'warning',
        summary: 'webhook mode: LARK_VERIFICATION_TOKEN is set, LARK_ENCRYPT_KEY is not: Lark will push unencrypted, unsigned requests',
        fix: 'set an Encrypt Key in the developer console (Events & Callbacks > Encryption strategy) and copy it into LARK_ENCRYPT_KEY',
        data,
      },
    };
  }
  return {
    lark,
    step: {
      step: 'settings',
      status: 'ok',
      summary:
        'webhook mode: LARK_VERIFICATION_TOKEN and LARK_ENCRYPT_KEY are set; Lark must reach https://<your host>/lark/webhook (LARK_CONNECTION=socket needs no public URL)',
      data,
    },
  };
}
