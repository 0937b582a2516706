// The numeric limits Feishu's card JSON 2.0 and send-message documentation fix, each with the sentence that fixes it.

export const CARD_LIMITS = {
  /** 卡片 JSON 2.0 结构: "卡片 JSON 2.0 结构中，一张卡片最多支持 200 个元素（如 `tag` 为 `plain_text` 的文本元素）或组件。" */
  elements: 200,
  /** 发送消息 (content): "卡片消息、富文本消息请求体最大不能超过 30 KB。" (error 230025) */
  bodyBytes: 30 * 1024,
  /** element_id: "仅允许使用字母、数字和下划线，必须以字母开头，不得超过 20 字符。" */
  elementIdChars: 20,
  /** 按钮 text.content: "文本的内容，最多支持 100 个字符。" */
  buttonTextChars: 100,
  /** 输入框/日期选择器/时间选择器/下拉选择-多选 placeholder.content: "占位文本的内容，最多支持 100 个字符。" */
  placeholderChars: 100,
  /** 输入框 max_length: "输入框可容纳的最大文本长度，可取 1~1,000 范围内的整数。" */
  inputMaxLength: 1000,
  /** 勾选器 button_area.buttons: "在勾选器中添加并配置按钮。最多可配置三个按钮。" */
  checkerButtons: 3,
} as const;

/** element_id: letters, digits and underscores, starting with a letter, at most 20 characters. */
export const ELEMENT_ID = /^[A-Za-z][A-Za-z0-9_]{0,19}$/;
