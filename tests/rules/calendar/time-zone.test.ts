// The calendar's answers do not depend on the machine's TZ (chinese-days' own functions do: west of UTC they are a day off).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { probe } from './tz-probe.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const run = promisify(execFile);

async function probeIn(tz: string): Promise<unknown> {
  const { stdout } = await run(path.join(ROOT, 'node_modules/.bin/tsx'), ['tests/rules/calendar/tz-probe.ts'], {
    cwd: ROOT,
    env: { ...process.env, TZ: tz },
  });
  return JSON.parse(stdout);
}

describe('independent of the process time zone', () => {
  const here = probe();

  it('gives the 2026 facts in this process', () => {
    expect(here.days).toContainEqual(['2026-02-14', true, '调休上班']);
    expect(here.days).toContainEqual(['2026-11-28', false, null]);
    expect(here.shifts).toEqual(['2026-09-30', '2026-01-04', '2026-11-27']);
    expect(here.november).toBe(21);
  });

  it.each(['America/New_York', 'Pacific/Kiritimati', 'Asia/Shanghai'])('gives the same answers with TZ=%s', async (tz) => {
    expect(await probeIn(tz)).toEqual(JSON.parse(JSON.stringify(here)));
  });
});
