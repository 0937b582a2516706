// The whole database schema, one file per domain.
export * from './org.ts';
export * from './lark.ts';
export * from './people-settings.ts';
export * from './duties.ts';
export * from './records.ts';
export * from './followups.ts';
