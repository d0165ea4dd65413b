import { describe, expect, it } from 'vitest';
import { simulatedClock } from './clock.js';

describe('the simulated clock', () => {
  it('stands still until the simulation moves it', () => {
    const clock = simulatedClock('2026-11-02T01:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-11-02T01:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-11-02T01:00:00.000Z');
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-11-02T01:01:30.000Z');
    clock.advanceTo(new Date('2026-11-03T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-11-03T00:00:00.000Z');
  });

  it('never goes back: an earlier instant leaves it where it is', () => {
    const clock = simulatedClock('2026-11-02T01:00:00Z');
    clock.advanceTo(new Date('2026-11-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-11-02T01:00:00.000Z');
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('hands out copies, so a caller cannot move it', () => {
    const clock = simulatedClock('2026-11-02T01:00:00Z');
    clock.now().setTime(0);
    expect(clock.now().toISOString()).toBe('2026-11-02T01:00:00.000Z');
  });

  it('refuses a start that is not an instant', () => {
    expect(() => simulatedClock('not a date')).toThrow(RangeError);
  });
});
