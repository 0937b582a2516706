// The brand records: morning reading, bulletin board, papers and news, character training and star, service stories, festivals.
import type { RecordForm } from '../record-form.ts';
import { check, clip, count, day, long, recordForm, short, ticked, trainingForm } from './kit.ts';

const readingDone = check('done', '已组织晨诵');
const morningReading = recordForm({
  id: 'morning_reading',
  title: '晨诵及舆情',
  rules: ['brand.morning_reading'],
  fields: () => [readingDone, long('negative', '网上负面信息及处理', { required: false, placeholder: '无则不填' })],
  check: (v) => ticked(v, readingDone),
  headline: (v) => `晨诵已完成${v.negative ? `，处理舆情：${clip(v.negative, 10)}` : ''}`,
});

const bulletinBoard = recordForm({
  id: 'bulletin_board',
  title: '宣传栏更换',
  rules: ['brand.bulletin_board'],
  photos: true,
  fields: () => [day('date', '更换日期', { notFuture: true }), long('content', '宣传内容')],
  headline: (v) => `宣传栏更换 ${v.date}：${clip(v.content, 12)}`,
});

const newsletters = recordForm({
  id: 'newsletters',
  title: '报刊发放学习',
  rules: ['brand.newsletters'],
  fields: () => [
    short('issue', '报刊及期数', { placeholder: '如：《物业报》第 11 期' }),
    count('readers', '学习人数', '人', { min: 1 }),
    long('notes', '学习情况', { required: false }),
  ],
  headline: (v) => `报刊学习：${clip(v.issue, 14)}，${v.readers} 人`,
});

const readNews = recordForm({
  id: 'read_news',
  title: '阅读物业资讯',
  rules: ['brand.read_news'],
  fields: () => [short('issue', '资讯期数'), long('takeaways', '阅读体会')],
  headline: (v) => `阅读《物业资讯》${clip(v.issue, 14)}`,
});

const characterTraining = trainingForm({ id: 'character_training', title: '品格培训会', rule: 'brand.character_training' });

const serviceStory = recordForm({
  id: 'service_story',
  title: '个性化服务小故事',
  rules: ['brand.service_story'],
  fields: () => [short('title', '标题'), long('story', '故事', { max: 1000 })],
  headline: (v) => `服务小故事：${clip(v.title, 20)}`,
});

const quarterlyCharacter = recordForm({
  id: 'quarterly_character',
  title: '季度品格学习',
  rules: ['brand.quarterly_character'],
  fields: () => [short('trait', '学习品格', { max: 20, placeholder: '如：诚实' }), long('notes', '学习情况')],
  headline: (v) => `季度品格学习：${clip(v.trait, 20)}`,
});

const characterStar = recordForm({
  id: 'character_star',
  title: '品格明星推荐',
  rules: ['brand.character_star'],
  photos: true,
  fields: () => [short('nominee', '推荐人选', { max: 20 }), short('post', '岗位', { max: 20 }), long('story', '事迹', { max: 1000 })],
  headline: (v) => `品格明星推荐：${v.nominee}（${v.post}）`,
});

const festival = () => short('festival', '节日', { max: 20, placeholder: '如：中秋节' });

const festivalPlan = recordForm({
  id: 'festival_plan',
  title: '节日包装方案',
  rules: ['brand.festival_plan'],
  fields: () => [festival(), long('plan', '包装方案'), short('approved_by', '签批人', { max: 20 })],
  headline: (v) => `${v.festival}包装方案，${v.approved_by}签批`,
});

const decorated = check('done', '节日包装已完成');
const festivalDecoration = recordForm({
  id: 'festival_decoration',
  title: '节日包装完成',
  rules: ['brand.festival_decoration'],
  photos: true,
  fields: () => [festival(), decorated, long('notes', '说明', { required: false })],
  check: (v) => ticked(v, decorated),
  headline: (v) => `${v.festival}节日包装已完成`,
});

export const BRAND_FORMS: RecordForm[] = [
  morningReading,
  bulletinBoard,
  newsletters,
  readNews,
  characterTraining,
  serviceStory,
  quarterlyCharacter,
  characterStar,
  festivalPlan,
  festivalDecoration,
];
