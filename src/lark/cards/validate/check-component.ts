// Checks one component of a JSON 2.0 card against its documented page, then its children: properties, enums, placement, names.
import { COMMON_PROPS, SPECS } from './components.ts';
import { CARD_LIMITS, ELEMENT_ID } from './limits.ts';

export interface CardIssue {
  /** where in the card: "body.elements[2].elements[0].options[1].value" */
  path: string;
  /** the rule broken, e.g. "form.name_unique" */
  rule: string;
  message: string;
}

export type Node = Record<string, unknown>;
export const isObject = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);
const chars = (s: string) => [...s].length;

/** What the walk collects across the whole card. */
export interface CardScan {
  issues: CardIssue[];
  /** element_id → first path */
  elementIds: Map<string, string>;
  /** names of forms and of the interactive components inside them → first path */
  formNames: Map<string, string>;
}

export interface Place {
  /** directly in body.elements */
  root: boolean;
  /** somewhere inside a form */
  inForm: boolean;
  /** in a column_set's columns (the only place a column stands) */
  columnSlot?: boolean;
}

export function issue(scan: CardScan, path: string, rule: string, message: string): void {
  scan.issues.push({ path, rule, message });
}

/**
 * A text object: `{ tag, content }` with a tag from `tags`. Button text, placeholders, labels and options are plain_text only
 * ("固定值为 `plain_text`"); header titles and checker text take lark_md too.
 */
export function checkText(
  scan: CardScan,
  path: string,
  v: unknown,
  tags: readonly string[],
  o: { maxChars?: number; contentRequired?: boolean } = {},
): void {
  if (!isObject(v)) return issue(scan, path, 'text.shape', `${path} must be a text object { tag, content }`);
  if (!tags.includes(String(v.tag)))
    issue(scan, `${path}.tag`, 'text.tag', `${path}.tag must be ${tags.join(' or ')}, not ${JSON.stringify(v.tag)}`);
  if (v.content === undefined) {
    if (o.contentRequired) issue(scan, `${path}.content`, 'text.content', `${path}.content is required`);
  } else if (typeof v.content !== 'string') issue(scan, `${path}.content`, 'text.content', `${path}.content must be a string`);
  else if (o.maxChars !== undefined && chars(v.content) > o.maxChars)
    issue(scan, `${path}.content`, 'text.length', `${path}.content has ${chars(v.content)} characters, at most ${o.maxChars}`);
}

/**
 * behaviors (配置卡片交互): `{ type: 'callback', value: {…} }` ("value | 是 | Object") or `{ type: 'open_url', default_url }`
 * ("default_url | 是"). A checker takes callback only ("仅支持 callback 请求回调交互").
 */
function checkBehaviors(scan: CardScan, path: string, v: unknown, callbackOnly: boolean): void {
  if (!Array.isArray(v)) return issue(scan, path, 'behaviors.shape', `${path} must be an array of behaviors`);
  v.forEach((b, i) => {
    const p = `${path}[${i}]`;
    if (!isObject(b)) return issue(scan, p, 'behaviors.shape', `${p} must be an object`);
    if (b.type === 'callback') {
      if (!isObject(b.value))
        issue(scan, `${p}.value`, 'behaviors.callback_value', `${p}.value must be an object (回传交互数据，支持 object 数据类型)`);
    } else if (b.type === 'open_url' && !callbackOnly) {
      if (typeof b.default_url !== 'string' || !b.default_url)
        issue(scan, `${p}.default_url`, 'behaviors.open_url', `${p}.default_url is required`);
    } else
      issue(
        scan,
        `${p}.type`,
        'behaviors.type',
        `${p}.type must be ${callbackOnly ? 'callback' : 'callback or open_url'}, not ${JSON.stringify(b.type)}`,
      );
  });
}

