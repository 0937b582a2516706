// Load generator child process: signed, encrypted card.action.trigger submissions over keep-alive HTTP, closed- or open-loop.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { encryptPayload, signRequest } from '../src/lark/crypto.ts';

export interface LoadJob {
  url: string;
  mode: 'closed' | 'open';
  /** closed: requests in flight; open: socket cap */
  concurrency: number;
  /** open: requests per second */
  rate?: number;
  durationMs: number;
  people: { id: string; openId: string }[];
  /** unique prefix of event and message ids for this phase */
  tag: string;
  encryptKey: string;
  token: string;
  appId: string;
  /** bodies to build before the clock starts */
  prebuild: number;
}

export interface LoadResult {
  tag: string;
  mode: 'closed' | 'open';
  concurrency: number;
  rate?: number;
  sent: number;
  completed: number;
  success: number;
  statuses: Record<string, number>;
  errors: number;
  elapsedMs: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  dropped: number;
}

const TIMES = ['08:00', '08:15', '08:30', '08:45', '09:00', '09:30', '10:00', '11:00', '12:00'];

function buildRequest(job: LoadJob, seq: number) {
  const p = job.people[seq % job.people.length]!;
  const eventId = `${job.tag}-${seq}`;
  const plaintext = JSON.stringify({
    schema: '2.0',
    header: {
      event_id: eventId,
      token: job.token,
      create_time: String(Date.now() * 1000),
      event_type: 'card.action.trigger',
      tenant_key: 'tenant_bench',
      app_id: job.appId,
    },
    event: {
      operator: { tenant_key: 'tenant_bench', open_id: p.openId, union_id: '', user_id: '' },
      token: `c-${randomBytes(8).toString('hex')}`,
      action: {
        value: { a: 'settings.save', p: p.id },
        tag: 'button',
        timezone: 'Asia/Shanghai',
        name: 'save_settings',
        form_value: { morning_time: TIMES[seq % TIMES.length] },
      },
      host: 'im_message',
      context: { open_message_id: `om_${job.tag}_${seq}`, open_chat_id: `oc_p2p_${p.openId}` },
    },
  });
  const body = JSON.stringify({ encrypt: encryptPayload(job.encryptKey, plaintext) });
  const ts = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString('hex');
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'x-lark-request-timestamp': ts,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signRequest(ts, nonce, job.encryptKey, body),
    },
  };
}

const pct = (s: number[], p: number) => (s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]! : NaN);

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const target = new URL(job.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency, maxFreeSockets: job.concurrency });
  const pool = Array.from({ length: job.prebuild }, (_, i) => buildRequest(job, i));
  let seq = 0;
  const next = () => {
    const s = seq++;
    return s < pool.length ? pool[s]! : buildRequest(job, s);
  };
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let completed = 0;
  let success = 0;
  let errors = 0;
  let dropped = 0;
  let inflight = 0;

  const send = (startAt: number) =>
    new Promise<void>((resolve) => {
      const r = next();
      inflight++;
      const req = http.request(
        { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: r.headers, timeout: 10_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            inflight--;
            completed++;
            latencies.push(performance.now() - startAt);
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
            if (res.statusCode === 200 && Buffer.concat(chunks).toString('utf8').includes('"success"')) success++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        inflight--;
        errors++;
        resolve();
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.end(r.body);
    });

  const t0 = performance.now();
  const end = t0 + job.durationMs;
  if (job.mode === 'closed') {
    const worker = async () => {
      while (performance.now() < end) await send(performance.now());
    };
    await Promise.all(Array.from({ length: job.concurrency }, worker));
  } else {
    const rate = job.rate!;
    const pending: Promise<void>[] = [];
    let scheduled = 0;
    await new Promise<void>((done) => {
      const pump = () => {
        const now = performance.now();
        const due = Math.min(Math.floor(((now - t0) / 1000) * rate), Math.floor((job.durationMs / 1000) * rate));
        while (scheduled < due) {
          // latency counts from the intended send time (no coordinated omission)
          const at = t0 + (scheduled / rate) * 1000;
          scheduled++;
          if (inflight >= 4 * job.concurrency) {
            dropped++;
            continue;
          }
          pending.push(send(at));
        }
        if (now >= end) return done();
        setTimeout(pump, 1);
      };
      pump();
    });
    await Promise.all(pending);
  }
  const elapsedMs = performance.now() - t0;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    tag: job.tag,
    mode: job.mode,
    concurrency: job.concurrency,
    ...(job.rate ? { rate: job.rate } : {}),
    sent: seq,
    completed,
    success,
    statuses,
    errors,
    elapsedMs,
    rps: (completed / elapsedMs) * 1000,
    p50: pct(latencies, 50),
    p90: pct(latencies, 90),
    p99: pct(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    dropped,
  };
}

// as a child process: one job per IPC message, one result back
if (process.send) {
  process.on('message', async (job: LoadJob) => {
    const result = await runLoad(job);
    process.send!(result);
  });
  process.send({ ready: true });
}
