// Toasts the card-action dispatcher answers with (user-facing text lives with the cards).
export const TOASTS = {
  stranger: '您不在公司的组织名单中，请联系行政管理部开通',
  unknownAction: '这个按钮已失效，请发送「帮助」重新开始',
  busy: '系统繁忙，请稍后再试',
  repeated: '已收到，无需重复提交',
  inFlight: '正在处理，请稍候',
  /** a card callback older than a card lives (14 days): replayed, or a card Feishu has expired */
  cardExpired: '这张卡片已超过 14 天，已失效；请发送「待办」或表单名称获取新卡片',
  /** an id, a number or a nesting in the card's value that no card of ours carries (a tampered card) */
  badCardValue: '卡片内容有误，无法处理；请发送「待办」或表单名称获取新卡片',
  /** a form card without its one-time code (a tampered or foreign card) */
  formWithoutNonce: '表单缺少校验信息，无法提交；请发送「待办」或表单名称获取新卡片',
};
