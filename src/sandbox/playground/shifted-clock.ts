// The playground's clock: real time running on from wherever the visitor last moved it ("skip to 15:30", "end the month").
import type { Clock } from '../../lib/clock.ts';

export class ShiftedClock implements Clock {
  private offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  set(at: Date): void {
    this.offset = at.getTime() - Date.now();
  }
}
