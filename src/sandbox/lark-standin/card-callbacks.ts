// card.action.trigger callbacks for a card the bot sent: form submits and button clicks, and what the bot answers.
import { buttonValue, defaultValue, findButton, findSubmit, formFields, isDowngrade, isEmpty, isReference } from './cards.ts';
import { checkCard } from './content.ts';
import { push, userIds, type PushContext } from './envelope.ts';
import { newCardToken, TENANT_KEY } from './ids.ts';
import { latestContent } from './state.ts';
import type { CardResult, PushOptions, PushResult, StoredMessage } from './types.ts';

export const REQUIRED_MISSING = '有必填项未填写';

function cardMessage(ctx: PushContext, messageId: string): StoredMessage {
  const m = ctx.state.botMessages.get(messageId);
  if (!m || m.msgType !== 'interactive') throw new Error(`lark stand-in: ${messageId} is not a card the bot sent`);
  return m;
}

export async function submitForm(
  ctx: PushContext,
  p: { messageId: string; user: string; values: Record<string, unknown>; buttonName?: string },
  opts: PushOptions = {},
): Promise<CardResult> {
  const m = cardMessage(ctx, p.messageId);
  const card = latestContent(m);
  const found = isReference(card) ? undefined : findSubmit(card, p.buttonName);
  if (!found) throw new Error(`lark stand-in: no form submit button${p.buttonName ? ` named ${p.buttonName}` : ''} in card ${p.messageId}`);
  const fields = formFields(found.form);
  for (const name of Object.keys(p.values)) {
    if (!fields.some((f) => f.name === name)) throw new Error(`lark stand-in: the form has no field named ${name}`);
  }
  const formValue: Record<string, unknown> = {};
  let missing = false;
  for (const f of fields) {
    const v = Object.hasOwn(p.values, f.name) ? p.values[f.name] : defaultValue(f);
    if (v !== undefined) formValue[f.name] = v;
    if (f.required === true && isEmpty(v)) missing = true;
  }
  if (missing) return { status: 0, body: '', eventId: opts.eventId ?? '', ok: false, blocked: REQUIRED_MISSING };
  const action = { value: buttonValue(found.button), tag: 'button', timezone: 'Asia/Shanghai', name: found.button.name, form_value: formValue };
  return callback(ctx, m, p.user, action, opts);
}

export async function clickButton(
  ctx: PushContext,
  p: { messageId: string; user: string; buttonName?: string; value?: unknown },
  opts: PushOptions = {},
): Promise<CardResult> {
  const m = cardMessage(ctx, p.messageId);
  const card = latestContent(m);
  const button = isReference(card) ? undefined : findButton(card, p.buttonName);
  if (!button && p.value === undefined) throw new Error(`lark stand-in: no button${p.buttonName ? ` named ${p.buttonName}` : ''} in card ${p.messageId}`);
  const name = button?.name ?? p.buttonName;
  const action = { value: p.value !== undefined ? p.value : buttonValue(button!), tag: 'button', timezone: 'Asia/Shanghai', ...(name ? { name } : {}) };
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

const errorToast = (code: number) => ({ type: 'error', content: String(code) });

/** The client's view of the bot's answer: its toast, and a returned card replacing the stored one. */
function applyAnswer(m: StoredMessage, res: PushResult): CardResult {
  if (!res.ok) return { ...res, toast: errorToast(res.status === 0 ? 200341 : 200671) };
  let answer: any = {};
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
  if (!checkCard(next).ok) return { ...out, toast: errorToast(200673) };
  if (isDowngrade(latestContent(m), next)) return { ...out, toast: errorToast(200830) };
  m.updates.push(next);
  return out;
}
