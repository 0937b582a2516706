// Form fields as data: each kind knows its card component (JSON 2.0) and how to read and check the value Lark sends back.
import { z } from 'zod';
import { FORM_TEXT, markdown, plain, type CardElement } from '../../lark/cards/kit.ts';
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
  /** a yes/no confirmation (已签字, 已参加): true or false once read */
  | (Base & { kind: 'checker' })
  | (Base & { kind: 'person'; options: { openId: string }[] });

export type Prefill = Record<string, string | number | boolean | string[] | undefined>;

const DEFAULT_TEXT_MAX = 500;

/**
 * The checker kind's component is a 是/否 select, not Lark's `checker`: 勾选器 says "未配置 `behaviors` 时，终端用户可勾选，但仅本地有效",
 * and the form container's documented form_value holds no checker; a select's value is documented there ("Select_a2d5b7l3zd": "1").
 */
const YES = 'yes';
const NO = 'no';
const YES_NO = [
  { value: YES, label: '是' },
  { value: NO, label: '否' },
];

/**
 * A static select prefilled with the option whose value is `value`, by its position: 下拉选择-单选 documents
 * "initial_option … 下拉选择组件的初始选项的内容" (the option's text, not its value; its example: "选项1" for value "1") and
 * "initial_index … 1 表示展示第一个选项". The position names the option whatever its text and value are.
 */
function initialIndex(options: { value: string }[], value: unknown): { initial_index: number } | Record<string, never> {
  const i = options.findIndex((o) => o.value === value);
  return i >= 0 ? { initial_index: i + 1 } : {};
}

/** Placeholders: pickers and selects ask to choose (请选择…), inputs to fill (请填写). */
const PLACEHOLDER: Record<Field['kind'], string> = {
  text: '请填写',
  number: '请填写',
  select: '请选择',
  multiselect: '请选择',
  person: '请选择',
  checker: '请选择',
  date: '请选择日期',
  time: '请选择时间',
  datetime: '请选择日期和时间',
};

/** The card components for one field, prefilled. */
export function fieldComponents(f: Field, prefill?: Prefill[string]): CardElement[] {
  const required = f.required ?? true;
  const label = `${f.label}${required ? '' : '（选填）'}`;
  const placeholder = plain(f.placeholder ?? PLACEHOLDER[f.kind]);
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
          ...initialIndex(f.options, prefill),
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
      return [
        markdown(`**${label}**`),
        { tag: 'date_picker', name: f.name, required, placeholder, ...(typeof prefill === 'string' ? { initial_date: prefill } : {}) },
      ];
    case 'time':
      return [
        markdown(`**${label}**`),
        { tag: 'picker_time', name: f.name, required, placeholder, ...(typeof prefill === 'string' ? { initial_time: prefill } : {}) },
      ];
    case 'datetime':
      return [
        markdown(`**${label}**`),
        {
          tag: 'picker_datetime',
          name: f.name,
          required,
          placeholder,
          ...(typeof prefill === 'string' ? { initial_datetime: prefill } : {}),
        },
      ];
    case 'checker':
      // not required: left empty it reads as 否, and a form that needs 是 says so by name (ticked())
      return [
        markdown(`**${label}**`),
        {
          tag: 'select_static',
          name: f.name,
          required: false,
          placeholder,
          options: YES_NO.map((o) => ({ text: plain(o.label), value: o.value })),
          ...(typeof prefill === 'boolean' ? initialIndex(YES_NO, prefill ? YES : NO) : {}),
        },
      ];
    case 'person':
      return [
        markdown(`**${label}**`),
        { tag: 'select_person', name: f.name, required, placeholder, options: f.options.map((o) => ({ value: o.openId })) },
      ];
  }
}

/** Lark sends dates and times with an offset ("2026-11-27 +0800", "21:30 +0800"); the offset is Asia/Shanghai's. */
const stripOffset = (v: string) => v.replace(/\s*[+-]\d{4}$/, '').trim();

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Reads one field's value; returns the clean value, or a Chinese reason (`missing`: a required field left empty). */
function readField(f: Field, raw: unknown, today: string): { value: unknown } | { error: string; missing?: true } {
  if (empty(raw)) {
    if (f.kind === 'checker') return { value: false };
    return (f.required ?? true) ? { error: '必填', missing: true } : { value: null };
  }
  switch (f.kind) {
    case 'text': {
      if (typeof raw !== 'string') return { error: '应为文字' };
      const v = raw.trim();
      if (!v && (f.required ?? true)) return { error: '必填', missing: true };
      if (v.length > (f.max ?? DEFAULT_TEXT_MAX)) return { error: `不能超过 ${f.max ?? DEFAULT_TEXT_MAX} 字` };
      return { value: v };
    }
    case 'number': {
      const n =
        typeof raw === 'number'
          ? raw
          : Number(
              String(raw)
                .trim()
                .replace(/[,，%％]/g, ''),
            );
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
      // the select's values; a boolean as an old card's checker would have sent it
      if (raw === YES || raw === true) return { value: true };
      if (raw === NO || raw === false) return { value: false };
      return { error: '请从选项中选择' };
    case 'person':
      return typeof raw === 'string' && f.options.some((o) => o.openId === raw) ? { value: raw } : { error: '请从名单中选择' };
  }
}

/**
 * A zod schema for a whole form, from its fields: the server checks again what the client checked. Required fields left
 * empty come first, all in one issue that names them (「有必填项未填写：日期、内容」); then each other problem by its field.
 */
export function schemaOf(fields: Field[], today: string) {
  return z.record(z.string(), z.unknown()).transform((input, ctx) => {
    const out: Record<string, unknown> = {};
    const missing: Field[] = [];
    const problems: { f: Field; error: string }[] = [];
    for (const f of fields) {
      const r = readField(f, input[f.name], today);
      if ('value' in r) out[f.name] = r.value;
      else if (r.missing) missing.push(f);
      else problems.push({ f, error: r.error });
    }
    if (missing.length)
      ctx.addIssue({ code: 'custom', path: [missing[0]!.name], message: FORM_TEXT.requiredMissing(missing.map((f) => f.label)) });
    for (const { f, error } of problems) ctx.addIssue({ code: 'custom', path: [f.name], message: `${f.label}：${error}` });
    return out;
  });
}
