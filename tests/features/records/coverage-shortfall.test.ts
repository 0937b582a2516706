// Day patrol post coverage by headcount: which posts are still short today.
import { describe, expect, it } from 'vitest';
import { coverageShortfall } from '../../../src/features/records/forms/quality.ts';

const POSTS = ['大门岗', '监控室', '车场岗', '巡逻岗'];

describe('coverageShortfall', () => {
  it('under 20 staff: every post twice a day', () => {
    expect(coverageShortfall(19, POSTS, [])).toEqual(POSTS);
    expect(coverageShortfall(19, POSTS, [POSTS, ['大门岗', '监控室']])).toEqual(['车场岗', '巡逻岗']);
    expect(coverageShortfall(19, POSTS, [POSTS, POSTS])).toEqual([]);
  });

  it('counts a post once per patrol, and ignores posts the center does not have', () => {
    expect(coverageShortfall(10, ['大门岗'], [['大门岗', '大门岗'], ['食堂']])).toEqual(['大门岗']);
  });

  it('20 to 50 staff: every post once a day', () => {
    expect(coverageShortfall(20, POSTS, [['大门岗'], ['监控室']])).toEqual(['车场岗', '巡逻岗']);
    expect(
      coverageShortfall(50, POSTS, [
        ['大门岗', '监控室'],
        ['车场岗', '巡逻岗'],
      ]),
    ).toEqual([]);
  });

  it('over 50 staff: at least half the posts once, listing as many uncovered posts as still needed', () => {
    expect(coverageShortfall(51, POSTS, [])).toEqual(['大门岗', '监控室']);
    expect(coverageShortfall(51, POSTS, [['车场岗']])).toEqual(['大门岗']);
    expect(coverageShortfall(51, POSTS, [['车场岗', '巡逻岗']])).toEqual([]);
    expect(coverageShortfall(80, ['a', 'b', 'c'], [['a']])).toEqual(['b']);
  });

  it('a center without posts has nothing short', () => {
    expect(coverageShortfall(10, [], [])).toEqual([]);
  });
});
