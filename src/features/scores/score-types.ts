// The shape of a period's scores: per person and per center, with every ledger entry behind each total.

export interface ScoreEntry {
  id: number;
  ruleId: string;
  /** the center it was booked against (its leader may waive it) */
  centerCode: string;
  day: string;
  yuan: number;
  points: number;
  reason: string;
  waived: boolean;
  waiveReason: string | null;
}

export interface PersonScore {
  personId: string;
  name: string;
  role: 'manager' | 'supervisor' | 'leader';
  centers: string[];
  /** totals of entries not waived */
  yuan: number;
  points: number;
  /** leaders: the roll-up of their managers' points (3 per 5, a remainder counting as 5), month by month; 0 in a week or a day */
  rollupPoints: number;
  /** leaders: the points the managers of their centers accumulated in the period (not waived), roll-up or not */
  managersPoints: number;
  /**
   * deadlines of the period due by now or already filed: met on time ÷ owed (null when none owed). A report filed before
   * its deadline counts at once; one still open before its deadline is not owed yet (deadlinesPending).
   */
  onTimeRate: number | null;
  deadlinesOwed: number;
  deadlinesOnTime: number;
  /** deadlines of the period still open before their deadline, their own period begun (未到期: neither met nor missed) */
  deadlinesPending: number;
  /** quotas closed in the period: reached ÷ closed */
  quotaRate: number | null;
  quotasClosed: number;
  quotasReached: number;
  redLines: string[];
  entries: ScoreEntry[];
  /** leaders: the complaint figures over the centers they led in the period */
  complaints?: LeaderComplaints;
}

/**
 * A leader's complaint figures, summed over the centers they led in the period (the rates recomputed from the sums);
 * within the property's remit, those outside it counted apart.
 */
export interface LeaderComplaints {
  centers: number;
  received: number;
  closed: number;
  closureRate: number | null;
  calledBack: number;
  satisfied: number;
  satisfaction: number | null;
  outsideRemit: number;
}

export interface CenterScore {
  centerCode: string;
  name: string;
  managerId: string | null;
  manager: string;
  leader: string;
  yuan: number;
  points: number;
  onTimeRate: number | null;
  complaintsReceived: number;
  /** complaints received outside the property's remit (not in the closure rate) */
  complaintsOutsideRemit?: number;
  closureRate: number | null;
  satisfaction: number | null;
  redLines: string[];
  /** 1 = best */
  rank: number;
}

export interface ScoreTable {
  period: string;
  /** '2026年11月' */
  periodText: string;
  from: string;
  to: string;
  generatedAt: string;
  people: PersonScore[];
  centers: CenterScore[];
  thresholds: { closureRate: number; satisfaction: number };
}

/** An announced period whose total changed after it was announced (an entry waived): 更正. */
export interface Correction {
  period: string;
  periodText: string;
  personId: string;
  name: string;
  /** the person's totals for the period now */
  yuan: number;
  points: number;
  /** the entries waived since the announcement, with why */
  removed: { reason: string; waiveReason: string }[];
}
