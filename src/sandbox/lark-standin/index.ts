// The local Lark stand-in: an OpenAPI server the real SDK can use as its domain, and a pusher of events/card callbacks.
export { startLarkStandin } from './server.ts';
export { REQUIRED_MISSING } from './card-callbacks.ts';
export { TENANT_KEY } from './ids.ts';
export { envelope } from './envelope.ts';
export type {
  CardResult,
  ChatSpec,
  DeliveryRecord,
  FaultSpec,
  LarkStandin,
  PushOptions,
  PushResult,
  RequestRecord,
  StandinOptions,
  StoredFile,
  StoredMessage,
  UrlVerificationOptions,
  UserSpec,
} from './types.ts';
