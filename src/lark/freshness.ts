// How old a push is: the X-Lark-Request-Timestamp window of the webhook and the card life of a card callback.
//
// Lark does not document the timestamp's format: event pushes carry Unix seconds ("1700000000"); a card callback has
// been reported with Go's time.String() ("2026-10-04 18:23:46.05 +0800 CST m=+3612.1"). Both are read, as are
// milliseconds, microseconds and ISO 8601 (RFC 3339), for both the request timestamp and a card callback's create_time;
// anything else cannot be placed in time and is refused.

/** A signed request whose timestamp is further than this from our clock is refused (a replay, or a clock gone wrong). */
const REQUEST_WINDOW_MS = 5 * 60_000;

/** 卡片 JSON 2.0 版本更新说明: "2.0 结构：卡片可交互和可更新时间统一为 14 天" — no genuine click comes from an older card. */
const CARD_LIFE_MS = 14 * 24 * 3600_000;

/** Unix seconds, milliseconds or microseconds, by the number of digits. */
function fromDigits(s: string): number | null {
  if (/^\d{9,11}$/.test(s)) return Number(s) * 1000;
  if (/^\d{12,14}$/.test(s)) return Number(s);
  if (/^\d{15,17}$/.test(s)) return Math.floor(Number(s) / 1000);
  return null;
}

/** The instant (ms) a timestamp header names, or null when it cannot be read. */
export function parseRequestTimestamp(raw: string | undefined): number | null {
  if (!raw) return null;
  const s = raw.trim();
  const digits = fromDigits(s);
  if (digits !== null) return digits;
  // Go's time.String(): "2006-01-02 15:04:05.999999999 -0700 MST m=+0.1"
  const go = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?) ([+-])(\d{2})(\d{2})\b/.exec(s);
  if (go) {
    const frac = go[2]!.replace(/(\.\d{3})\d+$/, '$1');
    const t = Date.parse(`${go[1]}T${frac}${go[3]}${go[4]}:${go[5]}`);
    return Number.isFinite(t) ? t : null;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const t = Date.parse(s);
    return Number.isFinite(t) ? t : null;
  }
  return null;
}

/** Why a signed request's timestamp is refused, or null when it is inside ±REQUEST_WINDOW_MS of now. */
export function requestTimeProblem(raw: string | undefined, now: Date): string | null {
  const at = parseRequestTimestamp(raw);
  if (at === null) return 'X-Lark-Request-Timestamp cannot be read as a time';
  const skew = at - now.getTime();
  if (Math.abs(skew) > REQUEST_WINDOW_MS)
    return `X-Lark-Request-Timestamp is ${Math.round(skew / 1000)} s from our clock (more than ±${REQUEST_WINDOW_MS / 60_000} min)`;
  return null;
}

/**
 * Why a card callback is refused by its header create_time, or null when the card is still alive: read in every form the
 * request timestamp is read in; a callback that carries none, or one that cannot be placed in time, is refused too.
 */
export function cardAgeProblem(createTime: string | undefined, now: Date): string | null {
  if (createTime === undefined || createTime.trim() === '') return 'create_time missing';
  const at = parseRequestTimestamp(createTime);
  if (at === null) return 'create_time cannot be read as a time';
  if (now.getTime() - at > CARD_LIFE_MS) return 'older than a card lives';
  return null;
}
