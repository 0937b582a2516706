// Configuration: one zod schema over the environment, read once at start.
import { z } from 'zod';

/** Lark never sends more than this; anything larger is refused with 413 before it is read. */
export const BODY_LIMIT = 1024 * 1024;

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** What each variable means and what to put there; used in error messages and .env.example. */
export const CONFIG_HELP: Record<string, string> = {
  PORT: 'the HTTP port, a number from 1 to 65535 (default 3000)',
  HOST: 'the address to listen on, e.g. 0.0.0.0 or 127.0.0.1 (default 0.0.0.0)',
  DATABASE_URL: 'a PostgreSQL URL such as postgres://user:pass@host:5432/steward; leave unset for the embedded database',
  DATA_DIR: 'a folder for the embedded database and other local data (default ./data)',
  LARK_APP_ID: 'the app id from the Feishu/Lark developer console, e.g. cli_a1b2c3d4e5f60718',
  LARK_APP_SECRET: 'the app secret from the developer console (Credentials & Basic Info)',
  LARK_ENCRYPT_KEY: 'the Encrypt Key from the console (Events & Callbacks > Encryption strategy)',
  LARK_VERIFICATION_TOKEN: 'the Verification Token from the console (Events & Callbacks > Encryption strategy)',
  LARK_ALLOW_UNSIGNED:
    '1 to run webhook mode without LARK_ENCRYPT_KEY, accepting that pushes then come unsigned and unencrypted: anyone who learns the Verification Token can forge or replay messages and card clicks as any employee (leave unset; LARK_CONNECTION=socket needs no encrypt key)',
  LARK_TENANT_KEY:
    "the tenant_key of the company's Feishu/Lark tenant (it is in every event's header); when set, pushes of any other tenant are refused; unset, the first tenant whose push passes every other check is remembered and the others refused",
  LARK_CONNECTION:
    'how Lark reaches the bot: socket (a long connection the bot opens, no public URL) or webhook (Lark POSTs to /lark/webhook; default webhook)',
  LARK_DOMAIN: 'feishu, lark, or a base URL such as http://127.0.0.1:9999 (default feishu)',
  LARK_TIMEOUT_MS: 'how long one call to Lark may take before it counts as failed, in milliseconds (default 10000)',
  ORG_FILE: 'path to the organisation YAML file to import at start (optional)',
  RULEBOOK_FILE: "path to the company's rulebook YAML: only the differences from the default rules (optional)",
  CALENDAR_FILE: "path to the company's calendar YAML: years the official data lacks, own days off (optional)",
  LOG_LEVEL: 'one of fatal, error, warn, info, debug, trace (default info)',
  METRICS_TOKEN:
    'a secret of at least 16 characters that scrapers must send as "Authorization: Bearer <token>" to GET /metrics; unset serves /metrics to anyone who can reach the port, so keep it on an internal network',
  INSTANCE_ID: 'the name of this instance in the metrics (label instance_id), letters, digits and . _ : - (default hostname:pid)',
};

const domain = z
  .string()
  .trim()
  .default('feishu')
  .refine((v) => v === 'feishu' || v === 'lark' || /^https?:\/\/[^\s/]+(:\d+)?$/.test(v), {
    message: 'must be feishu, lark, or a base URL without a trailing slash',
  });

export const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().trim().min(1).default('0.0.0.0'),
    DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: 'must start with postgres:// or postgresql://',
    }),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    LARK_APP_ID: optionalText,
    LARK_APP_SECRET: optionalText,
    LARK_ENCRYPT_KEY: optionalText,
    LARK_VERIFICATION_TOKEN: optionalText,
    LARK_ALLOW_UNSIGNED: optionalText
      .refine((v) => v === undefined || v === '0' || v === '1', { message: 'must be 1 or 0' })
      .transform((v) => v === '1'),
    LARK_TENANT_KEY: optionalText.refine((v) => v === undefined || /^[\x21-\x7e]{1,128}$/.test(v), {
      message: 'must be 1 to 128 printable ASCII characters without spaces',
    }),
    LARK_CONNECTION: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() || undefined : v),
      z.enum(['webhook', 'socket']).default('webhook'),
    ),
    LARK_DOMAIN: domain,
    LARK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    ORG_FILE: optionalText,
    RULEBOOK_FILE: optionalText,
    CALENDAR_FILE: optionalText,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
    METRICS_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 16, { message: 'must be at least 16 characters' }),
    INSTANCE_ID: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9._:-]{1,64}$/.test(v), {
      message: 'must be 1 to 64 letters, digits or . _ : -',
    }),
  })
  .superRefine((env, ctx) => {
    if (env.LARK_APP_ID && !env.LARK_APP_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['LARK_APP_SECRET'], message: 'is required when LARK_APP_ID is set' });
    }
    if (env.LARK_APP_ID && env.LARK_CONNECTION === 'webhook' && !env.LARK_VERIFICATION_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['LARK_VERIFICATION_TOKEN'],
        message: 'is required when LARK_APP_ID is set and LARK_CONNECTION is webhook (every request is checked against it)',
      });
    }
    // unsigned pushes can be forged by anyone holding the token: only when the company says it accepts that
    if (env.LARK_APP_ID && env.LARK_CONNECTION === 'webhook' && !env.LARK_ENCRYPT_KEY && !env.LARK_ALLOW_UNSIGNED) {
      ctx.addIssue({
        code: 'custom',
        path: ['LARK_ENCRYPT_KEY'],
        message:
          'is required for LARK_CONNECTION=webhook (without it pushes are unsigned and can be forged); set it, or LARK_CONNECTION=socket, or LARK_ALLOW_UNSIGNED=1 to accept the risk',
      });
    }
    // the SDK's long connection silently refuses any other app id
    if (env.LARK_APP_ID && env.LARK_CONNECTION === 'socket' && !/^cli_[0-9a-fA-F]{16}$/.test(env.LARK_APP_ID)) {
      ctx.addIssue({
        code: 'custom',
        path: ['LARK_APP_ID'],
        message: 'must be cli_ followed by 16 hexadecimal digits for LARK_CONNECTION=socket',
      });
    }
    if (env.LARK_APP_SECRET && !env.LARK_APP_ID) {
      ctx.addIssue({ code: 'custom', path: ['LARK_APP_ID'], message: 'is required when LARK_APP_SECRET is set' });
    }
  });

export type Config = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID' as const;
  constructor(readonly problems: string[]) {
    // one problem, one line (what the process prints as it stops); several, one line each
    super(
      problems.length === 1
        ? `Configuration is invalid: ${problems[0]}`
        : `Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Pure mapping from an environment to the validated config; throws ConfigError naming each bad variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = EnvSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '?');
    const shown =
      env[name] === undefined || env[name].trim() === ''
        ? 'unset'
        : `"${name.includes('SECRET') || name.includes('KEY') || name.includes('TOKEN') ? '***' : env[name]}"`;
    const help = CONFIG_HELP[name];
    return `${name} (${shown}) ${issue.message}${help ? `; put ${help}` : ''}`;
  });
  throw new ConfigError(problems);
}

/** Masks the password of a database URL so it can be shown in logs and errors. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:\/\/([^:/@]+):[^@]*@/, '://$1:***@');
  }
}
