import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OrgFileError, parseOrgFile } from '../../src/org/org-file.ts';
import { refusedLines } from '../helpers/file-problems.ts';

const example = readFileSync(new URL('../../examples/org.yaml', import.meta.url), 'utf8');

const problemsOf = (text: string): string[] => refusedLines(() => parseOrgFile(text, 'org.yaml'), OrgFileError);

describe('the org file', () => {
  it('accepts the example from the product brief as written', () => {
    const org = parseOrgFile(example, 'org.yaml');
    expect(org.company).toBe('示例物业');
    expect(org.people.map((p) => p.id)).toEqual(['m1', 'v1', 'l1', 'q1', 'a1', 's1']);
    expect(org.people[0]).toMatchObject({ open_id: 'ou_m1', roles: ['manager'], since: '2026-11-01' });
    expect(org.people[2]).toMatchObject({ email: 'li@example.com', roles: ['leader'] });
    expect(org.centers[0]).toMatchObject({
      code: 'C001',
      headcount: 35,
      households: 820,
      manager: 'm1',
      supervisors: ['v1'],
      leader: 'l1',
      chat: 'oc_c001',
    });
    expect(org.departments).toEqual({ quality_center: ['q1'], admin: ['a1'], customer_service: ['s1'] });
  });

  it('an unknown manager is named by its path and line', () => {
    const text = example.replace('    manager: m1', '    manager: p099');
    expect(problemsOf(text)).toEqual(['org.yaml:26: centers[0].manager: unknown person "p099"']);
  });

  it('an unknown role is named with the roles that exist', () => {
    const [line] = problemsOf(example.replace('roles: [supervisor]', 'roles: [boss]'));
    expect(line).toMatch(/^org\.yaml:15: people\[1\]\.roles\[0\]: unknown role "boss"; use one of manager, supervisor/);
  });

  it('a duplicate person id is refused, naming both places', () => {
    const [line] = problemsOf(example.replace('{ id: q1,', '{ id: v1,').replace('quality_center: [q1]', 'quality_center: [v1]'));
    expect(line).toBe('org.yaml:17: people[3].id: duplicate id "v1" (also people[1])');
  });

  it('a center without a manager is refused: centers[0].manager is required', () => {
    expect(problemsOf(example.replace('    manager: m1\n', ''))).toContain('org.yaml:21: centers[0].manager: is required');
  });

  it('a since that is not a real date is refused', () => {
    expect(problemsOf(example.replace('since: 2026-11-01', 'since: 2026-02-30'))).toEqual([
      'org.yaml:14: people[0].since: must be a real date written as YYYY-MM-DD',
    ]);
    expect(problemsOf(example.replace('since: 2026-11-01', 'since: soon'))[0]).toMatch(/people\[0\]\.since: must be a real date/);
  });

  it('a manager who does not have the manager role is refused', () => {
    expect(problemsOf(example.replace('    manager: m1', '    manager: v1'))[0]).toBe(
      'org.yaml:26: centers[0].manager: "v1" (王芳) does not have the manager role',
    );
  });

  it('a misspelt key is reported rather than silently ignored', () => {
    expect(problemsOf(example.replace('supervisors: [v1]', 'supervisor: [v1]'))[0]).toMatch(/centers\[0\]: unknown key "supervisor"/);
  });

  it('a person nobody can reach (no open_id, email or mobile) is refused', () => {
    expect(problemsOf(example.replace('open_id: ou_v1, ', ''))[0]).toMatch(/people\[1\]: needs open_id, email or mobile/);
  });

  it('malformed YAML is reported with its line', () => {
    expect(problemsOf('company: x\npeople: [\n')[0]).toMatch(/^org\.yaml:\d+: YAML: /);
  });

  it('lists every problem at once, not just the first', () => {
    const text = example.replace('roles: [supervisor]', 'roles: [boss]').replace('headcount: 35', 'headcount: many');
    const problems = problemsOf(text);
    expect(problems).toHaveLength(2);
    expect(problems[1]).toMatch(/centers\[0\]\.headcount: must be a whole number/);
  });
});
