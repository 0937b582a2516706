// The process logger: pino JSON lines (to stderr for the CLI, so stdout stays clean for --json).
import { pino, type Logger } from 'pino';

export type { Logger };

const REDACT = [
  '*.appSecret',
  '*.app_secret',
  '*.encryptKey',
  '*.LARK_APP_SECRET',
  '*.LARK_ENCRYPT_KEY',
  '*.LARK_VERIFICATION_TOKEN',
  '*.METRICS_TOKEN',
  'req.headers.authorization',
];

export function createLogger(opts: { level?: string; stream?: 'stdout' | 'stderr'; name?: string } = {}): Logger {
  const destination = pino.destination({ fd: opts.stream === 'stderr' ? 2 : 1, sync: opts.stream === 'stderr' });
  return pino({ level: opts.level ?? 'info', name: opts.name ?? 'steward', redact: { paths: REDACT, censor: '***' } }, destination);
}

/** A logger that writes nothing, for tests that do not look at logs. */
export const silentLogger: Logger = pino({ level: 'silent' });
