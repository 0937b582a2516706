// What a message asks for: words (Chinese first, English too) → an intent id. Features add their words here.
import { normalizeText } from './normalize.ts';

export type Intent = 'help' | 'settings' | 'leave';

const WORDS: Record<Intent, string[]> = {
  help: ['帮助', 'help', '菜单', '?', '？', '使用说明'],
  settings: ['设置', 'settings', '个人设置'],
  leave: ['请假', 'leave', '登记请假'],
};

const LOOKUP = new Map<string, Intent>();
for (const [intent, words] of Object.entries(WORDS) as [Intent, string[]][]) {
  for (const w of words) {
    const key = normalizeText(w);
    if (key) LOOKUP.set(key, intent);
  }
}

/** The intent of a message, or null when it is not one we know (the caller answers with help). */
export function intentOf(text: string): Intent | null {
  return LOOKUP.get(normalizeText(text)) ?? null;
}
