// card.action.trigger callbacks for a card the bot sent: form submits and button clicks, and what the bot answers.
import type { Json } from './types.ts';
import { buttonValue, defaultValue, fieldLabels, findButton, findSubmit, formFields, isDowngrade, isEmpty, isReference } from './cards.ts';
import { checkCard } from './content.ts';
import { push, userIds, type PushContext } from './envelope.ts';
import { newCardToken, TENANT_KEY } from './ids.ts';
import { latestContent } from './state.ts';
import type { CardResult, PushOptions, PushResult, StoredMessage } from './types.ts';

const REQUIRED_MISSING = '有必填项未填写';
/**
 * 卡片 JSON 2.0 版本更新说明: "2.0 结构：卡片可交互和可更新时间统一为 14 天". The client shows an older card as
 * expired and sends nothing; PATCH answers 230031 ("Message can only be modified within 14 days after sending").
 */
export const CARD_LIFETIME_MS = 14 * 24 * 3600_000;
export const CARD_EXPIRED = '卡片已过期，无法操作';

/** A card sent more than 14 days ago (by the stand-in's clock). */
const cardExpired = (ctx: { state: PushContext['state'] }, m: StoredMessage): boolean =>
  ctx.state.opts.now() - m.createTime > CARD_LIFETIME_MS;

function cardMessage(ctx: PushContext, messageId: string): StoredMessage {
  const m = ctx.state.botMessages.get(messageId);
  if (m?.msgType !== 'interactive') throw new Error(`lark stand-in: ${messageId} is not a card the bot sent`);
  return m;
}

export async function submitForm(
  ctx: PushContext,
  p: { messageId: string; user: string; values: Record<string, unknown>; buttonName?: string },
  opts: PushOptions = {},
): Promise<CardResult> {
  const m = cardMessage(ctx, p.messageId);
  if (cardExpired(ctx, m)) return { status: 0, body: '', eventId: opts.eventId ?? '', ok: false, blocked: CARD_EXPIRED };
  const card = latestContent(m);
  const found = isReference(card) ? undefined : findSubmit(card, p.buttonName);
  if (!found) throw new Error(`lark stand-in: no form submit button${p.buttonName ? ` named ${p.buttonName}` : ''} in card ${p.messageId}`);
  const fields = formFields(found.form);
  for (const [name, v] of Object.entries(p.values)) {
    const f = fields.find((x) => x.name === name);
    if (!f) throw new Error(`lark stand-in: the form has no field named ${name}`);
    const problem = notAnOption(f, v);
    if (problem) throw new Error(`lark stand-in: ${name}: ${problem}`);
  }
  const formValue: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const f of fields) {
    const v = Object.hasOwn(p.values, f.name) ? p.values[f.name] : defaultValue(f);
    if (v !== undefined) formValue[f.name] = v;
    if (f.required === true && isEmpty(v)) missing.push(f.name);
  }
  if (missing.length) {
    const labels = fieldLabels(found.form);
    return {
      status: 0,
      body: '',
      eventId: opts.eventId ?? '',
      ok: false,
      blocked: REQUIRED_MISSING,
      missing: missing.map((n) => labels.get(n) ?? n),
    };
  }
  const action = {
    value: buttonValue(found.button),
    tag: 'button',
    timezone: 'Asia/Shanghai',
    name: found.button.name,
    form_value: formValue,
  };
  return callback(ctx, m, p.user, action, opts);
}

export async function clickButton(
  ctx: PushContext,
  p: { messageId: string; user: string; buttonName?: string; value?: unknown },
  opts: PushOptions = {},
): Promise<CardResult> {
  const m = cardMessage(ctx, p.messageId);
  if (cardExpired(ctx, m)) return { status: 0, body: '', eventId: opts.eventId ?? '', ok: false, blocked: CARD_EXPIRED };
  const card = latestContent(m);
  const button = isReference(card) ? undefined : findButton(card, p.buttonName);
  if (!button && p.value === undefined)
    throw new Error(`lark stand-in: no button${p.buttonName ? ` named ${p.buttonName}` : ''} in card ${p.messageId}`);
  const name = button?.name ?? p.buttonName;
  const action = {
    value: p.value !== undefined ? p.value : buttonValue(button!),
    tag: 'button',
    timezone: 'Asia/Shanghai',
    ...(name ? { name } : {}),
  };
  return callback(ctx, m, p.user, action, opts);
}

async function callback(ctx: PushContext, m: StoredMessage, user: string, action: object, opts: PushOptions): Promise<CardResult> {
  const { state } = ctx;
  let issued: string | undefined;
  const build = () => {
    const token = newCardToken();
    issued = token;
    state.cardTokens.set(token, { messageId: m.messageId, issuedAt: state.opts.now(), uses: 0 });
    const operator = { tenant_key: TENANT_KEY, ...userIds(state, user) };
    return { operator, token, action, host: 'im_message', context: { open_message_id: m.messageId, open_chat_id: m.chatId } };
  };
  // Card callbacks carry a microsecond create_time (see the callback doc example).
  const res = await push(ctx, 'card.action.trigger', build, opts, { redeliver: false, createTime: String(state.opts.now() * 1000) });
  return { ...applyAnswer(m, res), ...(issued ? { cardToken: issued } : {}) };
}

/** A person can only pick a static select's options: the value Lark sends is an option's value (options[].value). */
function notAnOption(f: Record<string, Json>, v: unknown): string | undefined {
  if (f.tag !== 'select_static' && f.tag !== 'multi_select_static') return undefined;
  const values = new Set((Array.isArray(f.options) ? f.options : []).map((o: Json) => o?.value));
  const list = f.tag === 'multi_select_static' && Array.isArray(v) ? v : [v];
  const bad = list.find((x) => x !== undefined && !values.has(x));
  return bad === undefined ? undefined : `${JSON.stringify(bad)} is not one of the options' values (${[...values].join(', ')})`;
}

const errorToast = (code: number) => ({ type: 'error', content: String(code) });

/** The client's view of the bot's answer: its toast, and a returned card replacing the stored one. */
function applyAnswer(m: StoredMessage, res: PushResult): CardResult {
  if (!res.ok) return { ...res, toast: errorToast(res.status === 0 ? 200341 : 200671) };
  let answer: Json = {};
  if (res.body.trim()) {
    try {
      answer = JSON.parse(res.body);
    } catch {
      return { ...res, toast: errorToast(200672) };
    }
  }
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return { ...res, toast: errorToast(200672) };
  const out: CardResult = { ...res };
  if (answer.toast && typeof answer.toast === 'object') out.toast = answer.toast;
  if (answer.card === undefined) return out;
  const c = answer.card;
  if (typeof c !== 'object' || c === null || (c.type !== 'raw' && c.type !== 'template')) return { ...out, toast: errorToast(200673) };
  const next = c.type === 'raw' ? c.data : c;
  out.card = next;
  // The card the bot answers with is checked like a sent one (the validator): Feishu shows an error toast and keeps the old card.
  const checked = checkCard(next);
  if (!checked.ok) return { ...out, toast: errorToast(200673), refused: checked.msg };
  if (isDowngrade(latestContent(m), next)) return { ...out, toast: errorToast(200830) };
  m.updates.push(next);
  return out;
}
