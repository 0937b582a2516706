// Answers a known person's message: the card for what they asked, or the help card.
import type { Db } from '../../db/client.ts';
import type { Person } from '../../db/schema/index.ts';
import { helpCard } from '../../lark/cards/help-card.ts';
import type { Card } from '../../lark/cards/kit.ts';
import { settingsCard } from '../../lark/cards/settings-card.ts';
import { leaveCardFor } from '../leave/leave-actions.ts';
import { getSettings } from '../settings/settings.ts';
import { intentOf } from './intents.ts';

export async function respondToText(db: Db, person: Person, text: string, now: Date): Promise<Card> {
  switch (intentOf(text)) {
    case 'leave':
      return leaveCardFor(db, person, now);
    case 'settings':
      return settingsCard({ personId: person.id, ...(await getSettings(db, person.id)) });
    case 'help':
    default:
      return helpCard(person.name);
  }
}
