// Evidence photos: an image a person sends within 10 minutes of a patrol, night check, bulletin-board or decoration record is attached to it.
import type { AppContext } from '../../context.ts';
import { addAttachment, latestPhotoRecord } from '../../db/queries/records.ts';
import type { Person } from '../../db/schema/index.ts';
import { RECORD_TEXT } from '../../lark/cards/record-cards.ts';
import { enqueue, type OutboxMessage } from '../../outbox/enqueue.ts';
import { RECORD_FORMS } from './form-registry.ts';

const PHOTO_WINDOW_MS = 10 * 60_000;
const PHOTO_FORMS = RECORD_FORMS.filter((f) => f.photos).map((f) => f.id);

export async function attachPhoto(
  ctx: AppContext,
  person: Person,
  messageId: string,
  content: string,
  answer: (msgType: 'text', content: unknown) => OutboxMessage,
): Promise<void> {
  let imageKey: string | undefined;
  try {
    imageKey = (JSON.parse(content) as { image_key?: string }).image_key;
  } catch {
    imageKey = undefined;
  }
  const now = ctx.clock.now();
  const record = imageKey ? await latestPhotoRecord(ctx.db, person.id, PHOTO_FORMS, new Date(now.getTime() - PHOTO_WINDOW_MS)) : null;
  if (!record || !imageKey) {
    await enqueue(ctx.db, now, answer('text', { text: RECORD_TEXT.photoNoRecord }));
    return;
  }
  const n = await addAttachment(ctx.db, { submissionId: record.id, messageId, imageKey, receivedAt: now });
  const title = RECORD_FORMS.find((f) => f.id === record.formId)?.title ?? record.formId;
  await enqueue(ctx.db, now, answer('text', { text: RECORD_TEXT.photoAttached(title, n) }));
}
