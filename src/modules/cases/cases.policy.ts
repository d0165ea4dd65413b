import type { Principal } from '../../platform/http/index.js';
import type { CaseDefinition } from './case-definition.js';
import type { ApplicationRow, ApplicationScope, TaskRow } from './cases.repo.js';

/** A reviewer or lead of a department (who sees that department's applications). */
function inDepartment(p: Principal): p is Principal & { departmentCode: string } {
  return (p.roles.includes('reviewer') || p.roles.includes('lead')) && !!p.departmentCode;
}

/**
 * Who may see which applications: applicants their own; reviewers and leads those with a
 * task of their department; clerks what they accepted; supervisors all. (Clerks also open
 * any completed application for hand-over: see {@link canHandOver}.)
 */
export function applicationScope(p: Principal): ApplicationScope | null {
  if (p.roles.includes('supervisor')) return { kind: 'all' };
  if (p.kind === 'person' || p.kind === 'company') {
    return {
      kind: 'applicant',
      accountId: p.accountId,
      personId: p.personId,
      orgId: p.kind === 'company' ? p.organizationId : undefined,
    };
  }
  if (inDepartment(p)) return { kind: 'department', departmentCode: p.departmentCode };
  if (p.roles.includes('clerk')) return { kind: 'submitter', accountId: p.accountId };
  if (p.kind === 'staff' || p.kind === 'system')
    return { kind: 'submitter', accountId: p.accountId };
  return null;
}

/**
 * 统一出件: a window clerk hands over the results of any completed application of the service
 * centre, whoever submitted it and through whichever channel; running ones stay the submitter's.
 */
export function canHandOver(p: Principal, app: Pick<ApplicationRow, 'status'>): boolean {
  return p.roles.includes('clerk') && app.status === 'completed';
}

/** Whether `p` may see this application (with its tasks). */
export function canSeeApplication(p: Principal, app: ApplicationRow, tasks: TaskRow[]): boolean {
  if (p.roles.includes('supervisor')) return true;
  if (app.submitted_by === p.accountId) return true;
  if (canHandOver(p, app)) return true;
  if (p.kind === 'person' || p.kind === 'company') {
    if (app.applicant_kind === 'person' && p.personId && app.applicant_person_id === p.personId)
      return true;
    return p.kind === 'company' && !!p.organizationId && app.applicant_org_id === p.organizationId;
  }
  if (inDepartment(p)) return tasks.some((t) => t.department_code === p.departmentCode);
  return false;
}

/** Whether `p` acts for the applicant (may withdraw, answer supplements, rate). */
export function actsForApplicant(p: Principal, app: ApplicationRow): boolean {
  if (app.submitted_by === p.accountId) return true;
  if (p.kind === 'person')
    return (
      !!p.personId && app.applicant_person_id === p.personId && app.applicant_kind === 'person'
    );
  if (p.kind === 'company') return !!p.organizationId && app.applicant_org_id === p.organizationId;
  return false;
}

/** Whether `p` may decide this task: a reviewer (or a department system) of its department. */
export function canDecideTask(p: Principal, task: TaskRow): boolean {
  return (
    (p.roles.includes('reviewer') || p.kind === 'system') &&
    p.departmentCode === task.department_code
  );
}

/**
 * The form fields whose identity numbers `p` reads in clear: those the matter of a step of
 * `p`'s own department asks, once that department has a task there. Everyone else (the
 * applicant, clerks, other departments, supervision, the CLI) sees every identity number of
 * the form masked.
 */
export function clearIdFields(
  p: Principal | 'system',
  def: Pick<CaseDefinition, 'form'>,
  tasks: Pick<TaskRow, 'department_code' | 'step_id'>[],
): Set<string> {
  const clear = new Set<string>();
  if (p === 'system' || !p.departmentCode) return clear;
  if (!(p.kind === 'system' || p.roles.includes('reviewer') || p.roles.includes('lead')))
    return clear;
  const steps = new Set(
    tasks.filter((t) => t.department_code === p.departmentCode).map((t) => t.step_id),
  );
  const properties = (def.form.properties ?? {}) as Record<string, { 'x-steps'?: string[] }>;
  for (const [name, property] of Object.entries(properties))
    if (property['x-steps']?.some((s) => steps.has(s))) clear.add(name);
  return clear;
}
