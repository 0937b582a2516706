// Card actions of the 设置 card: open it, and save it (only for oneself) — the save also as a single-statement plan.
import type { CardActionHandler, CardActionInput, CardActionPlanner, CardResponse } from '../../lark/card-actions/types.ts';
import { MORNING_TIME_FIELD, SETTINGS_TEXT, settingsCard, settingsSavedCard } from '../../lark/cards/settings-card.ts';
import { shanghaiDay, shanghaiTime } from '../../lib/shanghai.ts';
import { getSettings, parseMorningTime, saveMorningTime, saveMorningTimeTemplate, saveMorningTimeValues } from './settings.ts';

export const openSettings: CardActionHandler = async (tx, _ctx, input) => ({
  card: { type: 'raw', data: settingsCard({ personId: input.person.id, ...(await getSettings(tx, input.person.id)) }) },
});

/** The answer to a save, decided from the click alone: a refusal, or the time to store and the saved card. */
function judgeSave(input: CardActionInput): { refusal: CardResponse } | { morningTime: string; response: CardResponse } {
  if (input.value.p !== input.person.id) return { refusal: { toast: { type: 'error', content: SETTINGS_TEXT.notYours } } };
  const morningTime = parseMorningTime(input.formValue?.[MORNING_TIME_FIELD]);
  if (!morningTime) return { refusal: { toast: { type: 'error', content: SETTINGS_TEXT.badTime } } };
  return {
    morningTime,
    response: {
      toast: { type: 'success', content: SETTINGS_TEXT.saved },
      card: { type: 'raw', data: settingsSavedCard({ morningTime, savedAt: `${shanghaiDay(input.now)} ${shanghaiTime(input.now)}` }) },
    },
  };
}

export const saveSettings: CardActionHandler = async (tx, _ctx, input) => {
  const j = judgeSave(input);
  if ('refusal' in j) return j.refusal;
  await saveMorningTime(tx, input.person.id, j.morningTime, input.now, input.messageId);
  return j.response;
};

/** The fast path of a save: the click, the upsert and the answer in one statement. */
export const planSaveSettings: CardActionPlanner = (_ctx, input) => {
  const j = judgeSave(input);
  if ('refusal' in j) return { response: j.refusal };
  return {
    response: j.response,
    write: { template: saveMorningTimeTemplate, values: saveMorningTimeValues(input.person.id, j.morningTime, input.now, input.messageId) },
  };
};
