// Checks a message's msg_type and content string the way Lark does (types, JSON, card validity, size, component count).
import { cardProblem, countComponents, MAX_COMPONENTS } from './cards.ts';

export const MSG_TYPES = ['text', 'post', 'image', 'file', 'audio', 'media', 'sticker', 'interactive', 'share_chat', 'share_user', 'system'];

const TEXT_LIMIT = 150 * 1024;
const CARD_LIMIT = 30 * 1024;

export type ContentCheck = { ok: true; content: any } | { ok: false; code: number; msg: string };

const bad = (code: number, msg: string): ContentCheck => ({ ok: false, code, msg });

export function checkContent(msgType: unknown, raw: unknown): ContentCheck {
  if (typeof msgType !== 'string') return bad(99992402, 'field validation failed: msg_type is required');
  if (typeof raw !== 'string') return bad(99992402, 'field validation failed: content must be a JSON string');
  if (!MSG_TYPES.includes(msgType)) return bad(230001, `invalid msg_type: ${msgType}`);
  let content: any;
  try {
    content = JSON.parse(raw);
  } catch {
    return msgType === 'interactive' ? bad(230099, 'Failed to create card content: content is not JSON') : bad(230001, 'invalid message content: not JSON');
  }
  const limit = msgType === 'text' ? TEXT_LIMIT : msgType === 'interactive' || msgType === 'post' ? CARD_LIMIT : Infinity;
  if (Buffer.byteLength(raw, 'utf8') > limit) return bad(230025, 'The message content exceeds the length limit.');
  if (msgType === 'interactive') return checkCard(content);
  if (typeof content !== 'object' || content === null || Array.isArray(content)) return bad(230001, 'invalid message content: not a JSON object');
  if (msgType === 'text' && typeof content.text !== 'string') return bad(230001, 'invalid message content: text is required');
  if (msgType === 'image' && typeof content.image_key !== 'string') return bad(230001, 'invalid message content: image_key is required');
  return { ok: true, content };
}

/** A parsed card: valid shape and at most 200 components. */
export function checkCard(card: unknown): ContentCheck {
  const problem = cardProblem(card);
  if (problem) return bad(230099, `Failed to create card content: ${problem}`);
  const n = countComponents(card);
  if (n > MAX_COMPONENTS) return bad(230099, `Failed to create card content: ${n} components, at most ${MAX_COMPONENTS}`);
  return { ok: true, content: card };
}
