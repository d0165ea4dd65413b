import { describe, expect, it } from 'vitest';
import { deriveStatus } from './case-status.js';

describe('status derived from the history', () => {
  it('is accepted after acceptance and completed after completion', () => {
    expect(deriveStatus(['submitted', 'accepted', 'task-opened']).status).toBe('accepted');
    expect(deriveStatus(['submitted', 'accepted', 'task-approved', 'completed']).status).toBe(
      'completed',
    );
  });

  it('pauses on a supplement request and runs again only when every pause is answered', () => {
    const base = ['submitted', 'accepted', 'supplement-requested', 'paused'] as const;
    expect(deriveStatus([...base]).status).toBe('paused');
    expect(deriveStatus([...base, 'supplement-answered']).status).toBe('paused');
    expect(deriveStatus([...base, 'supplement-answered', 'resumed']).status).toBe('accepted');
  });

  it('stays deficient until the missing materials come, then is accepted', () => {
    expect(deriveStatus(['submitted', 'deficient']).status).toBe('deficient');
    expect(deriveStatus(['submitted', 'deficient', 'materials-supplied', 'accepted']).status).toBe(
      'accepted',
    );
  });

  it('ends in refusal or withdrawal', () => {
    expect(deriveStatus(['submitted', 'refused']).status).toBe('refused');
    expect(deriveStatus(['submitted', 'accepted', 'withdrawn']).status).toBe('withdrawn');
  });
});
