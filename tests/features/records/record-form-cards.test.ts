// Each record form makes a Lark card that Lark accepts: unique component names, within the size and component limits, short on phones.
import { describe, expect, it } from 'vitest';
import { formCard } from '../../../src/features/forms/form.ts';
import { RECORD_FORMS } from '../../../src/features/records/forms/index.ts';
import type { RecordContext } from '../../../src/features/records/record-form.ts';
import { BARE_CTX, CTX, LARGE_CTX } from './fixtures.ts';

const INTERACTIVE = new Set([
  'form',
  'input',
  'select_static',
  'multi_select_static',
  'date_picker',
  'picker_time',
  'picker_datetime',
  'checker',
  'select_person',
  'button',
]);
const MAX_BYTES = 30 * 1024;
const MAX_COMPONENTS = 200;

function walk(node: unknown, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((n) => walk(n, visit));
  }
}

function measure(ctx: RecordContext) {
  return RECORD_FORMS.map((form) => {
    const c = formCard(form, ctx, { submit: { a: 'record.submit' } });
    const names: string[] = [];
    let components = 0;
    walk(c.body, (o) => {
      if (typeof o.tag !== 'string') return;
      components++;
      if (INTERACTIVE.has(o.tag)) names.push(String(o.name));
    });
    return { id: form.id, bytes: Buffer.byteLength(JSON.stringify(c)), components, names };
  });
}

describe.each([
  ['a usual center', CTX],
  ['a large center (60 posts, 20 supervisors)', LARGE_CTX],
  ['a center with no posts or supervisors listed', BARE_CTX],
] as const)('record form cards for %s', (_, ctx) => {
  const cards = measure(ctx);

  it.each(cards)('$id: every interactive component has its own name', ({ names }) => {
    expect(names.every((n) => n && n !== 'undefined')).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(cards)('$id: stays within 30 KB and 200 components', ({ bytes, components }) => {
    expect(bytes).toBeLessThanOrEqual(MAX_BYTES);
    expect(components).toBeLessThanOrEqual(MAX_COMPONENTS);
  });

  it('never offers a select without options', () => {
    for (const form of RECORD_FORMS) {
      for (const f of form.fields(ctx))
        if (f.kind === 'select' || f.kind === 'multiselect') expect(f.options.length, `${form.id}.${f.name}`).toBeGreaterThan(0);
    }
  });
});

describe('record forms on a phone', () => {
  it.each(RECORD_FORMS.map((f) => [f.id, f] as const))('%s has 2 to 6 fields with unique names', (_, form) => {
    const fields = form.fields(CTX);
    expect(fields.length).toBeGreaterThanOrEqual(2);
    expect(fields.length).toBeLessThanOrEqual(6);
    expect(new Set(fields.map((f) => f.name)).size).toBe(fields.length);
  });

  it('keeps long text to 500 characters, 1000 only where the record needs it', () => {
    const long = RECORD_FORMS.flatMap((form) =>
      form
        .fields(CTX)
        .filter((f) => f.kind === 'text' && (f.max ?? 500) > 500)
        .map((f) => `${form.id}.${f.name}`),
    );
    expect(long.sort()).toEqual(
      [
        'annual_budget.items',
        'character_star.story',
        'forum_problems.list',
        'half_year_summary.summary',
        'monthly_plan.plan',
        'self_review.review',
        'service_story.story',
      ].sort(),
    );
    const over = RECORD_FORMS.flatMap((form) => form.fields(CTX).filter((f) => f.kind === 'text' && (f.max ?? 500) > 1000));
    expect(over).toEqual([]);
  });

  it('reports the largest card', () => {
    const largest = [...measure(CTX), ...measure(LARGE_CTX)].sort((a, b) => b.bytes - a.bytes)[0]!;
    console.info(`largest record card: ${largest.id}, ${largest.bytes} bytes, ${largest.components} components`);
    expect(largest.bytes).toBeGreaterThan(0);
  });
});
