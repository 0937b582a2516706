// 我的积分 / score: a person's month so far, with every entry behind the totals.
import type { Db } from '../../db/client.ts';
import type { Person } from '../../db/schema/index.ts';
import type { Card } from '../../lark/cards/kit.ts';
import { myScoreCard } from '../../lark/cards/score-cards.ts';
import { shanghaiDay } from '../../lib/shanghai.ts';
import type { Rulebook } from '../../rules/rulebook/schema.ts';
import { computeScores } from './compute-scores.ts';

export async function myScore(db: Db, book: Rulebook, person: Person, now: Date): Promise<Card> {
  const table = await computeScores(db, book, shanghaiDay(now).slice(0, 7), now);
  return myScoreCard({
    score: table.people.find((p) => p.personId === person.id) ?? null,
    name: person.name,
    periodText: table.periodText,
  });
}
