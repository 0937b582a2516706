// Long-connection mode (长连接): the SDK's WSClient brings events and card callbacks, each through the shared inbound path.
//
// The WSClient fetches a connection URL (POST {domain}/callback/ws/endpoint with the app id and secret), keeps a
// WebSocket open, pings, reconnects, and for each data frame calls `eventDispatcher.invoke(envelope, {needCheck:false})`
// with the plain v2 envelope (events and card.action.trigger alike), then sends back what invoke returned as the answer
// (`{"code":200,"data":base64(JSON)}`; a throw becomes code 500, which Lark re-sends). We take the envelope right there,
// in invoke: the SDK's per-type handlers would get header and event merged into one object (the card's `token` over
// the header's), and unknown types would never be recorded. So both transports run the very same dispatchInbound.
import * as lark from '@larksuiteoapi/node-sdk';
import type { AppContext } from '../../context.ts';
import { dispatchInbound } from '../inbound/dispatch.ts';
import { sdkDomain } from '../lark-client.ts';
import { inboundKind, observeInbound } from '../../metrics/hooks.ts';

type SocketState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';

export interface LarkSocket {
  /** Opens the connection; it reconnects by itself until closed. */
  start(): void;
  state(): SocketState;
  /** Closes the connection for good (graceful stop). */
  close(): void;
}

/** An EventDispatcher whose invoke hands the plain envelope to the shared path and returns its answer. */
class SharedPathDispatcher extends lark.EventDispatcher {
  constructor(
    private readonly onEnvelope: (plain: unknown) => Promise<object>,
    logger: lark.Logger,
  ) {
    super({ logger, loggerLevel: lark.LoggerLevel.debug });
  }

  override async invoke(data: unknown): Promise<object> {
    return this.onEnvelope(data);
  }
}

/** The SDK's log lines, sent to our logger one level lower, with the secret and the connection URL's credentials masked. */
function sdkLogger(ctx: AppContext): lark.Logger {
  const secret = ctx.config.LARK_APP_SECRET;
  const text = (args: unknown[]) => {
    let line = args
      .flat()
      .map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a)))
      .join(' ');
    if (secret) line = line.split(secret).join('***');
    return line.replace(/\b(ticket|access_key|AppSecret)=[^&\s"]*/g, '$1=***');
  };
  const log = ctx.log;
  return {
    error: (...a: unknown[]) => log.warn({ sdk: 'ws' }, text(a)),
    warn: (...a: unknown[]) => log.warn({ sdk: 'ws' }, text(a)),
    info: (...a: unknown[]) => log.debug({ sdk: 'ws' }, text(a)),
    debug: (...a: unknown[]) => log.trace({ sdk: 'ws' }, text(a)),
    trace: (...a: unknown[]) => log.trace({ sdk: 'ws' }, text(a)),
  };
}

export function createLarkSocket(ctx: AppContext): LarkSocket {
  const { config, log } = ctx;
  if (!config.LARK_APP_ID || !config.LARK_APP_SECRET) throw new Error('the long connection needs LARK_APP_ID and LARK_APP_SECRET');
  const logger = sdkLogger(ctx);
  let started = false;
  let closed = false;

  const client = new lark.WSClient({
    appId: config.LARK_APP_ID,
    appSecret: config.LARK_APP_SECRET,
    domain: sdkDomain(config.LARK_DOMAIN),
    logger,
    loggerLevel: lark.LoggerLevel.debug,
    onReady: () => log.info('Lark long connection open: receiving events and card callbacks'),
    onReconnecting: () => log.warn('Lark long connection lost; reconnecting'),
    onReconnected: () => log.info('Lark long connection open again'),
    onError: (err) =>
      log.error(
        { reason: err.message },
        'Lark refused the long connection; check LARK_APP_ID and LARK_APP_SECRET, and that the app is a custom app (企业自建应用) with the Bot capability',
      ),
  });

  const dispatcher = new SharedPathDispatcher(async (plain) => {
    const started = performance.now();
    const answer = await dispatchInbound(ctx, plain, 'socket');
    observeInbound(ctx.metrics, 'socket', inboundKind(plain), answer.status, (performance.now() - started) / 1000);
    if (answer.status === 200) return answer.body;
    log.warn({ status: answer.status, reason: answer.reason }, 'lark push over the long connection refused');
    // code 500 in the reply frame: Lark counts it as not delivered and re-sends
    throw new Error(answer.reason);
  }, logger);

  return {
    start() {
      if (started || closed) return;
      started = true;
      void client.start({ eventDispatcher: dispatcher });
    },
    state() {
      if (closed) return 'closed';
      return started ? client.getConnectionStatus().state : 'idle';
    },
    close() {
      if (closed) return;
      closed = true;
      if (started) client.close({ force: true });
    },
  };
}
