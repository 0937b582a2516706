// Thrown by a handler for an event that is fine to acknowledge and not act on (logged, stored as skipped).
export class SkipEvent extends Error {}
