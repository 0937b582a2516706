// The largest card Steward sends: a reminder carrying the largest form, for a large center, within Lark's limits.
import { describe, expect, it } from 'vitest';
import { recordFormElement } from '../../../src/features/records/open-form.ts';
import { RECORD_FORMS } from '../../../src/features/records/forms/index.ts';
import { reminderCard } from '../../../src/lark/cards/duty-cards.ts';
import { LARGE_CTX } from './fixtures.ts';

const count = (node: unknown): number =>
  Array.isArray(node)
    ? node.reduce((n, x) => n + count(x), 0)
    : node && typeof node === 'object'
      ? (typeof (node as { tag?: unknown }).tag === 'string' ? 1 : 0) + count(Object.values(node))
      : 0;

describe('the largest reminder card', () => {
  it('stays within 30 KB and 200 components for every form, for a center with 60 posts and 20 supervisors', () => {
    const sizes = RECORD_FORMS.map((form) => {
      const card = reminderCard({
        title: form.title,
        due: '今天 16:30',
        period: '2026年11月',
        lastCall: true,
        body: [recordFormElement({ form, ownerId: 'm1', centerCode: 'C001', duty: null }, LARGE_CTX)],
      });
      return { id: form.id, bytes: Buffer.byteLength(JSON.stringify(card)), components: count(card.body) };
    });
    const largest = sizes.sort((a, b) => b.bytes - a.bytes)[0]!;
    expect(largest.bytes).toBeLessThanOrEqual(30 * 1024);
    expect(Math.max(...sizes.map((s) => s.components))).toBeLessThanOrEqual(200);
    expect(largest.id).toBe('day_patrol');
  });
});
