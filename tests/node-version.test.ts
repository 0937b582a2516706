// The supported runtime: Node 24 LTS in the image, in `engines`, in the types, and under CI (which picks its node itself).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');

describe('the Node version Steward supports', () => {
  it('every stage of the Dockerfile is node 24, and package.json asks for node 24 with its types', () => {
    const froms = read('Dockerfile')
      .split('\n')
      .filter((l) => /^FROM\s/i.test(l));
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const f of froms) expect(f).toMatch(/^FROM node:24-bookworm-slim\b/);
    const pkg = JSON.parse(read('package.json'));
    expect(pkg.engines.node).toBe('>=24');
    expect(pkg.devDependencies['@types/node']).toMatch(/^\^24\./);
  });

  it('CI installs node 24 from the npm registry and fails on an engine warning', () => {
    const ci = read('.ci/run');
    expect(ci).toMatch(/npm install --prefix "\$NODE_HOME" .*node@24/);
    expect(ci).toContain('export PATH="$NODE_HOME/node_modules/.bin:$PATH"');
    expect(ci).toMatch(/grep -q EBADENGINE/);
  });

  it('under CI the suite runs on the node major CI chose', () => {
    const expected = process.env.STEWARD_EXPECT_NODE_MAJOR;
    const major = Number(process.versions.node.split('.')[0]);
    if (expected) expect(major).toBe(Number(expected));
    // outside CI, whatever runs it must at least be a node the image could have been (20 on this machine, or later)
    else expect(major).toBeGreaterThanOrEqual(20);
  });
});
