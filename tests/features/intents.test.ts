import { describe, expect, it } from 'vitest';
import { intentOf, scoreRequestOf } from '../../src/features/chat/intents.ts';
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

describe('我的积分 and 团队 with a period', () => {
  it('takes the words after (or before) them: 我的积分 2026-11, 上月积分, 积分 张伟 上月, 团队 上月, 上月团队', () => {
    expect(scoreRequestOf('我的积分')).toEqual({ intent: 'score', words: '' });
    expect(scoreRequestOf('积分')).toEqual({ intent: 'score', words: '' });
    expect(scoreRequestOf('@_user_1 我的积分  2026-11 ')).toEqual({ intent: 'score', words: '2026-11' });
    expect(scoreRequestOf('我的积分 第48周？')).toEqual({ intent: 'score', words: '第48周' });
    expect(scoreRequestOf('上月积分')).toEqual({ intent: 'score', words: '上月' });
    expect(scoreRequestOf('张伟的积分')).toEqual({ intent: 'score', words: '张伟' });
    expect(scoreRequestOf('积分 张伟 上月')).toEqual({ intent: 'score', words: '张伟 上月' });
    expect(scoreRequestOf('Score 2026-Q4')).toEqual({ intent: 'score', words: '2026-q4' });
    expect(scoreRequestOf('团队')).toEqual({ intent: 'team', words: '' });
    expect(scoreRequestOf('团队 上月')).toEqual({ intent: 'team', words: '上月' });
    expect(scoreRequestOf('上月团队')).toEqual({ intent: 'team', words: '上月' });
  });

  it("leaves other intents' words alone (记录扣分, 扣分, 底线问题) and anything else", () => {
    for (const w of ['记录扣分', '扣分', '底线问题', '今日逾期', '帮助', '日报']) expect(scoreRequestOf(w), w).toBeNull();
  });
});
