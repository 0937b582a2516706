// steward rules list / rules check: every rule with its id, kind, title and penalty; JSON alone on stdout; bad files exit 1.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRulebook } from '../../../src/rules/rulebook/load-rulebook.ts';
import type { Rulebook } from '../../../src/rules/rulebook/schema.ts';
import { cliRunner, tempDir } from '../../helpers/cli.ts';

const examplePath = new URL('../../../examples/rulebook.yaml', import.meta.url).pathname;
const run = cliRunner({});
const defaults = defaultRulebook();

/** The listed line of a rule: a mark column ("-" when switched off), then its id. */
function lineOf(stdout: string, id: string): string {
  const line = stdout.split('\n').find((l) => l.slice(2).split(' ')[0] === id);
  if (!line) throw new Error(`rules list printed no line for ${id}:\n${stdout}`);
  return line;
}

describe('steward rules list', () => {
  it('prints every default rule with its id, kind, Chinese title and penalty, then a count line', async () => {
    const { code, stdout, stderr } = await run('rules', 'list');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(defaults.rules.length + 1);
    for (const r of defaults.rules) {
      const line = lineOf(stdout, r.id);
      expect(line, r.id).toContain(` ${r.kind} `);
      expect(line, r.id).toContain(`${r.title}:`);
      for (const cost of [r.penalty.late, r.penalty.missing]) {
        if (cost?.yuan) expect(line, r.id).toContain(`${cost.yuan} yuan`);
        if (cost?.points) expect(line, r.id).toContain(`${cost.points} points`);
      }
      if (r.kind === 'deduction' && r.points) expect(line, r.id).toContain(`${r.points} points`);
    }
    expect(lineOf(stdout, 'admin.weekly_plan_progress')).toContain('2 yuan');
    expect(lineOf(stdout, 'admin.adhoc_task_filing')).toContain('1 yuan');
    expect(lines.at(-1)).toBe(`${defaults.rules.length} rules (0 switched off)`);
  });

  it('--json prints the rulebook as JSON and nothing else on stdout', async () => {
    const { code, stdout, stderr } = await run('rules', 'list', '--json');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const book = JSON.parse(stdout) as Rulebook;
    expect(book.rules.map((r) => r.id)).toEqual(defaults.rules.map((r) => r.id));
    expect(book.settings).toEqual(defaults.settings);
  });

  it('--file marks a switched-off rule with "-" and counts it', async () => {
    const { code, stdout } = await run('rules', 'list', '--file', examplePath);
    expect(code).toBe(0);
    expect(lineOf(stdout, 'brand.read_news')).toMatch(/^- brand\.read_news /);
    expect(lineOf(stdout, 'brand.newsletters')).toMatch(/^ {2}brand\.newsletters /);
    expect(lineOf(stdout, 'admin.monthly_plan')).toContain('5 yuan');
    expect(lineOf(stdout, 'admin.daily_report')).toContain('by 17:00');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(`${defaults.rules.length} rules (1 switched off)`);
  });

  it('reads RULEBOOK_FILE from the environment when --file is not given', async () => {
    const { code, stdout } = await cliRunner({ RULEBOOK_FILE: examplePath })('rules', 'list', '--json');
    expect(code).toBe(0);
    const book = JSON.parse(stdout) as Rulebook;
    expect(book.rules.find((r) => r.id === 'brand.read_news')?.enabled).toBe(false);
  });

  it('a bad --file exits 1 with file:line on stderr and nothing on stdout', async () => {
    const file = path.join(tempDir('steward-rules-'), 'rulebook.yaml');
    writeFileSync(file, 'rules:\n  admin.daily_report:\n    time: 4pm\n');
    const { code, stdout, stderr } = await run('rules', 'list', '--file', file, '--json');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${file}:3: rules.admin.daily_report.time: must be a time written as HH:MM`);
  });
});

describe('steward rules check', () => {
  it('a good file exits 0 and says it is valid', async () => {
    const { code, stdout, stderr } = await run('rules', 'check', examplePath);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(`${examplePath}: valid; ${defaults.rules.length} rules, 1 switched off\n`);
  });

  it('a bad file exits 1 with each problem and its line on stderr', async () => {
    const file = path.join(tempDir('steward-rules-'), 'rulebook.yaml');
    writeFileSync(file, 'rules:\n  admin.daily_report:\n    time: 4pm\ncolour: blue\n');
    const { code, stdout, stderr } = await run('rules', 'check', file);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${file}:3: rules.admin.daily_report.time: must be a time written as HH:MM`);
    expect(stderr).toContain(`${file}:4: unknown key "colour"`);
  });

  it('a reminder after the deadline exits 1 naming its line', async () => {
    const file = path.join(tempDir('steward-rules-'), 'rulebook.yaml');
    writeFileSync(file, 'rules:\n  admin.daily_report:\n    time: "17:00"\n    reminders: [{ at: "17:30" }]\n');
    const { code, stderr } = await run('rules', 'check', file);
    expect(code).toBe(1);
    expect(stderr).toBe(`steward: ${file}:4: rules.admin.daily_report.reminders[0].at: must be before the deadline (17:00)\n`);
  });

  it('without a file exits 1 with the usage', async () => {
    const { code, stderr } = await run('rules', 'check');
    expect(code).toBe(1);
    expect(stderr).toContain('usage: steward rules list');
  });
});
