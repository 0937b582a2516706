// POSTs push bodies to the bot's webhook with Lark's signature headers, and re-delivers failed events on a schedule.
import { performance } from 'node:perf_hooks';
import { signRequest } from '../../lark/crypto.ts';
import { randomHex } from './ids.ts';
import type { StandinState } from './state.ts';
import type { DeliveryRecord, PushResult } from './types.ts';

export type SignatureMode = 'valid' | 'forged' | 'missing';

export interface Delivery {
  body: string;
  eventId: string;
  signature: SignatureMode;
  redeliver: boolean;
  /** default: pushTimeoutMs */
  timeoutMs?: number;
}

export class Deliverer {
  readonly log: DeliveryRecord[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly closing = new AbortController();

  constructor(private readonly state: StandinState) {}

  /** One POST now; if it fails and `redeliver` is set, the same body again after each configured delay until one succeeds. */
  async deliver(d: Delivery): Promise<PushResult> {
    if (!this.state.webhookUrl) throw new Error('lark stand-in: no bot webhook url (pass botWebhookUrl or call setBotWebhookUrl)');
    const result = await this.post(d, 0);
    if (!result.ok && d.redeliver) this.schedule(d, 0);
    return result;
  }

  /** Events whose re-delivery is still scheduled or under way. */
  pending(): number {
    return this.timers.size;
  }

  /** Cancels scheduled re-deliveries (the deliverer stays usable). */
  cancelPending(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  close(): void {
    this.cancelPending();
    this.closing.abort();
  }

  private schedule(d: Delivery, index: number): void {
    const delays = this.state.opts.redeliveryDelaysMs;
    if (index >= delays.length || this.closing.signal.aborted) return;
    const timer = setTimeout(async () => {
      const result = await this.post(d, index + 1);
      this.timers.delete(timer);
      if (!result.ok) this.schedule(d, index + 1);
    }, delays[index]);
    this.timers.add(timer);
  }

  private async post(d: Delivery, attempt: number): Promise<PushResult> {
    const at = performance.now();
    let status = 0;
    let body = '';
    let error: string | undefined;
    try {
      const res = await fetch(this.state.webhookUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', ...this.signatureHeaders(d.body, d.signature) },
        body: d.body,
        signal: AbortSignal.any([AbortSignal.timeout(d.timeoutMs ?? this.state.opts.pushTimeoutMs), this.closing.signal]),
      });
      body = await res.text();
      status = res.status;
    } catch (e) {
      status = 0;
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    this.log.push({ eventId: d.eventId, attempt, status, ok: status === 200, at });
    return { status, body, eventId: d.eventId, ok: status === 200, ...(error ? { error } : {}) };
  }

  /** X-Lark-Request-Timestamp / -Nonce / X-Lark-Signature, fresh for every POST; none without an encrypt key or in 'missing' mode. */
  private signatureHeaders(body: string, mode: SignatureMode): Record<string, string> {
    const key = this.state.opts.encryptKey;
    if (mode === 'missing' || (!key && mode === 'valid')) return {};
    const ts = String(Math.floor(this.state.opts.now() / 1000));
    const nonce = randomHex(16);
    const signature =
      mode === 'valid' ? signRequest(ts, nonce, key!, body) : key ? signRequest(ts, nonce, `${key}-forged`, body) : randomHex(64);
    return { 'x-lark-request-timestamp': ts, 'x-lark-request-nonce': nonce, 'x-lark-signature': signature };
  }
}
