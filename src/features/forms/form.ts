// A form as data: its fields and cross-field checks; from it, the card (a JSON 2.0 form) and the server-side parse.
import {
  button,
  card,
  form as formContainer,
  markdown,
  note,
  type ActionValue,
  type Card,
  type CardElement,
} from '../../lark/cards/kit.ts';
import { fieldComponents, schemaOf, type Field, type Prefill } from './fields.ts';

export interface FormDef<C = unknown> {
  id: string;
  title: string;
  /** the fields; may depend on who fills it and where (the center's posts, the leader's people) */
  fields: (ctx: C) => Field[];
  /** checks across fields, after each field is valid: return the message for the first problem */
  check?: (values: Record<string, unknown>, ctx: C) => string | null;
}

/** The form container alone (for cards that wrap it, like a reminder). */
export function formElement<C>(
  def: FormDef<C>,
  ctx: C,
  opts: { submit: ActionValue; prefill?: Prefill; submitText?: string },
): CardElement {
  const body: CardElement[] = def.fields(ctx).flatMap((f) => fieldComponents(f, opts.prefill?.[f.name]));
  body.push(button({ name: `submit_${def.id}`, text: opts.submitText ?? '提交', type: 'primary', submit: true, value: opts.submit }));
  return formContainer(`form_${def.id}`, body);
}

export function formCard<C>(
  def: FormDef<C>,
  ctx: C,
  opts: {
    submit: ActionValue;
    prefill?: Prefill;
    intro?: string;
    subtitle?: string;
    submitText?: string;
    color?: Card['header']['template'];
    footer?: string;
  },
): Card {
  return card({
    title: def.title,
    subtitle: opts.subtitle,
    color: opts.color ?? 'blue',
    summary: def.title,
    elements: [...(opts.intro ? [markdown(opts.intro)] : []), formElement(def, ctx, opts), ...(opts.footer ? [note(opts.footer)] : [])],
  });
}

export type ParseResult = { ok: true; values: Record<string, unknown> } | { ok: false; message: string };

/** Checks a submitted form on the server; the message names the field ("夜查时间：应在夜间"). */
export function parseForm<C>(def: FormDef<C>, ctx: C, formValue: Record<string, unknown> | undefined, today: string): ParseResult {
  const parsed = schemaOf(def.fields(ctx), today).safeParse(formValue ?? {});
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? '表单无效' };
  const problem = def.check?.(parsed.data, ctx) ?? null;
  return problem ? { ok: false, message: problem } : { ok: true, values: parsed.data };
}
