// Renders Feishu card JSON 2.0 (the elements Steward uses) as DOM, and collects form values in Lark's formats.
// Everything from the card goes through textContent or escaped markdown: no HTML from a card reaches the page.

/** Makes an element: h('div', 'cls', child, 'text', …). */
function h(tag, cls, ...children) {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  for (const c of children) if (c != null) el.append(c);
  return el;
}

const text = (t) => (t && typeof t === 'object' ? String(t.content ?? '') : t == null ? '' : String(t));

// ---------- markdown ----------

const FONT_OPEN = /<font\s+color\s*=\s*['"]?([#\w-]+)['"]?\s*>/i;
const TOKEN =
  /<font\s+color\s*=\s*['"]?[#\w-]+['"]?\s*>|<\/font>|\*\*|~~|\*|\[([^\]\n]*)\]\(([^)\s]*)\)|<br\s*\/?>|<at\s+(?:user_)?id\s*=\s*['"]?([\w-]+)['"]?\s*>([^<]*)<\/at>/gi;
const SAFE_URL = /^(https?:|mailto:|\/)/i;

function fontColor(el, color) {
  if (/^#[0-9a-f]{3,8}$/i.test(color)) el.style.color = color;
  else el.classList.add(`c-${color.toLowerCase()}`);
}

/** The index of the `</font>` closing the one opened before `from`, or -1. */
function closingFont(s, from) {
  const re = /<font\b[^>]*>|<\/font>/gi;
  re.lastIndex = from;
  let depth = 1;
  for (let m; (m = re.exec(s)); ) {
    depth += m[0][1] === '/' ? -1 : 1;
    if (depth === 0) return m.index;
  }
  return -1;
}

/** Markdown's escapes (富文本 特殊字符转义: `&#60;` `&sim;` …) shown as the characters they stand for. */
const NAMED = { nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003', sim: '~', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s) =>
  s.replace(/&(#\d{1,6}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (m, e) => {
    if (e[0] !== '#') return NAMED[e.toLowerCase()] ?? m;
    const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
    return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
  });

/** Appends the inline markdown of `s` to `parent`. */
function inline(s, parent, ctx) {
  const re = new RegExp(TOKEN.source, 'gi'); // one per call: inline() recurses
  let i = 0;
  for (let m; (m = re.exec(s)); ) {
    const tok = m[0];
    const after = m.index + tok.length;
    let el = null;
    let end = after; // where scanning resumes
    if (tok[0] === '<' && FONT_OPEN.test(tok)) {
      const close = closingFont(s, after);
      if (close >= 0) {
        el = h('span');
        fontColor(el, FONT_OPEN.exec(tok)[1]);
        inline(s.slice(after, close), el, ctx);
        end = close + '</font>'.length;
      }
    } else if (/^<\/font>$/i.test(tok)) {
      el = document.createTextNode(''); // a stray closing tag: drop it
    } else if (tok === '**' || tok === '~~' || tok === '*') {
      const close = s.indexOf(tok, after);
      if (close > after && !(tok === '*' && s[after] === ' ')) {
        el = h(tok === '**' ? 'strong' : tok === '~~' ? 's' : 'em');
        inline(s.slice(after, close), el, ctx);
        end = close + tok.length;
      }
    } else if (tok[0] === '[') {
      const url = m[2];
      el = SAFE_URL.test(url) ? Object.assign(h('a'), { href: url, target: '_blank', rel: 'noopener noreferrer' }) : h('span');
      inline(m[1], el, ctx);
    } else if (/^<br/i.test(tok)) {
      el = h('br');
    } else if (/^<at/i.test(tok)) {
      const id = m[3];
      const who = id === 'all' ? '所有人' : m[4] || ctx.people?.find((p) => p.openId === id)?.name || id;
      el = h('span', 'at', `@${who}`);
    }
    if (!el) continue; // not a token here (an unclosed ** or *): leave it as text
    parent.append(decode(s.slice(i, m.index)), el);
    i = end;
    re.lastIndex = end;
  }
  parent.append(decode(s.slice(i)));
}

/** Splits into lines, closing a <font> at each line end and reopening it on the next line. */
function lines(content) {
  const out = [];
  let open = [];
  for (const line of content.replace(/\r\n?/g, '\n').split('\n')) {
    const full = open.join('') + line;
    const stack = [];
    for (const m of full.matchAll(/<font\b[^>]*>|<\/font>/gi)) {
      if (m[0][1] === '/') stack.pop();
      else stack.push(m[0]);
    }
    out.push({ raw: line, full: full + '</font>'.repeat(stack.length) });
    open = stack;
  }
  return out;
}

/** Feishu-flavoured markdown: bold, italic, strike, font colours, links, lists, headings, line breaks. */
export function renderMarkdown(content, ctx = {}) {
  const root = h('div', 'md');
  let list = null;
  for (const { raw, full } of lines(String(content ?? ''))) {
    const bullet = /^\s*[-*+]\s+/.exec(raw);
    const ordered = /^\s*(\d+)\.\s+/.exec(raw);
    const heading = /^(#{1,6})\s+/.exec(raw);
    const strip = (re) => full.replace(re, '');
    if (bullet || ordered) {
      if (!list) root.append((list = h('div', 'md-list')));
      const item = h('div', 'md-li', h('span', 'md-mark', bullet ? '•' : `${ordered[1]}.`));
      const body = h('span', 'md-body');
      inline(strip(bullet ? /^(<font\b[^>]*>)*\s*[-*+]\s+/ : /^(<font\b[^>]*>)*\s*\d+\.\s+/).replace(/^/, open(full)), body, ctx);
      item.append(body);
      list.append(item);
      continue;
    }
    list = null;
    if (!raw.trim()) {
      root.append(h('div', 'md-gap'));
      continue;
    }
    const line = h('div', heading ? `md-h md-h${heading[1].length}` : 'md-line');
    inline(heading ? full.replace(/^(<font\b[^>]*>)*#{1,6}\s+/, open(full)) : full, line, ctx);
    root.append(line);
  }
  return root;
}
/** The <font> tags a reopened line starts with (kept when its list or heading marker is cut). */
const open = (full) => /^(<font\b[^>]*>)*/i.exec(full)[0];

// ---------- elements ----------

const HEADER = new Set([
  'blue',
  'wathet',
  'turquoise',
  'green',
  'yellow',
  'orange',
  'red',
  'carmine',
  'violet',
  'purple',
  'indigo',
  'grey',
  'default',
]);

function placeholder(label) {
  return h('div', 'card-unknown', label);
}

function renderElements(elements, ctx) {
  const frag = document.createDocumentFragment();
  for (const el of Array.isArray(elements) ? elements : []) {
    try {
      frag.append(renderElement(el, ctx));
    } catch (err) {
      console.warn('card element failed', el, err);
      frag.append(placeholder(`[无法显示的组件 ${el?.tag ?? ''}]`));
    }
  }
  return frag;
}

function renderElement(el, ctx) {
  if (!el || typeof el !== 'object') return placeholder('[无效组件]');
  switch (el.tag) {
    case 'markdown':
    case 'lark_md': {
      const md = renderMarkdown(el.content, ctx);
      if (el.text_size === 'notation') md.classList.add('notation');
      if (el.text_align === 'center' || el.text_align === 'right') md.style.textAlign = el.text_align;
      return md;
    }
    case 'plain_text':
      return h('div', 'plain', text(el));
    case 'div': {
      const t = el.text ?? {};
      const d = h('div', 'card-div');
      d.append(t.tag === 'lark_md' ? renderMarkdown(t.content, ctx) : h('div', 'plain', text(t)));
      if (t.text_size === 'notation') d.classList.add('notation');
      return d;
    }
    case 'note':
      return h('div', 'md notation', renderElements(el.elements, ctx));
    case 'hr':
      return h('hr', 'card-hr');
    case 'column_set': {
      const row = h('div', 'columns');
      for (const col of el.columns ?? []) {
        const c = h('div', 'column', renderElements(col.elements, ctx));
        c.style.flex = `${Number(col.weight) || 1} 1 0`;
        row.append(c);
      }
      return row;
    }
    case 'collapsible_panel': {
      const d = h('details', 'panel', h('summary', '', text(el.header?.title) || '展开'), renderElements(el.elements, ctx));
      d.open = !!el.expanded;
      return d;
    }
    case 'form': {
      const f = h('form', 'card-form');
      f.dataset.form = el.name ?? '';
      f.addEventListener('submit', (e) => e.preventDefault());
      f.append(renderElements(el.elements, { ...ctx, form: f }));
      return f;
    }
    case 'action': // card 1.0
      return h('div', 'actions', renderElements(el.actions, ctx));
    case 'button':
      return renderButton(el, ctx);
    case 'input':
      return renderInput(el);
    case 'select_static':
    case 'select_person':
      return renderSelect(el, ctx);
    case 'multi_select_static':
    case 'multi_select_person':
      return renderMulti(el, ctx);
    case 'date_picker':
      return field(el, 'date', el.initial_date);
    case 'picker_time':
      return field(el, 'time', el.initial_time);
    case 'picker_datetime':
      return field(el, 'datetime-local', el.initial_datetime && String(el.initial_datetime).replace(' ', 'T'));
    case 'checker': {
      const box = Object.assign(h('input'), { type: 'checkbox', checked: !!el.checked });
      mark(box, el, 'checker');
      return h('label', 'checker', box, h('span', '', text(el.text)));
    }
    case 'table':
      return renderTable(el);
    case 'chart':
      return renderChart(el);
    case 'img':
    case 'image':
      return placeholder('[图片]');
    default:
      return placeholder(`[暂不支持的组件：${el.tag ?? '未知'}]`);
  }
}

/** Gives a form control its hooks: data-field, its kind, required. */
function mark(control, el, kind) {
  control.dataset.field = el.name ?? '';
  control.dataset.kind = kind;
  if (el.required) control.dataset.required = 'true';
  if (el.disabled) control.disabled = true;
  return control;
}

function labelled(el, control, tag = 'label') {
  const label = text(el.label);
  if (!label) return h('div', 'field', control);
  return h(tag, 'field', h('span', 'field-label', el.required ? h('span', 'req', '*') : null, label), control);
}

function renderInput(el) {
  const multi = el.input_type === 'multiline_text';
  const c = h(multi ? 'textarea' : 'input', 'ctl');
  if (multi) c.rows = Number(el.rows) || 3;
  else c.type = el.input_type === 'password' ? 'password' : 'text';
  c.placeholder = text(el.placeholder);
  if (el.max_length) c.maxLength = Number(el.max_length);
  if (el.default_value != null) c.value = String(el.default_value);
  return labelled(el, mark(c, el, 'input'));
}

const personName = (id, ctx) => ctx.people?.find((p) => p.openId === id)?.name ?? id;
const optionsOf = (el, ctx) =>
  (el.options ?? []).map((o) => ({
    value: String(o.value ?? ''),
    label: el.tag.endsWith('_person') ? personName(o.value, ctx) : text(o.text) || String(o.value ?? ''),
  }));

/**
 * A select's initial value. select_static: initial_option is the option's text ("下拉选择组件的初始选项的内容"), initial_index its
 * position from 1; select_person: initial_option is the person's open_id.
 */
function initialOf(el, ctx) {
  const options = optionsOf(el, ctx);
  if (el.tag === 'select_person') return el.initial_option != null ? String(el.initial_option) : '';
  if (el.initial_option != null) return (el.options ?? []).find((o) => text(o?.text) === String(el.initial_option))?.value ?? '';
  const i = Number(el.initial_index);
  return Number.isInteger(i) && i > 0 && options[i - 1] ? options[i - 1].value : '';
}

function renderSelect(el, ctx) {
  const s = h('select', 'ctl');
  const none = Object.assign(h('option', '', text(el.placeholder) || '请选择'), { value: '' });
  s.append(none);
  for (const o of optionsOf(el, ctx)) s.append(Object.assign(h('option', '', o.label), { value: o.value }));
  s.value = initialOf(el, ctx);
  return labelled(el, mark(s, el, 'select'));
}

function renderMulti(el, ctx) {
  const box = h('div', 'multi');
  const selected = new Set((el.selected_values ?? []).map(String));
  for (const o of optionsOf(el, ctx)) {
    const c = Object.assign(h('input'), { type: 'checkbox', value: o.value, checked: selected.has(o.value) });
    box.append(h('label', 'multi-opt', c, h('span', '', o.label)));
  }
  return labelled(el, mark(box, el, 'multi'), 'div');
}

function field(el, type, initial) {
  const c = Object.assign(h('input', 'ctl'), { type });
  if (initial) c.value = String(initial);
  return labelled(el, mark(c, el, type === 'datetime-local' ? 'datetime' : type));
}

// ---------- values, in Lark's formats ----------

/** One control's value as Lark sends it; undefined when empty. */
function controlValue(c) {
  const v = typeof c.value === 'string' ? c.value : '';
  switch (c.dataset.kind) {
    case 'checker':
      return c.checked;
    case 'multi': {
      const list = [...c.querySelectorAll('input:checked')].map((x) => x.value);
      return list.length ? list : undefined;
    }
    case 'date':
      return v ? `${v} +0800` : undefined;
    case 'time':
      return v ? `${v.slice(0, 5)} +0800` : undefined;
    case 'datetime':
      return v ? `${v.replace('T', ' ').slice(0, 16)} +0800` : undefined;
    default:
      return v === '' ? undefined : v;
  }
}

/** The form's values; `missing` lists the required controls left empty. */
export function collectForm(form) {
  const values = {};
  const missing = [];
  for (const c of form.querySelectorAll('[data-field]')) {
    const v = controlValue(c);
    const empty = v === undefined || (typeof v === 'string' && !v.trim());
    if (c.dataset.required === 'true' && c.dataset.kind !== 'checker' && empty) missing.push(c);
    if (v !== undefined) values[c.dataset.field] = v;
  }
  return { values, missing };
}

/**
 * What a person reads as a control's name: its own label (an input's), else the line right above it (the bold label that
 * forms put over pickers and selects), else its placeholder.
 */
function labelOf(c) {
  const wrap = c.closest('.field') ?? c;
  const own = wrap.querySelector(':scope > .field-label');
  if (own)
    return own.textContent
      .replace(/^\*/, '')
      .replace(/（选填）$/, '')
      .trim();
  const above = wrap.previousElementSibling;
  if (above && !above.querySelector('[data-field], button')) return above.textContent.replace(/（选填）$/, '').trim();
  return c.placeholder || c.dataset.field;
}

// ---------- buttons ----------

function renderButton(el, ctx) {
  const type = ['primary', 'danger', 'primary_filled', 'danger_filled', 'text', 'laser'].includes(el.type)
    ? el.type.replace(/_filled$/, '')
    : 'default';
  const b = h('button', `btn btn-${type}`, text(el.text) || '按钮');
  b.type = 'button';
  b.dataset.button = el.name ?? '';
  if (el.disabled) b.disabled = true;
  const url = (el.behaviors ?? []).find((x) => x.type === 'open_url');
  b.addEventListener('click', () => {
    if (url) return void window.open(url.default_url ?? url.pc_url, '_blank', 'noopener');
    const form = ctx.form ?? b.closest('form');
    if (el.form_action_type === 'reset' && form) return void form.reset();
    if (el.form_action_type === 'submit' && form) {
      const { values, missing } = collectForm(form);
      form.querySelectorAll('.missing').forEach((x) => x.classList.remove('missing'));
      if (missing.length) {
        missing.forEach((x) => x.classList.add('missing'));
        ctx.onToast?.({ type: 'warning', content: `有必填项未填写：${missing.map(labelOf).join('、')}` });
        return;
      }
      return busy(b, () => ctx.onSubmit?.(el.name, values));
    }
    const cb = (el.behaviors ?? []).find((x) => x.type === 'callback');
    return busy(b, () => ctx.onClick?.(el.name, cb?.value ?? el.value ?? {}));
  });
  return b;
}

/** Disables the card's buttons while the call is in flight. */
async function busy(button, call) {
  const card = button.closest('.card') ?? button;
  const buttons = [...card.querySelectorAll('button.btn:not(:disabled)')];
  buttons.forEach((x) => (x.disabled = true));
  button.classList.add('loading');
  try {
    await call();
  } finally {
    buttons.forEach((x) => (x.disabled = false));
    button.classList.remove('loading');
  }
}

// ---------- table and chart ----------

function cellText(v) {
  if (Array.isArray(v)) return v.map(cellText).join('、');
  if (v && typeof v === 'object') return text(v.text ?? v);
  return v == null ? '' : String(v);
}

function renderTable(el) {
  const cols = el.columns ?? [];
  const head = h('tr', '', ...cols.map((c) => h('th', '', c.display_name ?? c.name)));
  const rows = (el.rows ?? []).map((r) => h('tr', '', ...cols.map((c) => h('td', '', cellText(r?.[c.name])))));
  return h('div', 'table-wrap', h('table', 'card-table', h('thead', '', head), h('tbody', '', ...rows)));
}

function renderChart(el) {
  const spec = el.chart_spec ?? {};
  const title = spec.title?.text ? h('div', 'chart-title', String(spec.title.text)) : null;
  if (spec.type !== 'bar') return h('div', 'chart chart-other', title, h('div', 'chart-placeholder', '图表'));
  const data = Array.isArray(spec.data) ? spec.data.flatMap((d) => d.values ?? []) : (spec.data?.values ?? []);
  const horizontal = spec.direction === 'horizontal';
  const [cat, num] = horizontal ? [spec.yField, spec.xField] : [spec.xField, spec.yField];
  const pick = (row, f) => row?.[Array.isArray(f) ? f[0] : f];
  const max = Math.max(0, ...data.map((d) => Number(pick(d, num)) || 0)) || 1;
  const bars = h('div', horizontal ? 'bars bars-h' : 'bars bars-v');
  for (const d of data) {
    const n = Number(pick(d, num)) || 0;
    const pct = `${Math.max(0, (n / max) * 100)}%`;
    const bar = h('div', 'bar');
    bar.style[horizontal ? 'width' : 'height'] = pct;
    bar.title = `${pick(d, cat)}：${n}`;
    bars.append(
      h(
        'div',
        'bar-item',
        h('div', 'bar-label', String(pick(d, cat) ?? '')),
        h('div', 'bar-track', bar, h('span', 'bar-value', String(n))),
      ),
    );
  }
  if (!data.length) bars.append(h('div', 'chart-placeholder', '暂无数据'));
  return h('div', 'chart', title, bars);
}

// ---------- the card ----------

/**
 * Renders a card. opts: { onSubmit(buttonName, values), onClick(buttonName, value), onToast({type, content}), people }.
 * onSubmit/onClick may return a promise: the card's buttons stay disabled until it settles.
 */
export function renderCard(card, opts = {}) {
  const root = h('div', 'card');
  if (!card || typeof card !== 'object') {
    root.append(placeholder('[无法显示的卡片]'));
    return root;
  }
  const ctx = { ...opts, form: null };
  const head = card.header;
  const title = text(head?.title);
  root.dataset.cardTitle = title;
  if (card.config?.width_mode === 'fill') root.classList.add('card-fill');
  if (head && (title || text(head.subtitle))) {
    const tpl = HEADER.has(head.template) ? head.template : 'default';
    root.append(
      h(
        'div',
        `card-header tpl-${tpl}`,
        h('div', 'card-title', title),
        text(head.subtitle) ? h('div', 'card-subtitle', text(head.subtitle)) : null,
      ),
    );
  }
  const elements = card.body?.elements ?? card.elements ?? [];
  root.append(h('div', 'card-body', renderElements(elements, ctx)));
  return root;
}
