// Toasts the card-action dispatcher answers with (user-facing text lives with the cards).
export const TOASTS = {
  stranger: '您不在公司的组织名单中，请联系行政管理部开通',
  unknownAction: '这个按钮已失效，请发送「帮助」重新开始',
  busy: '系统繁忙，请稍后再试',
  repeated: '已收到，无需重复提交',
  inFlight: '正在处理，请稍候',
};
