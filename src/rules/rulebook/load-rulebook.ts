// The rulebook in force: the defaults, with the company's differences (RULEBOOK_FILE, YAML) merged in and validated.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseYamlFile, YamlFileError, type Problem } from '../../lib/yaml-file.ts';
import { DEFAULT_RULES } from './default-rules.ts';
import { RuleSchema, SettingsSchema, type Rule, type Rulebook } from './schema.ts';

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Objects merge key by key; arrays and scalars replace. */
function merge(base: unknown, over: unknown): unknown {
  if (!isPlain(base) || !isPlain(over)) return over === undefined ? base : over;
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
  return out;
}

const FileSchema = z.strictObject({
  settings: SettingsSchema,
  rules: z.record(z.string(), RuleSchema),
});

/** A reminder on the due day must come before the deadline. */
function checkReminders(rules: Rule[]): Problem[] {
  const problems: Problem[] = [];
  for (const r of rules) {
    if (r.kind !== 'deadline' && r.kind !== 'anchored') continue;
    r.reminders.forEach((step, i) => {
      if (step.workdays_before === 0 && step.at >= r.time) {
        problems.push({ path: ['rules', r.id, 'reminders', i, 'at'], message: `must be before the deadline (${r.time})` });
      }
    });
  }
  return problems;
}

/** A follow-up's clock must say what stops it; a deadline a person enters is a field of the form that starts it. */
function checkFollowUps(rules: Rule[]): Problem[] {
  const problems: Problem[] = [];
  for (const r of rules) {
    if (r.kind !== 'follow_up') continue;
    for (const [path, c] of [[['rules', r.id], r] as const, ...r.stages.map((s, i) => [['rules', r.id, 'stages', i], s] as const)]) {
      if (c.starts.length > 0 && !c.stops) problems.push({ path: [...path, 'starts'], message: 'a clock needs what stops it (stops)' });
      if (c.due_field && !c.starts.some((s) => s.by === 'form'))
        problems.push({ path: [...path, 'due_field'], message: 'must be a field of a form that starts the clock (starts: by form)' });
    }
  }
  return problems;
}

export function defaultRulebook(): Rulebook {
  return { settings: SettingsSchema.parse({}), rules: DEFAULT_RULES.map((r) => RuleSchema.parse(r)) };
}

/** Merges a company file's text into the defaults; throws YamlFileError naming each problem's line and path. */
export function parseRulebookFile(text: string, source = 'rulebook file'): Rulebook {
  const defaults = new Map(DEFAULT_RULES.map((r) => [r.id, r]));
  const parsed = parseYamlFile(FileSchema, text, source, {
    check: (book) => {
      const rules = Object.values(book.rules as Record<string, Rule>);
      return [...checkReminders(rules), ...checkFollowUps(rules)];
    },
    transform: (raw) => {
      const file = isPlain(raw) ? raw : {};
      const rules: Plain = {};
      for (const r of DEFAULT_RULES) rules[r.id] = r;
      if (isPlain(file.rules)) {
        for (const [id, over] of Object.entries(file.rules)) {
          const base = defaults.get(id);
          // a different kind replaces the rule; otherwise only the differences are given
          const diff = over === null || over === undefined ? {} : over; // "admin.daily_report:" with nothing under it changes nothing
          const changesKind = isPlain(diff) && diff.kind !== undefined && base && diff.kind !== base.kind;
          rules[id] = { ...(base && !changesKind ? (merge(base, diff) as Plain) : isPlain(diff) ? diff : {}), id };
        }
      }
      const { rules: given, settings, ...rest } = file;
      // rules written as a list (or a scalar) is left as it is, so the schema reports it at its own line
      const listed = given !== undefined && given !== null && !isPlain(given);
      return { ...rest, settings: merge(SettingsSchema.parse({}), settings ?? {}), rules: listed ? given : rules };
    },
  });
  const order = new Map(DEFAULT_RULES.map((r, i) => [r.id, i]));
  const rules = Object.values(parsed.rules as Record<string, Rule>).sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9));
  return { settings: parsed.settings, rules };
}

export function loadRulebook(file?: string): Rulebook {
  if (!file) return defaultRulebook();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new YamlFileError(file, [{ path: [], message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})` }]);
  }
  return parseRulebookFile(text, file);
}

/** The rules a scheduler acts on: enabled ones. */
export const activeRules = (book: Rulebook): Rule[] => book.rules.filter((r) => r.enabled);
