import { describe, expect, it } from 'vitest';
import { figuresOf, type CountedRequest } from './inter-department.figures.js';

const done = (days: number, legalDays: number | null, onTime = true): CountedRequest => ({
  received: true,
  completed: true,
  onTime,
  open: false,
  openOverdue: false,
  days,
  legalDays,
  promisedDays: 5,
});

describe('figuresOf', () => {
  it('takes the speed-up rate (提速率) over the completed requests with a legal limit only', () => {
    // 4 and 2 days against 10 and 20: 1 − 3/15; the 9 days without a legal limit only in the average.
    const f = figuresOf([done(4, 10), done(2, 20), done(9, null, false)]);
    expect(f).toMatchObject({
      completed: 3,
      completedOnTime: 2,
      completedLate: 1,
      overdue: 1,
      onTimeRate: 0.6667,
      avgDays: 5,
      avgLegalDays: 15,
      speedUpRate: 0.8,
    });
  });

  it('has no rates when nothing was completed, and counts an open request past due as overdue', () => {
    const open: CountedRequest = {
      ...done(0, 10),
      completed: false,
      days: null,
      open: true,
      openOverdue: true,
    };
    expect(figuresOf([open])).toMatchObject({
      received: 1,
      open: 1,
      overdue: 1,
      onTimeRate: null,
      avgDays: null,
      avgLegalDays: null,
      speedUpRate: null,
    });
    expect(figuresOf([]).speedUpRate).toBeNull();
  });
});
