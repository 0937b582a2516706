// The card validator, rule by rule, on hand-made cards: each rule with the sentence of Feishu's documentation that fixes it.
import { describe, expect, it } from 'vitest';
import { assertValidCard, CARD_LIMITS, countElements, sentBodyBytes, validateCard } from '../../src/lark/cards/validate.ts';

type El = Record<string, unknown>;
const plain = (content: string) => ({ tag: 'plain_text', content });
const v2 = (elements: El[], extra: El = {}) => ({
  schema: '2.0',
  config: { update_multi: true },
  header: { title: plain('标题'), template: 'blue' },
  body: { elements },
  ...extra,
});
const submit = (name = 'submit'): El => ({
  tag: 'button',
  name,
  text: plain('提交'),
  type: 'primary',
  form_action_type: 'submit',
  behaviors: [{ type: 'callback', value: { a: 'x' } }],
});
const form = (elements: El[], name = 'form_1'): El => ({ tag: 'form', name, elements: [...elements, submit(`${name}_submit`)] });
const input = (name: string, extra: El = {}): El => ({ tag: 'input', name, required: true, placeholder: plain('请填写'), ...extra });
const select = (name: string, extra: El = {}): El => ({
  tag: 'select_static',
  name,
  options: [
    { text: plain('选项1'), value: '1' },
    { text: plain('选项2'), value: '2' },
  ],
  ...extra,
});
const rules = (card: unknown) => validateCard(card).map((i) => i.rule);

describe('a valid card', () => {
  it('a card with a header, markdown, a form of every input kind and a button outside the form has no issues', () => {
    const card = v2([
      { tag: 'markdown', content: '**你好**', text_size: 'notation' },
      { tag: 'hr' },
      form([
        input('a', { label: plain('姓名'), label_position: 'top', max_length: 50, default_value: '张三' }),
        input('b', { input_type: 'multiline_text', rows: 3, auto_resize: true }),
        select('c', { initial_index: 1, required: false }),
        { tag: 'multi_select_static', name: 'd', options: [{ text: plain('甲'), value: 'x' }], selected_values: ['x'] },
        { tag: 'select_person', name: 'e', options: [{ value: 'ou_1' }] },
        { tag: 'date_picker', name: 'f', initial_date: '2026-11-27', placeholder: plain('请选择日期') },
        { tag: 'picker_time', name: 'g', initial_time: '08:30' },
        { tag: 'picker_datetime', name: 'h', initial_datetime: '2026-11-27 08:30' },
      ]),
      { tag: 'button', name: 'open', text: plain('打开'), type: 'default', behaviors: [{ type: 'callback', value: { a: 'open' } }] },
      { tag: 'chart', aspect_ratio: '4:3', chart_spec: { type: 'bar', data: { values: [] } } },
    ]);
    expect(validateCard(card)).toEqual([]);
    expect(() => assertValidCard(card)).not.toThrow();
  });

  it('a 1.0 card and a template reference are checked for their shape only', () => {
    expect(validateCard({ config: { update_multi: true }, elements: [{ tag: 'div', text: { tag: 'lark_md', content: 'x' } }] })).toEqual(
      [],
    );
    expect(validateCard({ type: 'template', data: { template_id: 'ctp_1' } })).toEqual([]);
    expect(rules({ type: 'template', data: {} })).toEqual(['card.template']);
  });
});

