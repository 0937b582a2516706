// What a failed Lark call means for us: refresh the token, wait and retry, retry later, or give up with a reason.

export type LarkErrorKind = 'token' | 'rate' | 'transient' | 'permanent';

/** Codes that say the tenant token is no good (the SDK never refreshes on these; we do). */
const TOKEN_CODES = new Set([99991661, 99991663, 99991664, 99991665, 99991668]);
/** Frequency limits: the gateway's (HTTP 429) and the IM business limit. */
const RATE_CODES = new Set([99991400, 230020, 11232, 11233, 11247, 232019]);
/** Lark-side conditions that pass by themselves. */
const TRANSIENT_CODES = new Set([230049, 18121, 1000040343]);

export class LarkApiError extends Error {
  readonly kind: LarkErrorKind;
  constructor(
    readonly code: number,
    message: string,
    readonly httpStatus?: number,
    /** How long Lark asked us to wait (x-ogw-ratelimit-reset), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(`Lark ${code}: ${message}`);
    this.name = 'LarkApiError';
    this.kind = classify(code, httpStatus);
  }
}

function classify(code: number, httpStatus?: number): LarkErrorKind {
  if (TOKEN_CODES.has(code)) return 'token';
  if (httpStatus === 429 || RATE_CODES.has(code)) return 'rate';
  if (code === -1 || TRANSIENT_CODES.has(code) || (httpStatus !== undefined && httpStatus >= 500)) return 'transient';
  return 'permanent';
}

interface AxiosLike {
  response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
  code?: string;
  message?: string;
}

/** Turns whatever the SDK threw (AxiosError with a Lark body, a network error, a timeout) into a LarkApiError. */
export function toLarkError(e: unknown): LarkApiError {
  if (e instanceof LarkApiError) return e;
  const ax = e as AxiosLike;
  const res = ax?.response;
  if (res) {
    const body = (typeof res.data === 'object' && res.data ? res.data : {}) as { code?: number; msg?: string };
    const reset = Number(res.headers?.['x-ogw-ratelimit-reset']);
    return new LarkApiError(
      typeof body.code === 'number' ? body.code : -1,
      body.msg ?? `HTTP ${res.status}`,
      res.status,
      Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined,
    );
  }
  // no response: connection refused, reset, timeout — worth another try later
  return new LarkApiError(-1, ax?.code ?? ax?.message ?? String(e));
}

/** A Lark body with code ≠ 0 on HTTP 200 is a failure too (the SDK resolves it). */
export function assertLarkOk<T extends { code?: number; msg?: string }>(res: T): T {
  if (res && typeof res.code === 'number' && res.code !== 0) throw new LarkApiError(res.code, res.msg ?? 'error', 200);
  return res;
}
