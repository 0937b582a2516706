// The shapes Lark posts to the webhook, validated with zod: url_verification, v2 envelopes (events and card callbacks), v1 events.
import { z } from 'zod';

export const ChallengeSchema = z.object({
  type: z.literal('url_verification'),
  challenge: z.string().min(1).max(200),
  token: z.string().optional(),
});

/**
 * Lark's ids and type names are printable ASCII (hex ids, `om_…`, `im.message.receive_v1`); one with a NUL, a control
 * character or a lone surrogate is not Lark's and would not even fit a text column, so it is refused (400), not stored.
 */
const larkId = z.string().regex(/^[\x21-\x7e]{1,128}$/, 'must be 1 to 128 printable ASCII characters');

const EnvelopeV2Schema = z.object({
  schema: z.literal('2.0'),
  header: z.object({
    event_id: larkId,
    event_type: larkId,
    token: z.string().optional(),
    create_time: z.string().optional(),
    app_id: z.string().optional(),
    tenant_key: z.string().optional(),
  }),
  event: z.record(z.string(), z.unknown()),
});

const EnvelopeV1Schema = z.object({
  type: z.literal('event_callback'),
  uuid: larkId,
  token: z.string().optional(),
  event: z.object({ type: larkId, app_id: z.string().optional(), tenant_key: z.string().optional() }).passthrough(),
});

/** One shape for whatever arrived: the id to dedupe on, its type, token, app id, tenant, when it was made and the event body. */
export interface Inbound {
  eventId: string;
  eventType: string;
  token?: string;
  appId?: string;
  tenantKey?: string;
  /** header.create_time as sent (ms for events, µs for card callbacks); v1 envelopes have none */
  createTime?: string;
  event: Record<string, unknown>;
}

/** A message's id (the dedupe key of messages) must be an id too, when the event carries one. */
function messageIdProblem(event: Record<string, unknown>): string | null {
  const message = event.message;
  if (!message || typeof message !== 'object') return null;
  const id = (message as { message_id?: unknown }).message_id;
  return id === undefined || larkId.safeParse(id).success ? null : 'event.message.message_id must be 1 to 128 printable ASCII characters';
}

export function toInbound(body: unknown): Inbound | { error: string } {
  const v2 = EnvelopeV2Schema.safeParse(body);
  if (v2.success) {
    const h = v2.data.header;
    const problem = messageIdProblem(v2.data.event);
    if (problem) return { error: `not a Lark event: ${problem}` };
    return {
      eventId: h.event_id,
      eventType: h.event_type,
      token: h.token,
      appId: h.app_id,
      tenantKey: h.tenant_key,
      createTime: h.create_time,
      event: v2.data.event,
    };
  }
  const v1 = EnvelopeV1Schema.safeParse(body);
  if (v1.success) {
    const e = v1.data.event;
    return { eventId: v1.data.uuid, eventType: e.type, token: v1.data.token, appId: e.app_id, tenantKey: e.tenant_key, event: e };
  }
  const issue = v2.error.issues[0];
  return { error: `not a Lark event: ${issue ? `${issue.path.join('.') || 'body'} ${issue.message}` : 'unknown shape'}` };
}
