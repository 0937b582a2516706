// The statement that records a card click (once), guarded by the org version, optionally with the handler's write and answer.
//
//   with v as (<org version>),
//        click as (insert into card_actions … select … from v where <org version unchanged> on conflict do nothing returning id),
//        w as (<the handler's write, only where exists (select 1 from click)>)
//   select (select id from click) as id, (select version from v) as version
//
// `id` null means nothing was recorded: either the same click is already recorded (a repeat) or the org changed since
// the operator was read (`version` differs from the one asked for: read the person again and retry).
// The text is built once per write template and runs as a named statement (on PostgreSQL parsed and planned once per
// connection, not on every click); each click only fills in the values.
import { createHash } from 'node:crypto';
import { fillPlaceholders, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { orgVersionSql } from '../../db/queries/org.ts';
import type { CardResponse, PlannedWrite } from './types.ts';

export interface Click {
  eventId: string;
  messageId: string;
  operatorOpenId: string;
  action: string;
  valueHash: string;
  value: unknown;
  formValue: Record<string, unknown> | undefined;
  receivedAt: Date;
  /** the answer, when it is known before the statement (a plan); otherwise set after the handler ran */
  response?: CardResponse;
}

const p = (name: string) => sql.placeholder(`click_${name}`);

function clickStatement(write?: PlannedWrite['template']): SQL {
  const insert = sql`insert into card_actions (event_id, message_id, operator_open_id, action, value_hash, value, form_value, response, received_at)
    select ${p('event')}, ${p('message')}, ${p('operator')}, ${p('action')}, ${p('hash')}, ${p('value')}::jsonb, ${p('form')}::jsonb,
      ${p('response')}::jsonb, ${p('at')}::timestamptz
    from v where v.version = ${p('version')}
    on conflict do nothing
    returning id`;
  const w = write ? sql`, w as (${write(sql`exists (select 1 from click)`)})` : sql``;
  return sql`with v as (select ${orgVersionSql} as version), click as (${insert})${w} select (select id from click) as id, (select version from v) as version`;
}

const dialect = new PgDialect();
const NO_WRITE = () => sql``;
const templates = new Map<PlannedWrite['template'], { sql: string; params: unknown[]; name: string }>();

function templateFor(write?: PlannedWrite['template']) {
  let t = templates.get(write ?? NO_WRITE);
  if (!t) {
    const q = dialect.sqlToQuery(clickStatement(write));
    t = { sql: q.sql, params: q.params, name: `click_${createHash('sha1').update(q.sql).digest('hex').slice(0, 16)}` };
    templates.set(write ?? NO_WRITE, t);
  }
  return t;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export type ClickOutcome = { recorded: number } | { repeated: true } | { stale: true };

/** Runs the click statement: recorded (with the row id), a repeat of a recorded click, or stale (the org moved on). */
export async function runClickStatement(db: Db, c: Click, orgVersion: number, write?: PlannedWrite): Promise<ClickOutcome> {
  const t = templateFor(write?.template);
  const params = fillPlaceholders(t.params, {
    ...write?.values,
    click_event: c.eventId,
    click_message: c.messageId,
    click_operator: c.operatorOpenId,
    click_action: c.action,
    click_hash: c.valueHash,
    click_value: json(c.value),
    click_form: json(c.formValue),
    click_response: json(c.response),
    click_at: c.receivedAt.toISOString(),
    click_version: orgVersion,
  });
  const result = (await db._.session.prepareQuery({ sql: t.sql, params }, undefined, t.name, false).execute()) as {
    rows: { id: number | null; version: number | string }[];
  };
  const row = result.rows[0]!;
  if (row.id !== null && row.id !== undefined) return { recorded: Number(row.id) };
  return Number(row.version) === orgVersion ? { repeated: true } : { stale: true };
}
