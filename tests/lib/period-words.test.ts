// Periods as people type them in chat, read on real days of 2026 (and January 2027, where 「12月」 is last year's).
import { describe, expect, it } from 'vitest';
import { periodFromWords } from '../../src/lib/period-words.ts';

const key = (words: string, today: string) => periodFromWords(words, today)?.key ?? null;

describe('a period in words', () => {
  it('reads 本月/上月/本周/上周/今天/昨天/本季度/上季度/上半年/今年/去年 against today (Monday 2026-12-07)', () => {
    const today = '2026-12-07';
    expect(
      ['本月', '上月', '上个月', '本周', '上周', '今天', '昨天', '本季度', '上季度', '上半年', '下半年', '今年', '去年'].map((w) =>
        key(w, today),
      ),
    ).toEqual([
      '2026-12',
      '2026-11',
      '2026-11',
      '2026-W50',
      '2026-W49',
      '2026-12-07',
      '2026-12-06',
      '2026-Q4',
      '2026-Q3',
      '2026-H1',
      '2026-H2',
      '2026',
      '2025',
    ]);
  });

  it('reads the keys the CLI takes, in any case and with slashes, and refuses a day that does not exist', () => {
    const today = '2026-12-07';
    expect(['2026-11', '2026/11', '2026-w48', '2026-q4', '2026-h2', '2026', '2026-11-27'].map((w) => key(w, today))).toEqual([
      '2026-11',
      '2026-11',
      '2026-W48',
      '2026-Q4',
      '2026-H2',
      '2026',
      '2026-11-27',
    ]);
    expect(key('2026-11-31', today)).toBeNull();
    expect(key('2026-13', today)).toBeNull();
    expect(key('2026-W54', today)).toBeNull();
  });

  it('reads Chinese dates: 2026年11月, 11月份, 十一月, 第48周, 第四季度, 2026年下半年, 2026年, 11月27日', () => {
    const today = '2026-12-07';
    expect(
      [
        '2026年11月',
        '11月份',
        '十一月',
        '第48周',
        '48周',
        '2026年第48周',
        '第四季度',
        '4季度',
        'Q3',
        '2026年下半年',
        '2026年',
        '11月27日',
        '2026年11月27号',
      ].map((w) => key(w, today)),
    ).toEqual([
      '2026-11',
      '2026-11',
      '2026-11',
      '2026-W48',
      '2026-W48',
      '2026-W48',
      '2026-Q4',
      '2026-Q4',
      '2026-Q3',
      '2026-H2',
      '2026',
      '2026-11-27',
      '2026-11-27',
    ]);
  });

  it('without a year, means the latest that has begun: 「12月」 and 「第52周」 said in January 2027 are 2026', () => {
    expect(key('12月', '2027-01-05')).toBe('2026-12');
    expect(key('第52周', '2027-01-05')).toBe('2026-W52');
    expect(key('1月', '2027-01-05')).toBe('2027-01');
    expect(key('第四季度', '2027-01-05')).toBe('2026-Q4');
    expect(key('12月31日', '2027-01-05')).toBe('2026-12-31');
  });

  it('names nothing for words that are no period', () => {
    for (const w of ['', '明年', '张伟', '13月', '第0周', '第五季度', '上上月']) expect(key(w, '2026-12-07'), w).toBeNull();
  });
});
