// Checks a message's msg_type and content the way Lark does: types, JSON, the request body's size, and cards by the validator.
import type { Json } from './types.ts';
import { CARD_LIMITS, validateCard, type CardIssue } from '../../lark/cards/validate.ts';

const MSG_TYPES = ['text', 'post', 'image', 'file', 'audio', 'media', 'sticker', 'interactive', 'share_chat', 'share_user', 'system'];

/** 发送消息: "文本消息请求体最大不能超过 150 KB。" / "卡片消息、富文本消息请求体最大不能超过 30 KB。" */
const TEXT_LIMIT = 150 * 1024;
const CARD_LIMIT = CARD_LIMITS.bodyBytes;
const TOO_LONG = 'The length of the message content reaches its limit.';

export type ContentCheck = { ok: true; content: Json } | { ok: false; code: number; msg: string };

const bad = (code: number, msg: string): ContentCheck => ({ ok: false, code, msg });

/**
 * `bodyBytes`: the size of the request body that carried the content (the limits are on the request body); without it,
 * the content string's own size.
 */
export function checkContent(msgType: unknown, raw: unknown, bodyBytes?: number): ContentCheck {
  if (typeof msgType !== 'string') return bad(99992402, 'field validation failed: msg_type is required');
  if (typeof raw !== 'string') return bad(99992402, 'field validation failed: content must be a JSON string');
  if (!MSG_TYPES.includes(msgType)) return bad(230001, `invalid msg_type: ${msgType}`);
  let content: Json;
  try {
    content = JSON.parse(raw);
  } catch {
    return msgType === 'interactive'
      ? bad(230099, cardError(200621, 'parse card json err, please check whether the card json is correct', 'content is not JSON'))
      : bad(230001, 'invalid message content: not JSON');
  }
  const limit = msgType === 'text' ? TEXT_LIMIT : msgType === 'interactive' || msgType === 'post' ? CARD_LIMIT : Infinity;
  if ((bodyBytes ?? Buffer.byteLength(raw, 'utf8')) > limit) return bad(230025, TOO_LONG);
  if (msgType === 'interactive') return checkCard(content, { size: false });
  if (typeof content !== 'object' || content === null || Array.isArray(content))
    return bad(230001, 'invalid message content: not a JSON object');
  if (msgType === 'text' && typeof content.text !== 'string') return bad(230001, 'invalid message content: text is required');
  if (msgType === 'image' && typeof content.image_key !== 'string') return bad(230001, 'invalid message content: image_key is required');
  return { ok: true, content };
}

/** 230099's message with its sub-code, in the format of 发送消息's "230099 子错误码" table. */
const cardError = (sub: number, errMsg: string, value: string) =>
  `Failed to create card content, ext=ErrCode: ${sub}; ErrMsg: ${errMsg}; ErrorValue: ${value}`;

function refusal(issues: CardIssue[]): ContentCheck {
  const size = issues.find((i) => i.rule === 'card.size');
  if (size) return bad(230025, TOO_LONG);
  // 11310: "若 ErrMsg 提示 "element exceeds the limit"，表示 JSON 2.0 结构的卡片超过 200 个组件或元素的限制。"
  const count = issues.find((i) => i.rule === 'card.elements');
  if (count) return bad(230099, cardError(11310, 'element exceeds the limit', count.message));
  const first = issues.slice(0, 3).map((i) => `${i.path || '(card)'}: ${i.message}`);
  return bad(230099, cardError(200621, 'parse card json err, please check whether the card json is correct', first.join('; ')));
}

/**
 * A parsed card, checked by the card validator (src/lark/cards/validate.ts). `size: false` when the caller measured the
 * real request body already (send, reply, patch); otherwise the validator's measure of the body that would carry it.
 */
export function checkCard(card: unknown, opts: { size?: boolean } = {}): ContentCheck {
  const issues = validateCard(card).filter((i) => opts.size !== false || i.rule !== 'card.size');
  return issues.length ? refusal(issues) : { ok: true, content: card };
}
