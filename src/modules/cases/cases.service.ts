import type { Clock } from '../../platform/clock/index.js';
import type { Principal } from '../../platform/http/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { ApplicationView, Evaluation } from '../../../shared/contracts/index.js';
import type { CaseCalendarPort, CaseRegistryPort } from './case-ports.js';
import type { CaseWriter } from './case-writer.js';
import { CaseErrors } from './cases.errors.js';
import {
  actsForApplicant,
  applicationScope,
  canSeeApplication,
  clearIdFields,
} from './cases.policy.js';
import { presentApplication } from './cases.presenter.js';
import { definitionOf } from './case-flow.js';
import { presentConsent } from './consent.js';
import type { ApplicationRow, CasesRepo } from './cases.repo.js';
import type { FollowUpsService } from './follow-ups.service.js';
import { ratingOpen } from './rating.js';

/** Masks all but the first 6 and last 4 characters of an identity number. */
export type MaskFn = (idNumber: string) => string;

/**
 * Reading applications (each caller sees only what the policy allows), rating them (好差评,
 * a poor rating opens a call-back within 1 working day and a rectification within 15; once
 * both are closed the applicant may rate again). The hand-over of results (统一出件) is
 * hand-over.service.ts.
 */
export function createCasesService(deps: {
  repo: CasesRepo;
  clock: Clock;
  ids: IdGenerator;
  calendar: CaseCalendarPort;
  writer: CaseWriter;
  registry: CaseRegistryPort;
  mask: MaskFn;
  followUps: Pick<FollowUpsService, 'open'>;
}) {
  const { repo, clock, ids, calendar, writer, registry, followUps } = deps;

  async function view(app: ApplicationRow, viewer: Principal | 'system'): Promise<ApplicationView> {
    const [tasks, actions, followUps, evaluations] = await Promise.all([
      repo.tasksOf(app.id),
      repo.actionsOf(app.id),
      repo.followUpsOf(app.id),
      repo.evaluationsOf(app.id),
    ]);
    const person = app.applicant_person_id
      ? await registry.personById(app.applicant_person_id)
      : undefined;
    const org = app.applicant_org_id
      ? await registry.organizationById(app.applicant_org_id)
      : undefined;
    const presented = presentApplication(app, {
      tasks,
      actions,
      followUps,
      evaluations,
      applicant: {
        name: org?.name ?? person?.name ?? null,
        maskedIdNumber: person ? deps.mask(person.id_number) : null,
        creditCode: org?.credit_code ?? null,
      },
      provisional: (from, due) =>
        from !== null &&
        due !== null &&
        calendar.provisionalYears(new Date(from), new Date(due)).length > 0,
      form: { clear: clearIdFields(viewer, definitionOf(app), tasks), mask: deps.mask },
    });
    return { ...presented, consent: presentConsent(actions, definitionOf(app).materials) };
  }

  async function visible(p: Principal, app: ApplicationRow | undefined): Promise<ApplicationRow> {
    if (!app) throw CaseErrors.notFound();
    if (!canSeeApplication(p, app, await repo.tasksOf(app.id))) throw CaseErrors.notFound();
    return app;
  }

  return {
    /** One application with tasks and history; 404 when it does not exist or is not the caller's to see. */
    async get(p: Principal, id: string): Promise<ApplicationView> {
      return view(await visible(p, await repo.findApplication(id)), p);
    },

    /** One application by receipt number (CLI and tracking). */
    async getByReceipt(p: Principal | 'system', receiptNo: string): Promise<ApplicationView> {
      const app = await repo.findByReceipt(receiptNo);
      if (!app) throw CaseErrors.notFound();
      return view(p === 'system' ? app : await visible(p, app), p);
    },

    /** The applications the caller may see, newest first. */
    async list(p: Principal, limit = 50): Promise<ApplicationView[]> {
      const scope = applicationScope(p);
      if (!scope) throw CaseErrors.forbidden();
      const rows = await repo.listApplications(scope, Math.min(limit, 200));
      return Promise.all(rows.map((row) => view(row, p)));
    },

    /** 好差评: rates a settled application once; a score of 1–2 opens follow-ups. */
    async evaluate(p: Principal, id: string, input: Evaluation): Promise<ApplicationView> {
      await repo.transaction(async (tx) => {
        await tx.lockApplication(id);
        const app = await tx.findApplication(id);
        if (!app) throw CaseErrors.notFound();
        if (!actsForApplicant(p, app)) throw CaseErrors.forbidden();
        if (!['completed', 'rejected'].includes(app.status))
          throw CaseErrors.illegalTransition({
            zh: '评价（办件尚未办结）',
            en: 'rate an application before it is settled',
          });
        const earlier = await tx.evaluationsOf(id);
        if (!ratingOpen(app.status, earlier, await tx.followUpsOf(id)))
          throw CaseErrors.alreadyRated();
        const now = clock.now();
        const tasks = await tx.tasksOf(id);
        const ratings = [
          { department: null as string | null, score: input.score, comment: input.comment ?? null },
          ...(input.departments ?? []).map((d) => ({
            department: d.department,
            score: d.score,
            comment: d.comment ?? null,
          })),
        ];
        for (const r of ratings) {
          if (r.department && !tasks.some((t) => t.department_code === r.department)) {
            throw CaseErrors.invalidMaterials([
              {
                path: 'departments',
                code: 'unknown_department',
                message: `${r.department} had no step in this application`,
              },
            ]);
          }
          await tx.insertEvaluation({
            id: ids.id(),
            application_id: id,
            task_id: null,
            department_code: r.department,
            score: r.score,
            comment: r.comment,
            by_account: p.accountId,
            at: now.toISOString(),
          });
        }
        await writer.act(tx, app, {
          type: 'rated',
          actor: p,
          data: {
            ratings: ratings.map((r) => ({ department: r.department, score: r.score })),
            again: earlier.length > 0,
          },
        });
        for (const r of ratings.filter((x) => x.score <= 2)) {
          // 差评: a call-back within 1 working day, rectification (整改) within 15, each owned
          // by the department's lead.
          const departments = r.department
            ? [r.department]
            : [...new Set(tasks.map((t) => t.department_code))];
          for (const department of departments) {
            for (const [kind, days] of [
              ['rating-callback', 1],
              ['rating-rectification', 15],
            ] as const) {
              await followUps.open(tx, app, {
                kind,
                department,
                dueAt: calendar.addWorkingDays(now, days),
                note: r.comment,
              });
            }
            await writer.act(tx, app, {
              type: 'follow-up-opened',
              actor: p,
              data: { kind: 'rating', department, score: r.score },
            });
          }
        }
      });
      return view((await repo.findApplication(id)) as ApplicationRow, p);
    },
  };
}

export type CasesService = ReturnType<typeof createCasesService>;
