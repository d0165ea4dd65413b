import type { ApplicationStatus } from './cases.tables.js';

/**
 * Whether the applicant may rate now (好差评): once the application is settled, and again
 * after every follow-up their last poor rating opened (call-back, rectification) is closed
 * and they were told the outcome.
 */
export function ratingOpen(
  status: ApplicationStatus,
  evaluations: { at: string }[],
  followUps: { kind: string; status: string; created_at: string }[],
): boolean {
  if (status !== 'completed' && status !== 'rejected') return false;
  if (evaluations.length === 0) return true;
  const last = evaluations.reduce((a, e) => (e.at > a ? e.at : a), evaluations[0]!.at);
  const answered = followUps.filter((f) => f.kind.startsWith('rating-') && f.created_at >= last);
  return answered.length > 0 && answered.every((f) => f.status === 'done');
}