/** Options of a static select: text plain_text (必填), value string (必填), no repeated values ("各选项的 value 值不可重复"). */
function checkOptions(scan: CardScan, path: string, v: unknown): { values: string[]; contents: string[] } {
  const out = { values: [] as string[], contents: [] as string[] };
  if (v === undefined) return out;
  if (!Array.isArray(v)) {
    issue(scan, path, 'options.shape', `${path} must be an array`);
    return out;
  }
  v.forEach((o, i) => {
    const p = `${path}[${i}]`;
    if (!isObject(o)) return issue(scan, p, 'options.shape', `${p} must be an object { text, value }`);
    for (const k of Object.keys(o))
      if (!['text', 'value', 'icon'].includes(k)) issue(scan, `${p}.${k}`, 'options.property', `${p} has an unsupported property ${k}`);
    checkText(scan, `${p}.text`, o.text, ['plain_text'], { contentRequired: true });
    if (typeof o.value !== 'string') issue(scan, `${p}.value`, 'options.value', `${p}.value must be a string`);
    else if (out.values.includes(o.value))
      issue(scan, `${p}.value`, 'options.value_unique', `${p}.value ${JSON.stringify(o.value)} repeats another option's value`);
    else out.values.push(o.value);
    if (isObject(o.text) && typeof o.text.content === 'string') out.contents.push(o.text.content);
  });
  return out;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Per-tag checks beyond the property list. */
function checkDetails(scan: CardScan, p: string, el: Node, place: Place): void {
  const placeholder = () =>
    el.placeholder !== undefined &&
    checkText(scan, `${p}.placeholder`, el.placeholder, ['plain_text'], { maxChars: CARD_LIMITS.placeholderChars });
  switch (el.tag) {
    case 'markdown':
      if (el.content !== undefined && typeof el.content !== 'string')
        issue(scan, `${p}.content`, 'markdown.content', `${p}.content must be a string`);
      break;
    case 'div':
      if (el.text !== undefined) checkText(scan, `${p}.text`, el.text, ['plain_text', 'lark_md']);
      break;
    case 'button':
      if (el.text !== undefined)
        checkText(scan, `${p}.text`, el.text, ['plain_text'], { maxChars: CARD_LIMITS.buttonTextChars, contentRequired: true });
      if (el.behaviors !== undefined) checkBehaviors(scan, `${p}.behaviors`, el.behaviors, false);
      // 表单容器: "form_action_type | 是" for a button inside a form; outside a form the property does not exist.
      if (place.inForm && el.form_action_type === undefined)
        issue(
          scan,
          `${p}.form_action_type`,
          'button.form_action_type',
          `${p}: a button inside a form needs form_action_type (submit or reset)`,
        );
      if (!place.inForm && el.form_action_type !== undefined)
        issue(scan, `${p}.form_action_type`, 'button.form_action_type', `${p}: form_action_type is only for a button inside a form`);
      break;
    case 'input':
      placeholder();
      if (el.label !== undefined) checkText(scan, `${p}.label`, el.label, ['plain_text']);
      if (el.default_value !== undefined && typeof el.default_value !== 'string')
        issue(scan, `${p}.default_value`, 'input.default_value', `${p}.default_value must be a string`);
      if (
        el.max_length !== undefined &&
        !(Number.isInteger(el.max_length) && (el.max_length as number) >= 1 && (el.max_length as number) <= CARD_LIMITS.inputMaxLength)
      )
        issue(scan, `${p}.max_length`, 'input.max_length', `${p}.max_length must be an integer from 1 to ${CARD_LIMITS.inputMaxLength}`);
      if (typeof el.default_value === 'string' && typeof el.max_length === 'number' && chars(el.default_value) > el.max_length)
        issue(scan, `${p}.default_value`, 'input.default_value', `${p}.default_value is longer than max_length`);
      break;
    case 'select_static': {
      placeholder();
      const { contents } = checkOptions(scan, `${p}.options`, el.options);
      const n = Array.isArray(el.options) ? el.options.length : 0;
      // "initial_option … 下拉选择组件的初始选项的内容。" — the option's text content (the page's example: "选项1", whose value is "1").
      if (el.initial_option !== undefined && !(typeof el.initial_option === 'string' && contents.includes(el.initial_option)))
        issue(
          scan,
          `${p}.initial_option`,
          'select.initial_option',
          `${p}.initial_option must be the text of one of the options (初始选项的内容), not ${JSON.stringify(el.initial_option)}`,
        );
      // "initial_index … 0 表示不展示初始选项。1 表示展示第一个选项。"
      if (
        el.initial_index !== undefined &&
        !(Number.isInteger(el.initial_index) && (el.initial_index as number) >= 0 && (el.initial_index as number) <= n)
      )
        issue(
          scan,
          `${p}.initial_index`,
          'select.initial_index',
          `${p}.initial_index must be an integer from 0 (none) to ${n} (the options' count)`,
        );
      break;
    }
    case 'multi_select_static': {
      placeholder();
      const { values } = checkOptions(scan, `${p}.options`, el.options);
      // "selected_values … 数组项的值需要和 `options.value` 对应。"
      if (
        el.selected_values !== undefined &&
        !(Array.isArray(el.selected_values) && el.selected_values.every((v) => typeof v === 'string' && values.includes(v)))
      )
        issue(scan, `${p}.selected_values`, 'select.selected_values', `${p}.selected_values must be values of its options`);
      break;
    }
    case 'select_person':
    case 'multi_select_person':
      placeholder();
      // "options … value … 仅支持添加候选用户的 open_id。"
      if (
        el.options !== undefined &&
        !(
          Array.isArray(el.options) &&
          el.options.every((o) => isObject(o) && typeof o.value === 'string' && Object.keys(o).every((k) => k === 'value'))
        )
      )
        issue(scan, `${p}.options`, 'options.person', `${p}.options must be [{ value: open_id }]`);
      break;
    case 'date_picker':
      placeholder();
      // "initial_date … 格式为 `yyyy-MM-dd`。"
      if (el.initial_date !== undefined && !(typeof el.initial_date === 'string' && DATE.test(el.initial_date)))
        issue(scan, `${p}.initial_date`, 'picker.initial', `${p}.initial_date must be yyyy-MM-dd`);
      break;
    case 'picker_time':
      placeholder();
      // "initial_time … 格式为 `HH:mm`。"
      if (el.initial_time !== undefined && !(typeof el.initial_time === 'string' && TIME.test(el.initial_time)))
        issue(scan, `${p}.initial_time`, 'picker.initial', `${p}.initial_time must be HH:mm`);
      break;
    case 'picker_datetime': {
      placeholder();
      // "initial_datetime … 格式为 `yyyy-MM-dd HH:mm`。"
      const [d, t, extra] = typeof el.initial_datetime === 'string' ? el.initial_datetime.split(' ') : [];
      if (el.initial_datetime !== undefined && !(d && t && extra === undefined && DATE.test(d) && TIME.test(t)))
        issue(scan, `${p}.initial_datetime`, 'picker.initial', `${p}.initial_datetime must be yyyy-MM-dd HH:mm`);
      break;
    }
    case 'checker':
      if (el.text !== undefined) checkText(scan, `${p}.text`, el.text, ['plain_text', 'lark_md']);
      if (el.behaviors !== undefined) checkBehaviors(scan, `${p}.behaviors`, el.behaviors, true);
      if (isObject(el.button_area) && Array.isArray(el.button_area.buttons) && el.button_area.buttons.length > CARD_LIMITS.checkerButtons)
        issue(
          scan,
          `${p}.button_area.buttons`,
          'checker.buttons',
          `${p}: at most ${CARD_LIMITS.checkerButtons} buttons (最多可配置三个按钮)`,
        );
      break;
    case 'chart':
      if (el.chart_spec !== undefined && !isObject(el.chart_spec))
        issue(scan, `${p}.chart_spec`, 'chart.spec', `${p}.chart_spec must be a VChart spec object`);
      break;
    case 'form': {
      // "表单容器内必须包含一个用于提交表单的按钮组件。"
      const buttons: Node[] = [];
      const find = (x: unknown): void => {
        if (Array.isArray(x)) x.forEach(find);
        else if (isObject(x)) {
          if (x.tag === 'button') buttons.push(x);
          for (const k of ['elements', 'columns']) if (x[k] !== undefined) find(x[k]);
        }
      };
      find(el.elements);
      if (!buttons.some((b) => b.form_action_type === 'submit'))
        issue(scan, `${p}.elements`, 'form.submit_button', `${p}: a form needs a button with form_action_type "submit"`);
      break;
    }
  }
}

/** Checks a component at `p` and everything inside it. */
export function checkComponent(scan: CardScan, p: string, el: unknown, place: Place): void {
  if (!isObject(el) || typeof el.tag !== 'string') return issue(scan, p, 'component.tag', `${p} must be a component object with a tag`);
  const spec = SPECS[el.tag];
  if (!spec) return issue(scan, `${p}.tag`, 'component.tag', `${p}: unknown component tag ${JSON.stringify(el.tag)} in a JSON 2.0 card`);

  // 版本更新说明: "在 JSON 2.0 版本中，传入不支持的属性将报错。"
  for (const k of Object.keys(el)) {
    if (!(COMMON_PROPS as readonly string[]).includes(k) && !spec.props.includes(k))
      issue(scan, `${p}.${k}`, 'component.property', `${p}: ${el.tag} has no property ${k}`);
  }
  for (const k of spec.required ?? [])
    if (el[k] === undefined) issue(scan, `${p}.${k}`, 'component.required_property', `${p}: ${el.tag} needs ${k}`);
  for (const [k, allowed] of Object.entries(spec.enums ?? {})) {
    if (el[k] !== undefined && !allowed.includes(el[k] as string))
      issue(scan, `${p}.${k}`, 'component.enum', `${p}.${k} must be one of ${allowed.join(', ')}, not ${JSON.stringify(el[k])}`);
  }

  // element_id: "在同一张卡片内，该字段的值全局唯一。仅允许使用字母、数字和下划线，必须以字母开头，不得超过 20 字符。"
  if (el.element_id !== undefined) {
    if (typeof el.element_id !== 'string' || !ELEMENT_ID.test(el.element_id))
      issue(
        scan,
        `${p}.element_id`,
        'element_id.format',
        `${p}.element_id must be letters, digits and underscores, start with a letter, at most ${CARD_LIMITS.elementIdChars} characters`,
      );
    else if (scan.elementIds.has(el.element_id))
      issue(
        scan,
        `${p}.element_id`,
        'element_id.unique',
        `${p}.element_id ${el.element_id} is already used at ${scan.elementIds.get(el.element_id)}`,
      );
    else scan.elementIds.set(el.element_id, p);
  }

  // placement
  if (el.tag === 'column' && !place.columnSlot)
    issue(scan, p, 'placement.column', `${p}: a column may only stand in a column_set's columns`);
  if (el.tag === 'form' && place.inForm) issue(scan, p, 'form.nested', `${p}: 表单容器不支持内嵌表单容器 (a form may not hold a form)`);
  else if (spec.rootOnly && !place.root)
    issue(scan, p, 'placement.root_only', `${p}: ${el.tag} may only stand in body.elements (只可放在卡片根节点下)`);
  if (spec.notInForm && place.inForm && el.tag !== 'form')
    issue(scan, p, 'form.child', `${p}: a form may not hold a ${el.tag} (不支持内嵌表格、图表、和表单容器组件)`);
  if (spec.formOnly && !place.inForm)
    issue(scan, p, 'placement.form_only', `${p}: ${el.tag} may only stand inside a form (仅支持内嵌在表单容器中使用)`);

  // names: "在表单容器中所有的交互组件中，该字段必填且需在卡片全局内唯一" and the form's own "在同一张卡片内，该字段的值全局唯一"
  if (el.tag === 'form' || (spec.interactive && place.inForm)) {
    if (typeof el.name !== 'string' || !el.name)
      issue(scan, `${p}.name`, 'form.name_required', `${p}: ${el.tag === 'form' ? 'a form' : `a ${el.tag} inside a form`} needs a name`);
    else if (scan.formNames.has(el.name))
      issue(
        scan,
        `${p}.name`,
        'form.name_unique',
        `${p}.name ${JSON.stringify(el.name)} is already used at ${scan.formNames.get(el.name)}`,
      );
    else scan.formNames.set(el.name, p);
  }
  // "required … 当组件内嵌在表单容器中时，该属性可用。其它情况将报错或不生效。"
  if (el.required !== undefined && !place.inForm)
    issue(scan, `${p}.required`, 'component.required_outside_form', `${p}: required is only for components inside a form`);
  if (el.required !== undefined && typeof el.required !== 'boolean')
    issue(scan, `${p}.required`, 'component.required_type', `${p}.required must be a boolean`);

  checkDetails(scan, p, el, place);

  const inside: Place = { root: false, inForm: place.inForm || el.tag === 'form' };
  if (spec.children?.includes('elements')) {
    if (el.elements !== undefined && !Array.isArray(el.elements))
      issue(scan, `${p}.elements`, 'component.children', `${p}.elements must be an array`);
    else
      (el.elements as unknown[] | undefined)?.forEach((c, i) => {
        if (spec.noFormInside && isObject(c) && c.tag === 'form')
          return issue(scan, `${p}.elements[${i}]`, 'placement.root_only', `${p}.elements[${i}]: a ${el.tag} may not hold a form`);
        checkComponent(scan, `${p}.elements[${i}]`, c, inside);
      });
  }
  if (spec.children?.includes('columns')) {
    if (el.columns !== undefined && !Array.isArray(el.columns))
      issue(scan, `${p}.columns`, 'component.children', `${p}.columns must be an array`);
    else
      (el.columns as unknown[] | undefined)?.forEach((c, i) => {
        if (!isObject(c) || c.tag !== 'column')
          return issue(scan, `${p}.columns[${i}]`, 'column_set.column', `${p}.columns[${i}] must be a column ({ tag: 'column' })`);
        checkComponent(scan, `${p}.columns[${i}]`, c, { ...inside, columnSlot: true });
      });
  }
  if (el.tag === 'checker' && isObject(el.button_area) && Array.isArray(el.button_area.buttons)) {
    el.button_area.buttons.forEach((b, i) => checkComponent(scan, `${p}.button_area.buttons[${i}]`, b, { root: false, inForm: false }));
  }
}
