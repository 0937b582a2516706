import { describe, expect, it } from 'vitest';
import { intentOf } from '../../src/features/chat/intents.ts';
import { normalizeText } from '../../src/features/chat/normalize.ts';

describe('reading what a person wrote', () => {
  it('ignores mentions, spaces, punctuation and full-width forms', () => {
    expect(normalizeText('@_user_1  设 置！')).toBe('设置');
    expect(normalizeText('ＨＥＬＰ。')).toBe('help');
  });

  it('knows 帮助/help and 设置/settings, Chinese first and English too', () => {
    expect(intentOf('帮助')).toBe('help');
    expect(intentOf(' Help ')).toBe('help');
    expect(intentOf('@_user_1 设置')).toBe('settings');
    expect(intentOf('SETTINGS!')).toBe('settings');
  });

  it('anything else is not an intent (the bot answers with help)', () => {
    expect(intentOf('今天天气怎么样')).toBeNull();
    expect(intentOf('')).toBeNull();
  });
});
