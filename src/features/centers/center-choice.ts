// Choosing a center in a form: a dropdown when there are a few, past that a code-or-name input resolved on the server
// (a dropdown of 1,000 centers breaks both of Feishu's card limits: 200 elements and 30 KB).
import { CENTER_TEXT } from '../../lark/cards/center-text.ts';
import type { Field } from '../forms/fields.ts';

export interface CenterOption {
  code: string;
  name: string;
}

/** Up to this many centers are offered as a dropdown (each option is a plain_text element); past it, one input. */
const CENTER_PICK_MAX = 20;

/** The field for one center (or several, `multi`) among `centers`. */
export function centerField(centers: CenterOption[], opts: { name: string; label: string; multi?: boolean }): Field {
  const options = centers.map((c) => ({ value: c.code, label: c.name }));
  if (centers.length <= CENTER_PICK_MAX) {
    return opts.multi
      ? { kind: 'multiselect', name: opts.name, label: opts.label, options, min: 1 }
      : { kind: 'select', name: opts.name, label: opts.label, options };
  }
  return {
    kind: 'text',
    name: opts.name,
    label: opts.label,
    max: opts.multi ? 500 : 50,
    placeholder: opts.multi ? CENTER_TEXT.placeholderMany : CENTER_TEXT.placeholder,
  };
}

export type CenterMatch = { ok: true; code: string } | { ok: false; message: string };

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/** A typed code or name (or a dropdown's code) → the one center it means, or an error naming the field. */
export function resolveCenter(centers: CenterOption[], typed: unknown, label: string): CenterMatch {
  const raw = typeof typed === 'string' ? typed.trim() : '';
  const q = norm(raw);
  if (!q) return { ok: false, message: CENTER_TEXT.required(label) };
  const byCode = centers.find((c) => norm(c.code) === q);
  if (byCode) return { ok: true, code: byCode.code };
  const exact = centers.filter((c) => norm(c.name) === q);
  if (exact.length === 1) return { ok: true, code: exact[0]!.code };
  const partial = exact.length > 1 ? exact : centers.filter((c) => norm(c.name).includes(q));
  if (partial.length === 1) return { ok: true, code: partial[0]!.code };
  if (partial.length === 0) return { ok: false, message: CENTER_TEXT.notFound(label, raw) };
  return {
    ok: false,
    message: CENTER_TEXT.several(
      label,
      raw,
      partial.slice(0, 3).map((c) => c.name),
      partial.length,
    ),
  };
}

/** Several centers: a dropdown's list of codes, or one input with codes/names separated by 、，, ; or spaces. */
export function resolveCenters(
  centers: CenterOption[],
  typed: unknown,
  label: string,
): { ok: true; codes: string[] } | { ok: false; message: string } {
  const parts = Array.isArray(typed) ? typed.map(String) : typeof typed === 'string' ? typed.split(/[、,，;；\s]+/) : [];
  const words = parts.map((p) => p.trim()).filter(Boolean);
  if (words.length === 0) return { ok: false, message: CENTER_TEXT.required(label) };
  const codes: string[] = [];
  for (const w of words) {
    const m = resolveCenter(centers, w, label);
    if (!m.ok) return m;
    if (!codes.includes(m.code)) codes.push(m.code);
  }
  return { ok: true, codes };
}
