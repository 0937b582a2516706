// Card validator from Feishu's documentation: what Lark would refuse in a card before it is sent (limits, tags, placement, names).
// Rules come from 卡片 JSON 2.0 结构, 卡片 JSON 2.0 版本更新说明, 表单容器 and each component's page; each is quoted where checked.
import { checkComponent, checkText, isObject, issue, type CardIssue, type CardScan, type Node } from './validate/check-component.ts';
import { ALIGN_H, ALIGN_V, DIRECTION, HEADER_TEMPLATES } from './validate/components.ts';
import { CARD_LIMITS } from './validate/limits.ts';
import { countElements, sentBodyBytes } from './validate/measure.ts';

export type { CardIssue } from './validate/check-component.ts';
export { CARD_LIMITS } from './validate/limits.ts';
export { countElements, sentBodyBytes } from './validate/measure.ts';

// 卡片 JSON 2.0 结构: the card's own keys, config, header and body.
const CARD_KEYS = ['schema', 'config', 'card_link', 'header', 'body'];
const CONFIG_KEYS = [
  'streaming_mode',
  'streaming_config',
  'summary',
  'locales',
  'enable_forward',
  'update_multi',
  'width_mode',
  'use_custom_translation',
  'enable_forward_interaction',
  'style',
];
const HEADER_KEYS = ['title', 'subtitle', 'text_tag_list', 'i18n_text_tag_list', 'template', 'icon', 'padding'];
const BODY_KEYS = ['elements', 'direction', 'padding', 'horizontal_spacing', 'horizontal_align', 'vertical_spacing', 'vertical_align'];

function unknownKeys(scan: CardScan, path: string, o: Node, allowed: string[], why: string): void {
  for (const k of Object.keys(o))
    if (!allowed.includes(k))
      issue(scan, path ? `${path}.${k}` : k, `${path || 'card'}.property`, `${path || 'the card'} has no property ${k}${why}`);
}

function enumOf(scan: CardScan, path: string, v: unknown, allowed: readonly string[]): void {
  if (v !== undefined && !allowed.includes(v as string))
    issue(scan, path, 'component.enum', `${path} must be one of ${allowed.join(', ')}, not ${JSON.stringify(v)}`);
}

function checkConfig(scan: CardScan, config: unknown): void {
  if (config === undefined) return;
  if (!isObject(config)) return issue(scan, 'config', 'config.shape', 'config must be an object');
  unknownKeys(scan, 'config', config, CONFIG_KEYS, '');
  // "卡片 JSON 2.0 结构暂时仅支持共享卡片，不支持独享卡片配置。即 `update_multi` 参数仅支持设为 `true`。"
  if (config.update_multi !== undefined && config.update_multi !== true)
    issue(scan, 'config.update_multi', 'config.update_multi', 'config.update_multi can only be true in a JSON 2.0 card (仅支持设为 true)');
  enumOf(scan, 'config.width_mode', config.width_mode, ['default', 'compact', 'fill']);
  if (config.summary !== undefined) {
    if (!isObject(config.summary)) issue(scan, 'config.summary', 'config.summary', 'config.summary must be { content }');
    else {
      unknownKeys(scan, 'config.summary', config.summary, ['content', 'i18n_content'], '');
      if (config.summary.content !== undefined && typeof config.summary.content !== 'string')
        issue(scan, 'config.summary.content', 'config.summary', 'config.summary.content must be a string');
    }
  }
}

function checkHeader(scan: CardScan, header: unknown): void {
  if (header === undefined) return;
  if (!isObject(header)) return issue(scan, 'header', 'header.shape', 'header must be an object');
  unknownKeys(scan, 'header', header, HEADER_KEYS, '');
  // 标题: "title | 是 | Object | 配置卡片的主标题信息。" with "tag … 可取值：plain_text … lark_md"
  if (header.title === undefined) issue(scan, 'header.title', 'header.title', 'header.title is required (title | 是)');
  else checkText(scan, 'header.title', header.title, ['plain_text', 'lark_md']);
  if (header.subtitle !== undefined) checkText(scan, 'header.subtitle', header.subtitle, ['plain_text', 'lark_md']);
  enumOf(scan, 'header.template', header.template, HEADER_TEMPLATES);
}

