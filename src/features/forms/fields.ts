// Form fields as data: each kind knows its card component (JSON 2.0) and how to read and check the value Lark sends back.
import { z } from 'zod';
import { markdown, plain, type CardElement } from '../../lark/cards/kit.ts';
import { isIsoDay } from '../../lib/shanghai.ts';

interface Base {
  name: string;
  /** Chinese label, also used in error toasts ("夜查时间：…") */
  label: string;
  required?: boolean;
  placeholder?: string;
}

export type Field =
  | (Base & { kind: 'text'; max?: number; multiline?: boolean })
  | (Base & { kind: 'number'; min?: number; max?: number; integer?: boolean; unit?: string })
  | (Base & { kind: 'select'; options: { value: string; label: string }[] })
  | (Base & { kind: 'multiselect'; options: { value: string; label: string }[]; min?: number })
  | (Base & { kind: 'date'; notFuture?: boolean })
  | (Base & { kind: 'time' })
  | (Base & { kind: 'datetime'; notFuture?: boolean })
  | (Base & { kind: 'checker' })
  | (Base & { kind: 'person'; options: { openId: string }[] });

export type Prefill = Record<string, string | number | boolean | string[] | undefined>;

const DEFAULT_TEXT_MAX = 500;

/** The card components for one field, prefilled. */
export function fieldComponents(f: Field, prefill?: Prefill[string]): CardElement[] {
  const required = f.required ?? true;
  const label = `${f.label}${required ? '' : '（选填）'}`;
  const placeholder = plain(f.placeholder ?? (f.kind === 'select' || f.kind === 'multiselect' || f.kind === 'person' ? '请选择' : '请填写'));
  switch (f.kind) {
    case 'text':
    case 'number':
      return [
        {
          tag: 'input',
          name: f.name,
          required,
          label: plain(label + (f.kind === 'number' && f.unit ? `（${f.unit}）` : '')),
          label_position: 'top',
          placeholder,
          max_length: f.kind === 'text' ? (f.max ?? DEFAULT_TEXT_MAX) : 20,
          ...(f.kind === 'text' && f.multiline ? { input_type: 'multiline_text', rows: 3, auto_resize: true } : {}),
          ...(prefill !== undefined ? { default_value: String(prefill) } : {}),
        },
      ];
    case 'select':
      return [
        markdown(`**${label}**`),
        {
          tag: 'select_static',
          name: f.name,
          required,
          placeholder,
          options: f.options.map((o) => ({ text: plain(o.label), value: o.value })),
          ...(typeof prefill === 'string' ? { initial_option: prefill } : {}),
        },
      ];
    case 'multiselect':
      return [
        markdown(`**${label}**`),
        {
          tag: 'multi_select_static',
          name: f.name,
          required,
          placeholder,
          options: f.options.map((o) => ({ text: plain(o.label), value: o.value })),
          ...(Array.isArray(prefill) ? { selected_values: prefill } : {}),
        },
      ];
    case 'date':
      return [markdown(`**${label}**`), { tag: 'date_picker', name: f.name, required, placeholder, ...(typeof prefill === 'string' ? { initial_date: prefill } : {}) }];
    case 'time':
      return [markdown(`**${label}**`), { tag: 'picker_time', name: f.name, required, placeholder, ...(typeof prefill === 'string' ? { initial_time: prefill } : {}) }];
    case 'datetime':
      return [markdown(`**${label}**`), { tag: 'picker_datetime', name: f.name, required, placeholder, ...(typeof prefill === 'string' ? { initial_datetime: prefill } : {}) }];
    case 'checker':
      return [{ tag: 'checker', name: f.name, checked: prefill === true, text: plain(f.label) }];
    case 'person':
      return [markdown(`**${label}**`), { tag: 'select_person', name: f.name, required, placeholder, options: f.options.map((o) => ({ value: o.openId })) }];
  }
}

/** Lark sends dates and times with an offset ("2026-11-27 +0800", "21:30 +0800"); the offset is Asia/Shanghai's. */
const stripOffset = (v: string) => v.replace(/\s*[+-]\d{4}$/, '').trim();

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Reads one field's value; returns the clean value or a Chinese reason. */
export function readField(f: Field, raw: unknown, today: string): { value: unknown } | { error: string } {
  if (empty(raw)) {
    if (f.kind === 'checker') return { value: false };
    return (f.required ?? true) ? { error: '必填' } : { value: null };
  }
  switch (f.kind) {
    case 'text': {
      if (typeof raw !== 'string') return { error: '应为文字' };
      const v = raw.trim();
      if (!v && (f.required ?? true)) return { error: '必填' };
      if (v.length > (f.max ?? DEFAULT_TEXT_MAX)) return { error: `不能超过 ${f.max ?? DEFAULT_TEXT_MAX} 字` };
      return { value: v };
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim().replace(/[,，%％]/g, ''));
      if (!Number.isFinite(n)) return { error: '应为数字' };
      if (f.integer && !Number.isInteger(n)) return { error: '应为整数' };
      if (f.min !== undefined && n < f.min) return { error: `不能小于 ${f.min}` };
      if (f.max !== undefined && n > f.max) return { error: `不能大于 ${f.max}` };
      return { value: n };
    }
    case 'select':
      return typeof raw === 'string' && f.options.some((o) => o.value === raw) ? { value: raw } : { error: '请从选项中选择' };
    case 'multiselect': {
      const list = Array.isArray(raw) ? raw : [raw];
      if (!list.every((v) => typeof v === 'string' && f.options.some((o) => o.value === v))) return { error: '请从选项中选择' };
      if (f.min !== undefined && list.length < f.min) return { error: `至少选择 ${f.min} 项` };
      return { value: [...new Set(list as string[])] };
    }
    case 'date': {
      const v = stripOffset(String(raw));
      if (!isIsoDay(v)) return { error: '日期无效' };
      if (f.notFuture && v > today) return { error: '不能晚于今天' };
      return { value: v };
    }
    case 'time': {
      const v = stripOffset(String(raw));
      return /^([01]\d|2[0-3]):[0-5]\d$/.test(v) ? { value: v } : { error: '时间无效' };
    }
    case 'datetime': {
      const v = stripOffset(String(raw));
      const m = /^(\d{4}-\d{2}-\d{2}) ([01]\d|2[0-3]):([0-5]\d)$/.exec(v);
      if (!m || !isIsoDay(m[1]!)) return { error: '时间无效' };
      if (f.notFuture && m[1]! > today) return { error: '不能晚于今天' };
      return { value: v };
    }
    case 'checker':
      return { value: raw === true || raw === 'true' };
    case 'person':
      return typeof raw === 'string' && f.options.some((o) => o.openId === raw) ? { value: raw } : { error: '请从名单中选择' };
  }
}

/** A zod schema for a whole form, from its fields: the server checks again what the client checked. */
export function schemaOf(fields: Field[], today: string) {
  return z.record(z.string(), z.unknown()).transform((input, ctx) => {
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      const r = readField(f, input[f.name], today);
      if ('error' in r) ctx.addIssue({ code: 'custom', path: [f.name], message: `${f.label}：${r.error}` });
      else out[f.name] = r.value;
    }
    return out;
  });
}
