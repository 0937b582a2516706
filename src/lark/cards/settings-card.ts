// The 设置 card (a form) and its receipt: each person's own settings, such as the morning card's time.
import { button, card, form, markdown, note, timePicker, type Card } from './kit.ts';

export const MORNING_TIME_FIELD = 'morning_time';

export function settingsCard(p: { personId: string; morningTime: string }): Card {
  return card({
    title: '个人设置',
    color: 'blue',
    summary: '个人设置',
    elements: [
      form('settings_form', [
        ...timePicker({ name: MORNING_TIME_FIELD, label: '每日早报卡片时间（工作日）', initial: p.morningTime }),
        note('可选 08:00–12:00；晚 21:00 至早 08:00 不打扰。'),
        button({ name: 'save_settings', text: '保存', type: 'primary', submit: true, value: { a: 'settings.save', p: p.personId } }),
      ]),
    ],
  });
}

export function settingsSavedCard(p: { morningTime: string; savedAt: string }): Card {
  return card({
    title: '个人设置 · 已保存',
    color: 'green',
    summary: '个人设置已保存',
    elements: [markdown(`每日早报卡片时间：**${p.morningTime}**`), note(`保存于 ${p.savedAt}。发送「设置」可再次修改。`)],
  });
}

export const SETTINGS_TEXT = {
  saved: '已保存',
  badTime: '早报卡片时间：请选择 08:00 到 12:00 之间的时间',
  notYours: '只能修改自己的设置',
};
