// POST /callback/ws/endpoint: the long connection's first step — app id + secret → a one-time WebSocket URL and its ClientConfig.
import type { FastifyInstance } from 'fastify';
import { bodyOf, sendJson } from '../http.ts';
import type { SocketHub } from '../socket/hub.ts';

const WS_ENDPOINT_PATH = '/callback/ws/endpoint';

export function registerWsEndpoint(app: FastifyInstance, hub: SocketHub): void {
  // Lark answers HTTP 200 with {code, msg, data}; a refusal carries code 514 (auth failed) or 1000040350 (50 connections).
  // The exact body of a refusal is not documented: `data` is sent as {} so the SDK reads the code (it destructures data first).
  app.post(WS_ENDPOINT_PATH, async (req, reply) => {
    const { AppID, AppSecret } = bodyOf(req);
    return sendJson(reply, 200, hub.issue(req.headers.host ?? '127.0.0.1', AppID, AppSecret));
  });
  app.server.on('upgrade', (req, socket, head) => hub.onUpgrade(req, socket, head));
}
