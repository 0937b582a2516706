// Feishu's two size measures of a card: its element count (plain_text included) and the bytes of the request that sends it.

type Node = Record<string, unknown>;
const isObject = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Data the card carries for others (a chart's VChart spec, callback values): not card elements, never counted. */
const OPAQUE = new Set(['chart_spec', 'behaviors', 'value']);

/**
 * The number of elements and components, as 卡片 JSON 2.0 结构 counts them: "一张卡片最多支持 200 个元素（如 `tag` 为
 * `plain_text` 的文本元素）或组件。" Every object with a `tag` counts — components, text objects (header title, button text,
 * option text, labels, placeholders) and icons — except inside data the card only carries (chart_spec, callback values).
 */
export function countElements(card: unknown): number {
  let n = 0;
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (isObject(x)) {
      if (typeof x.tag === 'string') n++;
      for (const [k, v] of Object.entries(x)) if (!OPAQUE.has(k)) visit(v);
    }
  };
  visit(card);
  return n;
}

/** A receive_id as long as an open_id or a chat_id ("ou_" / "oc_" and 32 characters). */
const RECEIVE_ID = `ou_${'0'.repeat(32)}`;
/** The longest uuid the send-message API takes (发送消息, uuid: "最大长度：`50` 字符"). */
const UUID = 'u'.repeat(50);

/**
 * The bytes of the `im/v1/messages` request body that sends the card — the largest of send, reply and patch (send carries
 * a receive_id too). The content is the card serialised once more inside the body, so its quotes are escaped again.
 */
export function sentBodyBytes(card: unknown): number {
  return Buffer.byteLength(
    JSON.stringify({ receive_id: RECEIVE_ID, msg_type: 'interactive', content: JSON.stringify(card), uuid: UUID }),
    'utf8',
  );
}
