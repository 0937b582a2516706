// The local Lark stand-in: an OpenAPI server the real SDK can use as its domain, and a pusher of events/card callbacks.
export { startLarkStandin } from './server.ts';
export type { FaultSpec, Json, LarkStandin, StandinOptions, StoredMessage } from './types.ts';
