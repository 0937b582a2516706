import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliDatabase } from '../helpers/cli.ts';
import { DRIVERS } from '../helpers/test-db.ts';

const examplePath = new URL('../../examples/org.yaml', import.meta.url).pathname;
const exampleText = readFileSync(examplePath, 'utf8');

describe.each(DRIVERS)('steward org on %s', (driver) => {
  const cli = useCliDatabase(driver);
  const run = (...argv: string[]) => cli.run(...argv);
  const dir = cli.dir;

  it('org import of the example, run twice, reports the second run changed nothing', async () => {
    const first = await run('org', 'import', examplePath);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/imported \(people \+6 ~0 -0; centers \+1 ~0 -0; roles opened 3, closed 0/);
    const second = await run('org', 'import', examplePath, '--json');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ peopleAdded: 0, peopleUpdated: 0, centersAdded: 0, rolesOpened: 0, rolesClosed: 0 });
  });

  it('org show --json prints only JSON on stdout, with one copy of each person and the center roles', async () => {
    const shown = await run('org', 'show', '--json');
    expect(shown.code).toBe(0);
    const org = JSON.parse(shown.stdout);
    expect(org.company).toBe('示例物业');
    expect(org.people).toHaveLength(6);
    expect(org.centers).toEqual([
      expect.objectContaining({
        code: 'C001',
        manager: 'm1',
        leader: 'l1',
        supervisors: ['v1'],
        posts: ['大门岗', '南门岗', '监控中心', '巡逻岗'],
      }),
    ]);
  });

  it('a new manager in the file moves the duty on the given day; org show lists the past holder', async () => {
    const changed = exampleText
      .replace('  - { id: v1,', '  - { id: m2, name: 陈静, open_id: ou_m2, roles: [manager] }\n  - { id: v1,')
      .replace('    manager: m1', '    manager: m2');
    const file = path.join(dir, 'changed.yaml');
    writeFileSync(file, changed);
    const res = await run('org', 'import', file, '--day', '2026-12-03');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/roles opened 1, closed 1/);
    const text = (await run('org', 'show')).stdout;
    expect(text).toContain('manager m2 陈静');
    expect(text).toContain('past: manager m1 张伟 2026-11-01 → 2026-12-03');
  });

  it('a bad file exits 1 with the place of each problem and changes nothing', async () => {
    const before = (await run('org', 'show', '--json')).stdout;
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, exampleText.replace('    manager: m1', '    manager: p099').replace('roles: [leader]', 'roles: [chief]'));
    const res = await run('org', 'import', file);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('people[2].roles[0]: unknown role "chief"');
    expect((await run('org', 'show', '--json')).stdout).toBe(before);
  });

  it('a missing file and a bad --day are clear one-line errors', async () => {
    const missing = await run('org', 'import', path.join(dir, 'nope.yaml'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.yaml: cannot read the file \(ENOENT\)/);
    const badDay = await run('org', 'import', examplePath, '--day', '2026-13-01');
    expect(badDay).toMatchObject({ code: 1 });
    expect(badDay.stderr).toMatch(/--day must be a date written as YYYY-MM-DD/);
  });

  it('db migrate succeeds and is idempotent', async () => {
    expect((await run('db', 'migrate')).code).toBe(0);
    expect((await run('db', 'migrate')).code).toBe(0);
  });

  it('an unknown command prints the help and exits 1', async () => {
    const res = await run('frobnicate');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/unknown command "frobnicate"[\s\S]*steward org import FILE/);
  });
});
