// What Feishu's card JSON 2.0 component pages document for each tag: its properties, enum values, and where it may stand.
// 版本更新说明 (属性校验变更): "在 JSON 2.0 版本中，传入不支持的属性将报错。" — so a property not on the page is an issue.

export interface ComponentSpec {
  /** properties besides tag, element_id and margin (which every component page lists) */
  props: readonly string[];
  /** properties the page marks 必填 是 (where the page is consistent about it) */
  required?: readonly string[];
  /** an interactive component: inside a form it needs a name unique in the card */
  interactive?: boolean;
  /** the keys holding child components */
  children?: readonly ('elements' | 'columns')[];
  /** may only stand directly in body.elements */
  rootOnly?: boolean;
  /** may only stand inside a form */
  formOnly?: boolean;
  /** may not stand inside a form (at any depth) */
  notInForm?: boolean;
  /** a container that may not hold a form (column, collapsible_panel, interactive_container) */
  noFormInside?: boolean;
  enums?: Record<string, readonly string[]>;
}

export const ALIGN_H = ['left', 'center', 'right'] as const;
export const ALIGN_V = ['top', 'center', 'bottom'] as const;
export const DIRECTION = ['vertical', 'horizontal'] as const;
const LAYOUT = ['direction', 'padding', 'horizontal_spacing', 'horizontal_align', 'vertical_spacing', 'vertical_align'] as const;
const LAYOUT_ENUMS = { direction: DIRECTION, horizontal_align: ALIGN_H, vertical_align: ALIGN_V };
const SELECT_TYPE = ['default', 'text'] as const;

/** 标题: "template … 支持 "blue"|"wathet"|"turquoise"|"green"|"yellow"|"orange"|"red"|"carmine"|"violet"|"purple"|"indigo"|"grey"|"default"" (卡片 JSON 2.0 结构). */
export const HEADER_TEMPLATES = [
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
] as const;

/** 按钮 type: "default … primary … danger … text … primary_text … danger_text … primary_filled … danger_filled … laser". */
const BUTTON_TYPES = [
  'default',
  'primary',
  'danger',
  'text',
  'primary_text',
  'danger_text',
  'primary_filled',
  'danger_filled',
  'laser',
] as const;