/** A card of JSON 1.0, or a template reference: only its shape (the bot sends 2.0 cards; 1.0 components are not checked). */
function checkOther(scan: CardScan, card: Node): void {
  if (card.type === 'template') {
    if (!(isObject(card.data) && typeof card.data.template_id === 'string'))
      issue(scan, 'data.template_id', 'card.template', 'a template card needs data.template_id');
    return;
  }
  if (card.type === 'card') {
    if (!(isObject(card.data) && typeof card.data.card_id === 'string'))
      issue(scan, 'data.card_id', 'card.reference', 'a card reference needs data.card_id');
    return;
  }
  if (card.schema !== undefined)
    return issue(scan, 'schema', 'card.schema', `unknown card schema ${JSON.stringify(card.schema)} (1.0 or 2.0)`);
  if (card.elements === undefined && card.i18n_elements === undefined && card.header === undefined)
    issue(scan, 'elements', 'card.shape', 'a 1.0 card needs elements or header');
  if (card.elements !== undefined && !Array.isArray(card.elements)) issue(scan, 'elements', 'card.shape', 'elements must be an array');
}

/** The problems Feishu would refuse the card for; [] when it would accept it. */
export function validateCard(card: unknown): CardIssue[] {
  const scan: CardScan = { issues: [], elementIds: new Map(), formNames: new Map() };
  if (!isObject(card)) return [{ path: '', rule: 'card.shape', message: 'a card is a JSON object' }];

  if (card.schema === '2.0') {
    // 版本更新说明: "JSON 2.0 版本新增 `body` 字段，`elements` 属性放置在 `body` 层级下。" and "不再支持通过 `i18n_elements` 字段设置全局多语言",
    // "JSON 2.0 版本暂不支持使用 `fallback` 字段"
    unknownKeys(
      scan,
      '',
      card,
      CARD_KEYS,
      ' in a JSON 2.0 card (elements go in body.elements; i18n_elements and fallback are not supported)',
    );
    checkConfig(scan, card.config);
    checkHeader(scan, card.header);
    const body = card.body;
    if (body !== undefined) {
      if (!isObject(body)) issue(scan, 'body', 'body.shape', 'body must be an object');
      else {
        unknownKeys(scan, 'body', body, BODY_KEYS, '');
        enumOf(scan, 'body.direction', body.direction, DIRECTION);
        enumOf(scan, 'body.horizontal_align', body.horizontal_align, ALIGN_H);
        enumOf(scan, 'body.vertical_align', body.vertical_align, ALIGN_V);
        if (body.elements !== undefined && !Array.isArray(body.elements))
          issue(scan, 'body.elements', 'body.shape', 'body.elements must be an array');
        else
          (body.elements as unknown[] | undefined)?.forEach((el, i) =>
            checkComponent(scan, `body.elements[${i}]`, el, { root: true, inForm: false }),
          );
      }
    }
    // "一张卡片最多支持 200 个元素（如 `tag` 为 `plain_text` 的文本元素）或组件。"
    const n = countElements(card);
    if (n > CARD_LIMITS.elements)
      issue(scan, '', 'card.elements', `the card has ${n} elements (plain_text included), at most ${CARD_LIMITS.elements}`);
  } else checkOther(scan, card);

  // 发送消息: "卡片消息、富文本消息请求体最大不能超过 30 KB。"
  const bytes = sentBodyBytes(card);
  if (bytes > CARD_LIMITS.bodyBytes)
    issue(scan, '', 'card.size', `the request body sending the card is ${bytes} bytes, at most ${CARD_LIMITS.bodyBytes} (30 KB)`);
  return scan.issues;
}

/** Throws an Error listing every issue, for a card that Feishu would refuse. */
export function assertValidCard(card: unknown): void {
  const issues = validateCard(card);
  if (issues.length)
    throw new Error(
      `card refused by Feishu's rules (${issues.length}):\n${issues.map((i) => `- ${i.path || '(card)'} [${i.rule}] ${i.message}`).join('\n')}`,
    );
}
