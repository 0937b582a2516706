// Small builders for Feishu card JSON 2.0 (schema 2.0, always shared so a PATCH updates it for everyone).

export type HeaderColor =
  | 'blue'
  | 'wathet'
  | 'turquoise'
  | 'green'
  | 'yellow'
  | 'orange'
  | 'red'
  | 'carmine'
  | 'violet'
  | 'purple'
  | 'indigo'
  | 'grey'
  | 'default';

export interface Card {
  schema: '2.0';
  config: { update_multi: true; summary?: { content: string } };
  header: { title: { tag: 'plain_text'; content: string }; subtitle?: { tag: 'plain_text'; content: string }; template: HeaderColor };
  body: { elements: CardElement[] };
}
export type CardElement = Record<string, unknown> & { tag: string };

export function card(opts: { title: string; subtitle?: string; color?: HeaderColor; summary?: string; elements: CardElement[] }): Card {
  return {
    schema: '2.0',
    config: { update_multi: true, ...(opts.summary ? { summary: { content: opts.summary } } : {}) },
    header: {
      title: { tag: 'plain_text', content: opts.title },
      ...(opts.subtitle ? { subtitle: { tag: 'plain_text', content: opts.subtitle } } : {}),
      template: opts.color ?? 'blue',
    },
    body: { elements: opts.elements },
  };
}

export const markdown = (content: string): CardElement => ({ tag: 'markdown', content });

/**
 * Text that people typed (or that comes from the org file), made safe to put in `markdown`: 富文本（Markdown） 特殊字符转义说明 —
 * "如果要展示的字符命中了 markdown 语法使用的特殊字符（例如 `*、~、>、<` 这些特殊符号），需要对特殊字符进行 HTML 转义，才可正常展示。"
 * Every character of its table is escaped as `&#实体编号;` (`~` as its listed `&sim;`), and `&` and `|` by the same HTML
 * standard it points to, so a typed `<at id=all></at>`, `<font color='red'>` or `**` shows as typed. A line starting
 * "1." (an ordered list) keeps its dot as `&#46;`.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[&<>~\-!*/\\[\]()#:+"'`$_|]/g, (c) => (c === '~' ? '&sim;' : `&#${c.charCodeAt(0)};`))
    .replace(/^(\s*\d+)\./gm, '$1&#46;');
}

/**
 * The first lines that fit in `maxBytes` (a card's body is at most 30 KB: 发送消息 "卡片消息、富文本消息请求体最大不能超过 30 KB"),
 * and how many were left out, for a 「另有 N …」 note.
 */
export function fitLines(lines: string[], maxBytes: number): { shown: string[]; more: number } {
  let bytes = 0;
  let n = 0;
  for (const l of lines) {
    bytes += Buffer.byteLength(JSON.stringify(JSON.stringify(l)), 'utf8') - 3; // as sent: a JSON string inside the body's content string, plus its line break
    if (bytes > maxBytes) break;
    n++;
  }
  return { shown: lines.slice(0, n), more: lines.length - n };
}

/** As many lines as fit under a heading (one markdown element: one per line would pass 200 elements), and a note of how many more. */
export function fittedList(
  head: string,
  lines: string[],
  unit: string,
  opts: { maxBytes?: number; separator?: string } = {},
): CardElement[] {
  const { shown, more } = fitLines(lines, opts.maxBytes ?? 20_000);
  return [
    markdown(`${head}${shown.join(opts.separator ?? '\n')}`),
    ...(more ? [note(`另有 ${more} ${unit}未列出（卡片篇幅有限）。`)] : []),
  ];
}

/** Small grey text (card 2.0 has no `note` element). */
export const note = (content: string): CardElement => ({
  tag: 'markdown',
  content: `<font color='grey'>${content}</font>`,
  text_size: 'notation',
});

export const plain = (content: string) => ({ tag: 'plain_text' as const, content });

/** A button that calls back with `value` (its `a` names the action handler). */
export function button(opts: {
  name: string;
  text: string;
  value: ActionValue;
  type?: 'default' | 'primary' | 'danger';
  submit?: boolean;
}): CardElement {
  return {
    tag: 'button',
    name: opts.name,
    text: plain(opts.text),
    type: opts.type ?? 'default',
    behaviors: [{ type: 'callback', value: opts.value }],
    ...(opts.submit ? { form_action_type: 'submit' } : {}),
  };
}

/** The value every callback carries: `a` is the action id routed by the card-action registry. */
export type ActionValue = { a: string } & Record<string, string | number | boolean>;

export function form(name: string, elements: CardElement[]): CardElement {
  return { tag: 'form', name, elements };
}

export function timePicker(opts: { name: string; label: string; initial?: string; required?: boolean }): CardElement[] {
  return [
    markdown(`**${opts.label}**`),
    {
      tag: 'picker_time',
      name: opts.name,
      required: opts.required ?? true,
      placeholder: plain('请选择时间'),
      ...(opts.initial ? { initial_time: opts.initial } : {}),
    },
  ];
}

/** What every form says back (the field problems themselves are each field's label and reason: 「夜查时间：应在夜间」). */
export const FORM_TEXT = {
  /** required fields left empty, named by their labels: 「有必填项未填写：日期、内容」 */
  requiredMissing: (labels: string[]) => `有必填项未填写：${labels.join('、')}`,
};

/** A short answer in a card: a refusal, a "nothing to do", a hint. */
export function noticeCard(text: string, title = '物服管家'): Card {
  return card({ title, color: 'grey', elements: [markdown(text)] });
}

/** A paged list's buttons: 上一页, and 更多（还有 N 项） when more follow. */
export function pageButtons(p: {
  name: string;
  remaining: number;
  unit: string;
  moreValue?: ActionValue;
  backValue?: ActionValue;
  moreType?: 'default' | 'primary';
}): CardElement[] {
  return [
    ...(p.backValue ? [button({ name: `${p.name}_back`, text: '上一页', value: p.backValue })] : []),
    ...(p.moreValue
      ? [button({ name: `${p.name}_more`, text: `更多（还有 ${p.remaining} ${p.unit}）`, type: p.moreType, value: p.moreValue })]
      : []),
  ];
}
