import type { Clock } from '../platform/clock/index.js';

/**
 * The simulated clock: every service of the simulated platform reads the time from it, and
 * only the simulation moves it. It never goes back (an action is never recorded before one
 * already written), so moving to an earlier instant leaves it where it is.
 */
export interface SimulatedClock extends Clock {
  /** Moves forward to `at` (no-op when `at` is not later than now); returns the time now. */
  advanceTo(at: Date): Date;
  /** Moves forward by `ms` milliseconds (ms ≥ 0). */
  advance(ms: number): Date;
}

export function simulatedClock(start: Date | string): SimulatedClock {
  let current = new Date(start).getTime();
  if (Number.isNaN(current)) throw new RangeError(`not an instant: ${String(start)}`);
  return {
    now: () => new Date(current),
    advanceTo(at) {
      if (at.getTime() > current) current = at.getTime();
      return new Date(current);
    },
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError('the simulated clock only moves forward');
      current += ms;
      return new Date(current);
    },
  };
}
