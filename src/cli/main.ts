// Entry of the steward CLI process: real streams, environment and clock.
import { systemClock } from '../lib/clock.ts';
import { runCli } from './run-cli.ts';

const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  clock: systemClock,
});
process.exitCode = code;
