// Filing records in chat over the stand-in as a manager does: open a form by its words, submit it, 再记一条, and read back.
import { and, eq } from 'drizzle-orm';
import { duties, submissions } from '../../src/db/schema/index.ts';
import type { World } from './lark-world.ts';

export function filingAs(w: World, openId = 'ou_m1', personId = 'm1') {
  return {
    /** The card a message became after the last answer to it (the receipt), as JSON text. */
    shown: (messageId: string) => JSON.stringify(w.standin.message(messageId)!.updates.at(-1)),
    /** The person's duty of a rule and period. */
    duty: async (ruleId: string, periodKey: string) =>
      (
        await w.db
          .select()
          .from(duties)
          .where(and(eq(duties.ruleId, ruleId), eq(duties.personId, personId), eq(duties.periodKey, periodKey)))
      )[0],
    recordsOf: (formId: string) => w.db.select().from(submissions).where(eq(submissions.formId, formId)),
    /** Opens a form by its name in chat and submits it; answers the toast, and the message to read the receipt from. */
    async file(words: string, values: Record<string, unknown>) {
      const form = await w.say(openId, words);
      const res = await w.standin.submitForm({ messageId: form.messageId, user: openId, values });
      return { toast: res.toast, messageId: form.messageId };
    },
    /** 再记一条 on a receipt, then the form again with new values. */
    async again(messageId: string, values: Record<string, unknown>) {
      await w.standin.clickButton({ messageId, user: openId, buttonName: 'again_record' });
      return w.standin.submitForm({ messageId, user: openId, values });
    },
  };
}