describe('limits', () => {
  // 卡片 JSON 2.0 结构: "一张卡片最多支持 200 个元素（如 tag 为 plain_text 的文本元素）或组件。"
  it('counts every element, plain_text included: 200 is accepted, 201 is refused ("最多支持 200 个元素（如 tag 为 plain_text 的文本元素）或组件")', () => {
    // the header title is one plain_text; each button is a button and its plain_text
    const buttons = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        tag: 'button',
        name: `b${i}`,
        text: plain('按钮'),
        behaviors: [{ type: 'callback', value: { a: 'x' } }],
      }));
    const ok = v2([...buttons(99), { tag: 'hr' }]);
    expect(countElements(ok)).toBe(200);
    expect(validateCard(ok)).toEqual([]);
    const over = v2(buttons(100));
    expect(countElements(over)).toBe(201);
    expect(rules(over)).toEqual(['card.elements']);
    expect(CARD_LIMITS.elements).toBe(200);
  });

  it('does not count data the card only carries (chart_spec, callback values)', () => {
    const card = v2([
      { tag: 'chart', chart_spec: { type: 'bar', series: [{ tag: 'not-an-element' }] } },
      { tag: 'button', name: 'b', text: plain('x'), behaviors: [{ type: 'callback', value: { tag: 'x' } }] },
    ]);
    expect(countElements(card)).toBe(4); // title, chart, button, its text
  });

  // 发送消息: "卡片消息、富文本消息请求体最大不能超过 30 KB。"
  it('measures the request body that sends the card: at most 30 KB ("卡片消息、富文本消息请求体最大不能超过 30 KB")', () => {
    const sized = (n: number) => v2([{ tag: 'markdown', content: 'x'.repeat(n) }]);
    const base = sentBodyBytes(sized(0));
    const fits = sized(CARD_LIMITS.bodyBytes - base);
    expect(sentBodyBytes(fits)).toBe(30 * 1024);
    expect(validateCard(fits)).toEqual([]);
    expect(rules(sized(CARD_LIMITS.bodyBytes - base + 1))).toEqual(['card.size']);
    // quotes are escaped once more inside the body's content string
    expect(sentBodyBytes(v2([{ tag: 'markdown', content: '"'.repeat(100) }])) - sentBodyBytes(v2([{ tag: 'markdown', content: '' }]))).toBe(
      400,
    );
  });
});

describe('the card and its header', () => {
  it('a 2.0 card keeps elements in body ("elements 属性放置在 body 层级下"); i18n_elements and fallback are not supported', () => {
    expect(rules({ schema: '2.0', elements: [] })).toEqual(['card.property']);
    expect(rules({ schema: '2.0', body: { elements: [] }, fallback: {} })).toEqual(['card.property']);
  });

  it('update_multi can only be true ("`update_multi` 参数仅支持设为 `true`")', () => {
    expect(rules(v2([], { config: { update_multi: false } }))).toEqual(['config.update_multi']);
  });

  it('the header needs a title ("title | 是") of plain_text or lark_md, and a documented template colour', () => {
    expect(rules(v2([], { header: { template: 'blue' } }))).toEqual(['header.title']);
    expect(rules(v2([], { header: { title: { tag: 'markdown', content: 'x' } } }))).toEqual(['text.tag']);
    expect(rules(v2([], { header: { title: plain('x'), template: 'pink' } }))).toEqual(['component.enum']);
  });
});

