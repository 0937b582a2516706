// What a CLI command is handed: output streams, environment and clock, so tests run commands in-process.
import type { Clock } from '../lib/clock.ts';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  clock: Clock;
}

/** A user error: printed as one line on stderr, exit code 1. */
export class CliError extends Error {
  readonly code = 'CLI_USAGE' as const;
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export type Command = (args: string[], io: CliIO) => Promise<number>;
