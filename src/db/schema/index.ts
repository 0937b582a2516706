// The whole database schema, one file per domain.
export * from './org.ts';
