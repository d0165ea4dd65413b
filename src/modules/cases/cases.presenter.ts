import { toRfc3339 } from '../../platform/clock/index.js';
import type {
  ApplicationView,
  FollowUpView,
  OriginalView,
  TaskView,
} from '../../../shared/contracts/index.js';
import { definitionOf } from './case-flow.js';
import type {
  ActionRow,
  ApplicationRow,
  EvaluationRow,
  FollowUpRow,
  TaskRow,
} from './cases.repo.js';
import type { MaterialState, NoticeItem } from './materials.js';
import { ratingOpen } from './rating.js';

const t = (iso: string | null) => (iso ? toRfc3339(new Date(iso)) : null);

/** Whether a due time from `from` counted on a provisional calendar year (预计). */
export type ProvisionalFn = (from: string | null, due: string | null) => boolean;

/** A task as the API shows it, with the data passed to it from earlier steps. */
export function presentTask(
  task: TaskRow,
  app: Pick<ApplicationRow, 'definition' | 'context' | 'receipt_no'>,
  provisional: ProvisionalFn,
): TaskView {
  const def = definitionOf(app);
  const step = def.steps.find((s) => s.id === task.step_id);
  const context = JSON.parse(app.context) as Record<string, Record<string, unknown>>;
  const inputs: Record<string, unknown> = {};
  for (const i of step?.inputs ?? []) {
    const value = context[i.from]?.[i.output];
    if (value !== undefined) inputs[i.as] = value;
  }
  return {
    id: task.id,
    applicationId: task.application_id,
    receiptNo: app.receipt_no,
    step: task.step_id,
    matter: task.matter_code,
    name: step?.name ?? { zh: task.matter_code, en: task.matter_code },
    department: task.department_code,
    after: step?.after ?? [],
    status: task.status,
    assignee: task.assignee,
    openedAt: t(task.opened_at),
    dueAt: t(task.due_at),
    dueProvisional: provisional(task.opened_at, task.due_at),
    decidedAt: t(task.decided_at),
    decision: task.decision,
    outputs: task.outputs ? (JSON.parse(task.outputs) as Record<string, unknown>) : null,
    inputs,
    comment: task.comment,
    alert: task.alert,
    pauseReason: task.pause_reason,
  };
}

/**
 * 原件核验 as its history records it: each `originals-verified` action names the materials,
 * the clerk and the time (the same rows go to `application_originals` in its transaction).
 */
function presentOriginals(
  actions: ActionRow[],
  materials: { id: string; name: { zh: string; en: string } }[],
): OriginalView[] {
  return actions
    .filter((a) => a.type === 'originals-verified')
    .flatMap((a) => {
      const data = JSON.parse(a.data) as { materials?: string[]; clerkName?: string; at?: string };
      return (data.materials ?? []).map((material) => ({
        material,
        name: materials.find((m) => m.id === material)?.name ?? { zh: material, en: material },
        clerk: { account: a.actor, name: data.clerkName ?? a.actor },
        at: toRfc3339(new Date(data.at ?? a.at)),
      }));
    });
}

/** A follow-up as the API shows it (in an application and in a work list). */
export function presentFollowUp(f: FollowUpRow, provisional: ProvisionalFn): FollowUpView {
  return {
    id: f.id,
    kind: f.kind,
    status: f.status,
    dueAt: toRfc3339(new Date(f.due_at)),
    dueProvisional: provisional(f.created_at, f.due_at),
    department: f.department_code,
    material: f.material_id,
    taskId: f.task_id,
    note: f.note,
    owner: f.owner_account,
    createdAt: toRfc3339(new Date(f.created_at)),
    closedAt: t(f.closed_at),
    outcome: f.outcome,
  };
}

/**
 * The form with every identity number (a field of format `id-number`, or an array of them)
 * masked, except in the fields `clear` names.
 */
export function maskForm(
  schema: Record<string, unknown>,
  form: Record<string, unknown>,
  clear: Set<string>,
  mask: (idNumber: string) => string,
): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<
    string,
    { format?: string; items?: { format?: string } }
  >;
  const masked = (v: unknown) => (typeof v === 'string' ? mask(v) : v);
  return Object.fromEntries(
    Object.entries(form).map(([name, value]) => {
      const p = properties[name];
      if (clear.has(name) || !p) return [name, value];
      if (p.format === 'id-number') return [name, masked(value)];
      if (p.items?.format === 'id-number' && Array.isArray(value)) return [name, value.map(masked)];
      return [name, value];
    }),
  );
}

/** The whole application as the API shows it; identity numbers masked but where `form.clear` says. */
export function presentApplication(
  app: ApplicationRow,
  parts: {
    tasks: TaskRow[];
    actions: ActionRow[];
    followUps: FollowUpRow[];
    evaluations: EvaluationRow[];
    applicant: { name: string | null; maskedIdNumber: string | null; creditCode: string | null };
    provisional: ProvisionalFn;
    /** Form fields the viewer reads in clear (their department's task asks them), and the mask. */
    form: { clear: Set<string>; mask: (idNumber: string) => string };
  },
): ApplicationView {
  const def = definitionOf(app);
  const notice = app.notice
    ? (JSON.parse(app.notice) as { issuedAt: string; items: NoticeItem[] })
    : null;
  return {
    id: app.id,
    receiptNo: app.receipt_no,
    status: app.status,
    subject: { kind: app.subject_kind, code: app.subject_code, name: def.name },
    channel: app.channel,
    applicant: {
      kind: app.applicant_kind,
      ...parts.applicant,
      department: app.applicant_department,
    },
    submittedAt: toRfc3339(new Date(app.created_at)),
    acceptedAt: t(app.accepted_at),
    dueAt: t(app.due_at),
    dueProvisional: parts.provisional(app.accepted_at, app.due_at),
    completedAt: t(app.completed_at),
    alert: app.alert,
    form: maskForm(
      def.form,
      JSON.parse(app.form) as Record<string, unknown>,
      parts.form.clear,
      parts.form.mask,
    ),
    materials: JSON.parse(app.materials) as MaterialState[],
    notice:
      notice && app.status === 'deficient'
        ? { issuedAt: toRfc3339(new Date(notice.issuedAt)), items: notice.items }
        : null,
    tasks: parts.tasks.map((task) => presentTask(task, app, parts.provisional)),
    results: parts.tasks
      .filter((x) => x.status === 'approved')
      .map((x) => ({
        step: x.step_id,
        department: x.department_code,
        outputs: JSON.parse(x.outputs ?? '{}') as Record<string, unknown>,
      })),
    actions: parts.actions.map((a) => ({
      seq: a.seq,
      at: toRfc3339(new Date(a.at)),
      actor: a.actor,
      actorRole: a.actor_role,
      channel: a.channel,
      type: a.type,
      taskId: a.task_id,
      data: JSON.parse(a.data) as Record<string, unknown>,
    })),
    followUps: parts.followUps.map((f) => presentFollowUp(f, parts.provisional)),
    originals: presentOriginals(parts.actions, def.materials),
    ratingOpen: ratingOpen(app.status, parts.evaluations, parts.followUps),
    evaluations: parts.evaluations.map((e) => ({
      score: e.score,
      department: e.department_code,
      comment: e.comment,
      at: toRfc3339(new Date(e.at)),
    })),
  };
}
