// Turns any error that reaches the CLI into one `steward: …` line saying what failed and what to do — never a stack trace.
import { ConfigError } from '../config.ts';
import { DatabaseUnreachableError } from '../db/client.ts';
import { DatabaseBusyError } from '../db/pglite-lock.ts';
import { LarkApiError } from '../lark/lark-error.ts';
import { YamlFileError } from '../lib/yaml-file.ts';
import { CliError } from './io.ts';

const firstLine = (s: string) => s.split('\n')[0]!.trim();

/** Lark's own message of an error, without our "Lark <code>: " prefix (first line only). */
export const larkMessage = (e: LarkApiError): string => firstLine(e.message.replace(/^Lark -?\d+: /, ''));

/** "Lark answered code 10014 (HTTP 400): app secret invalid" — what Lark said, before what it means. */
export const larkAnswered = (e: LarkApiError): string =>
  `Lark answered code ${e.code}${e.httpStatus ? ` (HTTP ${e.httpStatus})` : ''}: ${larkMessage(e)}`;

/** What Lark's answer means for the operator, and what to change. */
export function describeLarkError(e: LarkApiError, domain?: string, timeoutMs?: string): string {
  const where = domain ? ` at ${domain}` : '';
  if (e.code === -1 && /ECONNABORTED|ETIMEDOUT|timeout/i.test(e.message)) {
    return `Lark did not answer${where} within ${timeoutMs ?? '10000'} ms (LARK_TIMEOUT_MS): check LARK_DOMAIN and the network, then run the command again`;
  }
  if (e.code === -1) {
    return `Lark did not answer${where} (${firstLine(e.message.replace(/^Lark -1: /, ''))}): check LARK_DOMAIN and the network, then run the command again`;
  }
  const said = larkAnswered(e);
  if (e.kind === 'token' || e.code === 10014 || e.code === 10003) return `${said}: check LARK_APP_ID and LARK_APP_SECRET`;
  if (e.kind === 'rate') return `${said}: Lark's rate limit; wait a minute and run the command again`;
  if (e.kind === 'transient') return `${said}: a passing Lark-side problem; run the command again in a while`;
  if (e.code === 99991672 || e.code === 99991679)
    return `${said}: the app lacks a permission; add it in the developer console (Permissions & Scopes) and publish a version`;
  return `${said}: see Lark's error code list for what to change`;
}

interface PgLikeError {
  code?: unknown;
  severity?: unknown;
  message?: string;
}

function isDatabaseError(e: unknown): e is PgLikeError {
  const x = e as PgLikeError;
  return (
    typeof x?.code === 'string' &&
    /^[0-9A-Z]{5}$/.test(x.code) &&
    (typeof x.severity === 'string' || x.constructor?.name === 'DatabaseError')
  );
}

function isFileError(e: unknown): e is NodeJS.ErrnoException {
  const x = e as NodeJS.ErrnoException;
  return typeof x?.code === 'string' && /^E[A-Z]+$/.test(x.code) && (typeof x.syscall === 'string' || typeof x.path === 'string');
}

/** The text after `steward: ` for any thrown value. */
export function describeCliError(e: unknown, env: NodeJS.ProcessEnv = {}): string {
  if (
    e instanceof CliError ||
    e instanceof YamlFileError ||
    e instanceof ConfigError ||
    e instanceof DatabaseUnreachableError ||
    e instanceof DatabaseBusyError ||
    (typeof (e as { code?: unknown })?.code === 'string' && (e as { code: string }).code.startsWith('ERR_PARSE_ARGS'))
  ) {
    return (e as Error).message;
  }
  if (e instanceof LarkApiError) return describeLarkError(e, env.LARK_DOMAIN, env.LARK_TIMEOUT_MS);
  // drizzle wraps the driver's error ("Failed query: …") and keeps it as the cause
  const db = isDatabaseError(e) ? e : isDatabaseError((e as { cause?: unknown })?.cause) ? (e as { cause: PgLikeError }).cause : null;
  if (db) {
    return `the database refused the request (${db.code}: ${firstLine(db.message ?? '')}): run "steward db migrate", and check DATABASE_URL points at Steward's database`;
  }
  if (isFileError(e)) {
    return `cannot ${e.syscall ?? 'use'} ${e.path ?? 'a file'} (${e.code}): check the path and its permissions`;
  }
  const what = e instanceof Error ? `${e.name}: ${firstLine(e.message)}` : firstLine(String(e));
  return `unexpected error (${what}): this is a bug in Steward; please report it with the command you ran (STEWARD_DEBUG=1 prints the details)`;
}
