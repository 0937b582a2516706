// Card actions of the 设置 card: open it, and save it (only for oneself).
import type { CardActionHandler } from '../../lark/card-actions/types.ts';
import { MORNING_TIME_FIELD, SETTINGS_TEXT, settingsCard, settingsSavedCard } from '../../lark/cards/settings-card.ts';
import { shanghaiDay, shanghaiTime } from '../../lib/shanghai.ts';
import { getSettings, parseMorningTime, saveMorningTime } from './settings.ts';

export const openSettings: CardActionHandler = async (tx, _ctx, input) => ({
  card: { type: 'raw', data: settingsCard({ personId: input.person.id, ...(await getSettings(tx, input.person.id)) }) },
});

export const saveSettings: CardActionHandler = async (tx, _ctx, input) => {
  if (input.value.p !== input.person.id) return { toast: { type: 'error', content: SETTINGS_TEXT.notYours } };
  const morningTime = parseMorningTime(input.formValue?.[MORNING_TIME_FIELD]);
  if (!morningTime) return { toast: { type: 'error', content: SETTINGS_TEXT.badTime } };
  await saveMorningTime(tx, input.person.id, morningTime, input.now, input.messageId);
  return {
    toast: { type: 'success', content: SETTINGS_TEXT.saved },
    card: { type: 'raw', data: settingsSavedCard({ morningTime, savedAt: `${shanghaiDay(input.now)} ${shanghaiTime(input.now)}` }) },
  };
};