export const SPECS: Record<string, ComponentSpec> = {
  // 富文本（Markdown）. text_size is not checked: "如果你填写了其它值，卡片将展示为 `normal` 字段对应的字号。" (an unknown size is accepted)
  markdown: { props: ['content', 'text_align', 'text_size', 'icon'], required: ['content'], enums: { text_align: ALIGN_H } },
  // 普通文本: "普通文本组件的标签为 `div`。"
  div: { props: ['width', 'text', 'icon'] },
  // 分割线: only tag, element_id, margin
  hr: { props: [] },
  // 按钮. "behaviors | 是"; name and form_action_type are added inside a form ("内嵌在表单容器中的按钮组件，新增 `name` 和 `form_action_type` 属性").
  // The page does not list `name` outside a form, but the callback returns the clicked component's name; it is allowed everywhere.
  button: {
    props: [
      'type',
      'size',
      'width',
      'text',
      'icon',
      'hover_tips',
      'disabled',
      'disabled_tips',
      'confirm',
      'behaviors',
      'name',
      'form_action_type',
      'value',
    ],
    required: ['behaviors'],
    interactive: true,
    enums: { type: BUTTON_TYPES, size: ['tiny', 'small', 'medium', 'large'], form_action_type: ['submit', 'reset'] },
  },
  // 输入框
  input: {
    props: [
      'name',
      'required',
      'disabled',
      'disabled_tips',
      'placeholder',
      'default_value',
      'width',
      'behaviors',
      'max_length',
      'input_type',
      'show_icon',
      'rows',
      'auto_resize',
      'max_rows',
      'label',
      'label_position',
      'value',
      'confirm',
    ],
    interactive: true,
    enums: { input_type: ['text', 'multiline_text', 'password'], label_position: ['top', 'left'] },
  },
  // 下拉选择-单选. Its page marks behaviors 必填, but the form container's own example puts selects in a form without
  // behaviors: unclear, so behaviors is not required of any picker.
  select_static: {
    props: [
      'type',
      'name',
      'required',
      'disabled',
      'initial_option',
      'initial_index',
      'placeholder',
      'width',
      'behaviors',
      'options',
      'confirm',
    ],
    interactive: true,
    enums: { type: SELECT_TYPE },
  },
  // 下拉选择-多选: "下拉选择-多选组件仅支持内嵌在表单容器中使用"
  multi_select_static: {
    props: ['type', 'name', 'placeholder', 'width', 'behaviors', 'required', 'disabled', 'selected_values', 'options', 'confirm'],
    required: ['name'],
    interactive: true,
    formOnly: true,
    enums: { type: SELECT_TYPE },
  },
  // 人员选择-单选. Its table omits `name`, but the form container requires a name of every interactive component in it.
  select_person: {
    props: ['type', 'name', 'required', 'disabled', 'initial_option', 'placeholder', 'width', 'behaviors', 'options', 'confirm'],
    interactive: true,
    enums: { type: SELECT_TYPE },
  },
  // 人员选择-多选: "人员选择-多选组件仅支持内嵌在表单容器中使用"
  multi_select_person: {
    props: ['type', 'name', 'placeholder', 'width', 'behaviors', 'required', 'disabled', 'selected_values', 'options', 'confirm'],
    required: ['name'],
    interactive: true,
    formOnly: true,
    enums: { type: SELECT_TYPE },
  },
  // 日期选择器 / 时间选择器 / 日期时间选择器 (their `value` is a 历史属性, not required)
  date_picker: {
    props: ['name', 'required', 'disabled', 'placeholder', 'width', 'behaviors', 'initial_date', 'value', 'confirm'],
    interactive: true,
  },
  picker_time: {
    props: ['name', 'required', 'disabled', 'initial_time', 'placeholder', 'value', 'width', 'behaviors', 'confirm'],
    interactive: true,
  },
  picker_datetime: {
    props: ['name', 'required', 'disabled', 'initial_datetime', 'placeholder', 'width', 'behaviors', 'value', 'confirm'],
    interactive: true,
  },
  // 勾选器
  checker: {
    props: [
      'name',
      'checked',
      'text',
      'overall_checkable',
      'button_area',
      'checked_style',
      'padding',
      'confirm',
      'behaviors',
      'hover_tips',
      'disabled',
      'disabled_tips',
    ],
    interactive: true,
  },
  // 折叠按钮组
  overflow: { props: ['width', 'options', 'value', 'confirm', 'behaviors', 'name'], interactive: true },
  // 表单容器: "表单容器组件不可被内嵌在其它组件内，只可放在卡片根节点下。" / "不支持内嵌表格、图表、和表单容器组件。" / "name | 是"
  form: {
    props: [...LAYOUT, 'name', 'elements'],
    required: ['name', 'elements'],
    children: ['elements'],
    rootOnly: true,
    notInForm: true,
    enums: LAYOUT_ENUMS,
  },
  // 分栏 (column_set and its columns): "支持内嵌除表单容器（form）和表格组件（table）外的其它所有组件。"
  column_set: {
    props: ['horizontal_spacing', 'horizontal_align', 'flex_mode', 'background_style', 'action', 'columns'],
    children: ['columns'],
    noFormInside: true,
    enums: { horizontal_align: ALIGN_H, flex_mode: ['none', 'stretch', 'flow', 'bisect'] },
  },
  column: {
    props: [...LAYOUT, 'background_style', 'width', 'weight', 'action', 'elements'],
    children: ['elements'],
    noFormInside: true,
    enums: LAYOUT_ENUMS,
  },
  // 折叠面板: "折叠面板不支持内嵌表单容器（form）组件。"
  collapsible_panel: {
    props: [...LAYOUT, 'expanded', 'background_color', 'header', 'border', 'elements'],
    children: ['elements'],
    noFormInside: true,
    enums: LAYOUT_ENUMS,
  },
  // 交互容器: "交互容器可内嵌除表单容器（form）和表格组件（table）外的其它所有组件。"
  interactive_container: {
    props: [
      ...LAYOUT,
      'width',
      'height',
      'background_style',
      'has_border',
      'border_color',
      'corner_radius',
      'behaviors',
      'hover_tips',
      'disabled',
      'disabled_tips',
      'confirm',
      'elements',
    ],
    children: ['elements'],
    noFormInside: true,
    enums: LAYOUT_ENUMS,
  },
  // 表格: "表格组件不可被内嵌在其它组件内，只可放在卡片根节点下。"
  table: {
    props: ['page_size', 'row_height', 'row_max_height', 'freeze_first_column', 'header_style', 'columns', 'rows'],
    required: ['columns'],
    rootOnly: true,
    notInForm: true,
  },
  // 图表: "chart_spec | 是"; the form container: "不支持内嵌表格、图表、和表单容器组件。"
  chart: {
    props: ['aspect_ratio', 'color_theme', 'chart_spec', 'preview', 'height'],
    required: ['chart_spec'],
    notInForm: true,
    enums: { aspect_ratio: ['1:1', '2:1', '4:3', '16:9'], color_theme: ['brand', 'rainbow', 'complementary', 'converse', 'primary'] },
  },
  // 图片
  img: {
    props: [
      'img_key',
      'alt',
      'title',
      'corner_radius',
      'scale_type',
      'size',
      'transparent',
      'preview',
      'mode',
      'custom_width',
      'compact_width',
    ],
    required: ['img_key'],
  },
  // 人员 / 人员列表 / 多图混排
  person: { props: ['size', 'user_id', 'show_avatar', 'show_name', 'style'], required: ['user_id'] },
  person_list: { props: ['lines', 'show_name', 'show_avatar', 'size', 'persons', 'drop_invalid_user_id', 'icon', 'ud_icon'] },
  img_combination: { props: ['combination_mode', 'combination_transparent', 'corner_radius', 'img_list'] },
};

/** Properties every component page lists. */
export const COMMON_PROPS = ['tag', 'element_id', 'margin'] as const;
