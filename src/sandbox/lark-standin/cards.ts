// Card JSON helpers of the stand-in's client side: 2.0 vs 1.0, forms, buttons, field defaults, required checks (validity: content.ts).
import type { Json } from './types.ts';

export type Node = Record<string, Json>;

const isObject = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);

const isV2 = (card: unknown): boolean => isObject(card) && card.schema === '2.0';

/** A template/card-id reference rather than card JSON: it can neither be inspected nor downgraded. */
export const isReference = (card: unknown): boolean => isObject(card) && (card.type === 'template' || card.type === 'card');

/** Visits every object in a JSON tree, depth first. */
function walk(x: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(x)) for (const v of x) walk(v, visit);
  else if (isObject(x)) {
    visit(x);
    for (const v of Object.values(x)) walk(v, visit);
  }
}

const rootElements = (card: Node): unknown[] =>
  Array.isArray(card.body?.elements) ? card.body.elements : Array.isArray(card.elements) ? card.elements : [];

function findAll(x: unknown, pred: (n: Node) => boolean): Node[] {
  const out: Node[] = [];
  walk(x, (o) => {
    if (pred(o)) out.push(o);
  });
  return out;
}

const isButton = (n: Node) => n.tag === 'button';
const isSubmit = (n: Node) => isButton(n) && n.form_action_type === 'submit';

/** The form (a root-level "form" element) and its submit button, by button name or the first submit button. */
export function findSubmit(card: Node, buttonName?: string): { form: Node; button: Node } | undefined {
  for (const form of rootElements(card).filter((e): e is Node => isObject(e) && e.tag === 'form')) {
    const button = findAll(form.elements, isSubmit).find((b) => buttonName === undefined || b.name === buttonName);
    if (button) return { form, button };
  }
  return undefined;
}

/** Any button by name (or the first one). */
export const findButton = (card: Node, name?: string): Node | undefined =>
  findAll(card, isButton).find((b) => name === undefined || b.name === name);

/** A button's callback value: behaviors[0].value (type callback), else the legacy `value`. */
export function buttonValue(button: Node): unknown {
  const behaviors = Array.isArray(button.behaviors) ? button.behaviors : [];
  const cb = behaviors.find((b: Node) => isObject(b) && b.type === 'callback') ?? behaviors[0];
  return cb?.value ?? button.value ?? {};
}

/** The named input components of a form (buttons excluded). */
export const formFields = (form: Node): Node[] =>
  findAll(form.elements, (n) => typeof n.tag === 'string' && typeof n.name === 'string' && !isButton(n));

/** Text of a markdown or plain text node, without its markup ("**日期（选填）**" → "日期"). */
const bare = (t: unknown): string =>
  String(t ?? '')
    .replace(/<[^>]+>/g, '')
    .replace(/[*_~`]/g, '')
    .replace(/（选填）$/, '')
    .trim();

/**
 * What a person reads as a field's name: its own label (input), else the text right above it (a bold label line, as
 * forms put over pickers and selects), else its placeholder, else its name.
 */
export function fieldLabels(form: Node): Map<string, string> {
  const out = new Map<string, string>();
  let above: string | undefined;
  const visit = (list: unknown) => {
    for (const el of Array.isArray(list) ? list : []) {
      if (!isObject(el)) continue;
      if (el.tag === 'markdown' || el.tag === 'div') {
        above = bare(el.tag === 'markdown' ? el.content : el.text?.content);
        continue;
      }
      if (typeof el.name === 'string' && !isButton(el))
        out.set(el.name, bare(el.label?.content) || above || bare(el.placeholder?.content) || el.name);
      above = undefined;
      if (Array.isArray(el.elements)) visit(el.elements);
      if (Array.isArray(el.columns)) for (const c of el.columns) visit(isObject(c) ? c.elements : undefined);
    }
  };
  visit(form.elements);
  return out;
}

/** What an untouched field submits, in Lark's value formats. */
export function defaultValue(f: Node): unknown {
  switch (f.tag) {
    case 'input':
      return f.default_value;
    case 'select_static':
      return selectDefault(f);
    case 'select_person':
      // 人员选择-单选: "initial_option … 选项展示的初始人员的 open_id。"
      return f.initial_option;
    case 'multi_select_static':
    case 'multi_select_person':
      return f.selected_values;
    case 'date_picker':
      return f.initial_date ? `${f.initial_date} +0800` : undefined;
    case 'picker_time':
      return f.initial_time ? `${f.initial_time} +0800` : undefined;
    case 'picker_datetime':
      return f.initial_datetime ? `${f.initial_datetime} +0800` : undefined;
    case 'checker':
      return f.checked;
    default:
      return undefined;
  }
}

/**
 * A static select's initial choice, submitted as that option's value. 下拉选择-单选: "initial_option … 下拉选择组件的初始选项的
 * 内容。该配置将会覆盖 `placeholder` 配置的占位文本和 initial_index 配置的选项。" and "initial_index … 0 表示不展示初始选项。
 * 1 表示展示第一个选项。"
 */
function selectDefault(f: Node): string | undefined {
  const options: Node[] = Array.isArray(f.options) ? f.options.filter(isObject) : [];
  if (typeof f.initial_option === 'string') return options.find((o) => o.text?.content === f.initial_option)?.value;
  if (Number.isInteger(f.initial_index) && f.initial_index > 0) return options[f.initial_index - 1]?.value;
  return undefined;
}

export const isEmpty = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** A 2.0 card may not be replaced by a 1.0 card (template references are allowed either way). */
export const isDowngrade = (current: unknown, next: unknown): boolean => isV2(current) && !isV2(next) && !isReference(next);
