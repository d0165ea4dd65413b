import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.js';
import type { Database } from '../../schema.js';
import type { Principal } from '../../platform/http/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import { deriveStatus, type ActionType } from './case-status.js';
import type { CaseEvent, CaseEventsPort, CaseLedgerPort, CaseRegistryPort } from './case-ports.js';
import type { ApplicationRow, CasesQueries } from './cases.repo.js';
import type { ApplicationStatus } from './cases.tables.js';

/** Who did something: a signed-in principal, or the platform itself (deadline watch). */
export type Actor = Principal | 'system';

/** The role an actor acted in, as recorded in the history. */
export function actorRole(actor: Actor): string {
  if (actor === 'system') return 'system';
  return actor.roles[0] ?? actor.kind;
}

/**
 * Appends actions to an application's history inside a transaction, re-derives its status
 * from the whole history, and in the same transaction appends a ledger entry and emits the
 * outbox event, so a history, its ledger entries and its notifications never disagree.
 */
export function createCaseWriter(deps: {
  clock: Clock;
  ids: IdGenerator;
  ledger: CaseLedgerPort;
  events: CaseEventsPort;
  registry: Pick<CaseRegistryPort, 'personById'>;
  /** Told of every action in its transaction (supervision refolds the application's facts). */
  touched?: (tx: Kysely<Database>, applicationId: string) => Promise<void>;
}) {
  const { clock, ids } = deps;
  // A person's identity number never changes: keep the last few looked up for ledger subjects.
  const subjects = new Map<string, string | null>();
  async function subjectOf(tx: CasesQueries, personId: string): Promise<string | null> {
    if (!subjects.has(personId)) {
      if (subjects.size >= 1000) subjects.delete(subjects.keys().next().value as string);
      subjects.set(
        personId,
        (await deps.registry.personById(personId, tx.handle))?.id_number ?? null,
      );
    }
    return subjects.get(personId) ?? null;
  }
  // Supervision refolds an application once per transaction however many actions it records
  // (one 'touched' upsert per action was a tenth of the statements of a bundle).
  const touchedIn = new WeakMap<CasesQueries, Set<string>>();
  function firstTouch(tx: CasesQueries, applicationId: string): boolean {
    if (!tx.handle.isTransaction) return true;
    let ids = touchedIn.get(tx);
    if (!ids) touchedIn.set(tx, (ids = new Set()));
    if (ids.has(applicationId)) return false;
    ids.add(applicationId);
    return true;
  }
  return {
    /** Records one action; returns the application's status after it. */
    async act(
      tx: CasesQueries,
      app: ApplicationRow,
      action: {
        type: ActionType;
        actor: Actor;
        channel?: string;
        taskId?: string | null;
        data?: Record<string, unknown>;
      },
    ): Promise<ApplicationStatus> {
      const at = clock.now();
      const history = await tx.actionTypesOf(app.id);
      const seq = (history.at(-1)?.seq ?? 0) + 1;
      const actor = action.actor === 'system' ? 'system' : action.actor.accountId;
      const role = actorRole(action.actor);
      const data = action.data ?? {};
      await tx.insertAction({
        id: ids.id(),
        application_id: app.id,
        seq,
        task_id: action.taskId ?? null,
        at: at.toISOString(),
        actor,
        actor_role: role,
        channel: action.channel ?? (action.actor === 'system' ? 'system' : app.channel),
        type: action.type,
        data: JSON.stringify(data),
      });
      if (deps.touched && firstTouch(tx, app.id)) await deps.touched(tx.handle, app.id);
      const derived = deriveStatus([
        ...history.map((h) => h.type as ActionType),
        action.type,
      ]).status;
      const status: ApplicationStatus = derived === 'submitted' ? app.status : derived;
      if (status !== app.status) {
        await tx.updateApplication(app.id, { status, updated_at: at.toISOString() });
        app.status = status;
      }
      const subject = app.applicant_person_id ? await subjectOf(tx, app.applicant_person_id) : null;
      await deps.ledger.append(tx.handle, {
        action: `case.${action.type}`,
        actor,
        actorRole: role,
        purpose: app.receipt_no,
        subjectIdNumber: subject,
        data: { applicationId: app.id, seq, taskId: action.taskId ?? null, ...data },
        at,
      });
      return status;
    },

    /** Emits an outbox event in the transaction. */
    async emit(tx: CasesQueries, event: Omit<CaseEvent, 'at'>): Promise<void> {
      await deps.events.emit(tx.handle, { ...event, at: clock.now() });
    },
  };
}

export type CaseWriter = ReturnType<typeof createCaseWriter>;
