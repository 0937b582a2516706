// The shapes Lark posts to the webhook, validated with zod: url_verification, v2 envelopes (events and card callbacks), v1 events.
import { z } from 'zod';

export const ChallengeSchema = z.object({
  type: z.literal('url_verification'),
  challenge: z.string().min(1).max(200),
  token: z.string().optional(),
});

export const EnvelopeV2Schema = z.object({
  schema: z.literal('2.0'),
  header: z.object({
    event_id: z.string().min(1).max(128),
    event_type: z.string().min(1).max(128),
    token: z.string().optional(),
    create_time: z.string().optional(),
    app_id: z.string().optional(),
    tenant_key: z.string().optional(),
  }),
  event: z.record(z.string(), z.unknown()),
});

export const EnvelopeV1Schema = z.object({
  type: z.literal('event_callback'),
  uuid: z.string().min(1).max(128),
  token: z.string().optional(),
  event: z.object({ type: z.string().min(1), app_id: z.string().optional() }).passthrough(),
});

export type EnvelopeV2 = z.infer<typeof EnvelopeV2Schema>;

/** One shape for whatever arrived: the id to dedupe on, its type, token, app id and the event body. */
export interface Inbound {
  eventId: string;
  eventType: string;
  token?: string;
  appId?: string;
  event: Record<string, unknown>;
}

export function toInbound(body: unknown): Inbound | { error: string } {
  const v2 = EnvelopeV2Schema.safeParse(body);
  if (v2.success) {
    const h = v2.data.header;
    return { eventId: h.event_id, eventType: h.event_type, token: h.token, appId: h.app_id, event: v2.data.event };
  }
  const v1 = EnvelopeV1Schema.safeParse(body);
  if (v1.success) {
    return { eventId: v1.data.uuid, eventType: v1.data.event.type, token: v1.data.token, appId: v1.data.event.app_id, event: v1.data.event };
  }
  const issue = v2.error.issues[0];
  return { error: `not a Lark event: ${issue ? `${issue.path.join('.') || 'body'} ${issue.message}` : 'unknown shape'}` };
}
