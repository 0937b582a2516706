// The rules in force for tests: the default rulebook and the official calendar (optionally with company changes).
import { createCalendar } from '../../src/rules/calendar/index.ts';
import { defaultRulebook, parseRulebookFile } from '../../src/rules/rulebook/load-rulebook.ts';
import type { RulesContext } from '../../src/rules/rules-context.ts';

export function testRules(rulebookYaml?: string): RulesContext {
  const book = rulebookYaml ? parseRulebookFile(rulebookYaml, 'test-rulebook.yaml') : defaultRulebook();
  return { book, calendar: createCalendar(), version: rulebookYaml ? `test:${rulebookYaml.length}` : 'default' };
}
