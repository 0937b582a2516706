// startLarkStandin: the Fastify app with every route, listening on 127.0.0.1 at a random port.
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { installGateway } from './http.ts';
import { registerAuth } from './routes/auth.ts';
import { registerDirectory } from './routes/directory.ts';
import { registerFiles } from './routes/files.ts';
import { registerMessages } from './routes/messages.ts';
import { registerResources } from './routes/resources.ts';
import { registerUpdates } from './routes/updates.ts';
import { registerWsEndpoint } from './routes/ws-endpoint.ts';
import { SocketHub } from './socket/hub.ts';
import { Standin } from './standin.ts';
import { resolveOptions, StandinState } from './state.ts';
import type { LarkStandin, StandinOptions } from './types.ts';

/** Big enough that oversized messages reach the 230025 check instead of a 413. */
const BODY_LIMIT = 10 * 1024 * 1024;

function buildStandinApp(state: StandinState, hub: SocketHub): FastifyInstance {
  const app = Fastify({ logger: state.opts.logger, bodyLimit: BODY_LIMIT, forceCloseConnections: true });
  installGateway(app, state);
  registerAuth(app, state);
  registerMessages(app, state);
  registerUpdates(app, state);
  registerDirectory(app, state);
  registerResources(app, state);
  registerFiles(app, state);
  registerWsEndpoint(app, hub);
  return app;
}

export async function startLarkStandin(opts: StandinOptions): Promise<LarkStandin> {
  const state = new StandinState(resolveOptions(opts));
  state.webhookUrl = opts.botWebhookUrl;
  state.connection = opts.connection ?? 'webhook';
  const hub = new SocketHub(state);
  const app = buildStandinApp(state, hub);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return new Standin(`http://127.0.0.1:${port}`, app, state, hub);
}
