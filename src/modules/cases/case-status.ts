import type { ApplicationStatus } from './cases.tables.js';

/** The action types of an application's history. */
export type ActionType =
  | 'submitted'
  | 'consented'
  | 'identity-verified'
  | 'originals-verified'
  | 'e-signed'
  | 'deficient'
  | 'materials-supplied'
  | 'accepted'
  | 'refused'
  | 'withdrawn'
  | 'task-opened'
  | 'task-claimed'
  | 'task-approved'
  | 'task-rejected'
  | 'task-cancelled'
  | 'supplement-requested'
  | 'supplement-answered'
  | 'paused'
  | 'resumed'
  | 'warning'
  | 'overdue'
  | 'escalated'
  | 'commitment-fulfilled'
  | 'commitment-overdue'
  | 'completed'
  | 'rejected'
  | 'rated'
  | 'follow-up-opened'
  | 'follow-up-overdue'
  | 'follow-up-closed'
  | 'handed-over'
  | 'deadline-recomputed';

/** The status and open pauses an application has after some prefix of its history. */
export interface DerivedState {
  status: ApplicationStatus | 'submitted';
  openPauses: number;
}

/**
 * Folds one action into the derived state: the application's status is a function of its
 * history alone (pauses nest: two supplement requests need two answers before the clock runs).
 */
export function applyAction(state: DerivedState, type: ActionType): DerivedState {
  switch (type) {
    case 'deficient':
      return { ...state, status: 'deficient' };
    case 'accepted':
      return { status: 'accepted', openPauses: 0 };
    case 'refused':
      return { ...state, status: 'refused' };
    case 'withdrawn':
      return { ...state, status: 'withdrawn' };
    case 'supplement-requested':
    case 'paused':
      return { status: 'paused', openPauses: state.openPauses + 1 };
    case 'supplement-answered':
    case 'resumed': {
      const openPauses = Math.max(0, state.openPauses - 1);
      return { status: openPauses > 0 ? 'paused' : 'accepted', openPauses };
    }
    case 'completed':
      return { ...state, status: 'completed' };
    case 'rejected':
      return { ...state, status: 'rejected' };
    case 'submitted':
    case 'consented':
    case 'identity-verified':
    case 'originals-verified':
    case 'e-signed':
    case 'materials-supplied':
    case 'task-opened':
    case 'task-claimed':
    case 'task-approved':
    case 'task-rejected':
    case 'task-cancelled':
    case 'warning':
    case 'overdue':
    case 'escalated':
    case 'commitment-fulfilled':
    case 'commitment-overdue':
    case 'rated':
    case 'follow-up-opened':
    case 'follow-up-overdue':
    case 'follow-up-closed':
    case 'handed-over':
    case 'deadline-recomputed':
      return state;
  }
}

/** The status of an application from its whole history. */
export function deriveStatus(types: ActionType[]): DerivedState {
  return types.reduce(applyAction, { status: 'submitted', openPauses: 0 });
}