describe('components', () => {
  // 版本更新说明: "在 JSON 2.0 版本中，传入不支持的属性将报错。"
  it('a property the component page does not list is refused ("传入不支持的属性将报错")', () => {
    expect(validateCard(v2([{ tag: 'markdown', content: 'x', color: 'red' }]))).toEqual([
      { path: 'body.elements[0].color', rule: 'component.property', message: 'body.elements[0]: markdown has no property color' },
    ]);
    expect(rules(v2([{ tag: 'note', elements: [] }]))).toEqual(['component.tag']); // "2.0 结构不再支持备注（note）组件"
  });

  it('enum values: button type ("default … laser"), input_type, text_align; markdown text_size falls back, so any is accepted', () => {
    expect(rules(v2([{ tag: 'button', text: plain('x'), type: 'secondary', behaviors: [] }]))).toEqual(['component.enum']);
    expect(rules(v2([form([input('a', { input_type: 'number' })])]))).toEqual(['component.enum']);
    expect(rules(v2([{ tag: 'markdown', content: 'x', text_align: 'justify' }]))).toEqual(['component.enum']);
    // 富文本: "如果你填写了其它值，卡片将展示为 normal 字段对应的字号。"
    expect(validateCard(v2([{ tag: 'markdown', content: 'x', text_size: 'huge' }]))).toEqual([]);
  });

  // element_id: "仅允许使用字母、数字和下划线，必须以字母开头，不得超过 20 字符。" and "在同一张卡片内，该字段的值全局唯一。"
  it('element_id: letters, digits, underscores, a letter first, at most 20 characters, unique in the card', () => {
    const hr = (element_id: string) => ({ tag: 'hr', element_id });
    expect(validateCard(v2([hr('a1_b'), hr('A'.repeat(20))]))).toEqual([]);
    expect(rules(v2([hr('1abc')]))).toEqual(['element_id.format']);
    expect(rules(v2([hr('a-b')]))).toEqual(['element_id.format']);
    expect(rules(v2([hr('a'.repeat(21))]))).toEqual(['element_id.format']);
    expect(rules(v2([hr('same'), hr('same')]))).toEqual(['element_id.unique']);
  });

  it('button: behaviors is required ("behaviors | 是"), a callback carries an object value, text at most 100 characters', () => {
    expect(rules(v2([{ tag: 'button', text: plain('x') }]))).toEqual(['component.required_property']);
    expect(rules(v2([{ tag: 'button', text: plain('x'), behaviors: [{ type: 'callback', value: 'x' }] }]))).toEqual([
      'behaviors.callback_value',
    ]);
    expect(rules(v2([{ tag: 'button', text: plain('x'), behaviors: [{ type: 'open_url' }] }]))).toEqual(['behaviors.open_url']);
    expect(rules(v2([{ tag: 'button', text: plain('字'.repeat(101)), behaviors: [] }]))).toEqual(['text.length']);
    expect(rules(v2([{ tag: 'button', text: { tag: 'lark_md', content: 'x' }, behaviors: [] }]))).toEqual(['text.tag']);
  });

  it('options: text plain_text and value string, no repeated value ("各选项的 value 值不可重复")', () => {
    expect(rules(v2([form([select('s', { options: [{ text: plain('a'), value: 1 }] })])]))).toEqual(['options.value']);
    expect(rules(v2([form([select('s', { options: [{ text: 'a', value: '1' }] })])]))).toEqual(['text.shape']);
    expect(
      rules(
        v2([
          form([
            select('s', {
              options: [
                { text: plain('a'), value: '1' },
                { text: plain('b'), value: '1' },
              ],
            }),
          ]),
        ]),
      ),
    ).toEqual(['options.value_unique']);
    expect(rules(v2([form([select('s', { options: [{ text: plain('a'), value: '1', label: 'a' }] })])]))).toEqual(['options.property']);
  });

  it('select_static.initial_option is the option\'s content ("下拉选择组件的初始选项的内容"), initial_index its position from 1', () => {
    expect(validateCard(v2([form([select('s', { initial_option: '选项2' })])]))).toEqual([]);
    expect(rules(v2([form([select('s', { initial_option: '2' })])]))).toEqual(['select.initial_option']); // a value, not the content
    expect(validateCard(v2([form([select('s', { initial_index: 0 })])]))).toEqual([]); // "0 表示不展示初始选项"
    expect(rules(v2([form([select('s', { initial_index: 3 })])]))).toEqual(['select.initial_index']);
  });

  it('multi_select_static: selected_values are option values ("数组项的值需要和 options.value 对应"); only inside a form', () => {
    const multi = (extra: El = {}) => ({ tag: 'multi_select_static', name: 'm', options: [{ text: plain('a'), value: 'x' }], ...extra });
    expect(rules(v2([form([multi({ selected_values: ['a'] })])]))).toEqual(['select.selected_values']);
    // "下拉选择-多选组件仅支持内嵌在表单容器中使用"
    expect(rules(v2([{ ...multi(), required: undefined }]))).toEqual(['placement.form_only']);
  });

  it('pickers: initial values in the documented formats (yyyy-MM-dd, HH:mm, yyyy-MM-dd HH:mm); placeholders at most 100 characters', () => {
    expect(rules(v2([form([{ tag: 'date_picker', name: 'd', initial_date: '2026/11/27' }])]))).toEqual(['picker.initial']);
    expect(rules(v2([form([{ tag: 'picker_time', name: 't', initial_time: '8:30' }])]))).toEqual(['picker.initial']);
    expect(rules(v2([form([{ tag: 'picker_datetime', name: 't', initial_datetime: '2026-11-27T08:30' }])]))).toEqual(['picker.initial']);
    expect(rules(v2([form([input('a', { placeholder: plain('字'.repeat(101)) })])]))).toEqual(['text.length']);
  });

  it('input: max_length an integer from 1 to 1,000 ("可取 1~1,000 范围内的整数")', () => {
    expect(validateCard(v2([form([input('a', { max_length: 1000 })])]))).toEqual([]);
    expect(rules(v2([form([input('a', { max_length: 1001 })])]))).toEqual(['input.max_length']);
  });

  it('required only inside a form ("当组件内嵌在表单容器中时，该属性可用。其它情况将报错或不生效")', () => {
    expect(rules(v2([select('s', { required: true })]))).toEqual(['component.required_outside_form']);
  });
});

describe('forms', () => {
  // 表单容器: "表单容器组件不可被内嵌在其它组件内，只可放在卡片根节点下。"
  it('a form stands only in body.elements, never in a column or a panel', () => {
    const inner = form([input('a')]);
    expect(rules(v2([{ tag: 'column_set', columns: [{ tag: 'column', elements: [inner] }] }]))).toEqual(['placement.root_only']);
    expect(rules(v2([{ tag: 'collapsible_panel', header: { title: plain('x') }, elements: [inner] }]))).toEqual(['placement.root_only']);
  });

  // 表单容器: "表单容器不支持内嵌表格（table）和表单容器组件。" / "不支持内嵌表格、图表、和表单容器组件。"
  it('a form holds no form, no table and no chart', () => {
    expect(rules(v2([form([form([input('a')], 'inner')])]))).toEqual(['form.nested']);
    expect(rules(v2([form([{ tag: 'chart', chart_spec: {} }])]))).toEqual(['form.child']);
    expect(rules(v2([form([{ tag: 'table', columns: [], rows: [] }])]))).toEqual(['placement.root_only', 'form.child']);
  });

  // "表单容器内必须包含一个用于提交表单的按钮组件。" and "form_action_type | 是"
  it('a form needs a submit button; a button in a form needs form_action_type, one outside a form may not have it', () => {
    expect(rules(v2([{ tag: 'form', name: 'f', elements: [input('a')] }]))).toEqual(['form.submit_button']);
    const noType = { tag: 'button', name: 'b', text: plain('x'), behaviors: [{ type: 'callback', value: {} }] };
    expect(rules(v2([form([noType])]))).toEqual(['button.form_action_type']);
    expect(rules(v2([{ ...noType, form_action_type: 'submit' }]))).toEqual(['button.form_action_type']);
    expect(rules(v2([form([{ ...noType, form_action_type: 'send' }])]))).toEqual(['component.enum']);
  });

  // "在表单容器中所有的交互组件中，该字段必填且需在卡片全局内唯一，否则数据会发送失败。"
  it('every interactive component in a form has a name, unique in the whole card (forms included)', () => {
    expect(rules(v2([form([{ tag: 'input' }])]))).toEqual(['form.name_required']);
    expect(rules(v2([form([input('a'), input('a')])]))).toEqual(['form.name_unique']);
    expect(rules(v2([form([input('a')], 'f1'), form([input('a')], 'f2')]))).toEqual(['form.name_unique']);
    expect(rules(v2([{ tag: 'form', elements: [submit()] }]))).toEqual(['component.required_property', 'form.name_required']);
  });
});

describe('assertValidCard', () => {
  it('throws an Error listing every issue with its path and rule', () => {
    expect(() => assertValidCard(v2([{ tag: 'markdown' }, { tag: 'hr', element_id: '9' }]))).toThrow(
      /card refused by Feishu's rules \(2\):\n- body\.elements\[0\]\.content \[component\.required_property\].*\n- body\.elements\[1\]\.element_id \[element_id\.format\]/,
    );
  });
});
