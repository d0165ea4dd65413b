import { firstInquiryDepartment } from '../cases/index.js';
import type { Clock } from '../../platform/clock/index.js';
import { DEFAULT_OFFICE_HOURS, type WorkingCalendar } from '../../platform/calendar/index.js';
import type { Principal } from '../../platform/http/index.js';
import type { Catalog } from '../catalog/index.js';
import type {
  FirstInquiryGroup,
  InterDepartmentBoard,
  InterDepartmentBoardQuery,
  InterDepartmentFigures,
  InterDepartmentMatterRow,
  InterDepartmentRef,
  InterDepartmentReportList,
} from '../../../shared/contracts/index.js';
import { InterDepartmentErrors } from './inter-department.errors.js';
import { figuresOf, groupBy, type CountedRequest } from './inter-department.figures.js';
import type { InterDepartmentRepo, InterDepartmentRequestRow } from './inter-department.repo.js';

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China calendar day (YYYY-MM-DD) of an instant. */
function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a China calendar day begins; null for a day that does not exist (2026-02-30). */
function dayStart(day: string): Date | null {
  const at = new Date(`${day}T00:00:00+08:00`);
  return Number.isNaN(at.getTime()) || chinaDay(at) !== day ? null : at;
}

/** A request counted against a period, with the department pair and matter it belongs to. */
type Placed = CountedRequest & { row: InterDepartmentRequestRow };

/** The figures of one month for the public report: departments and matters only, no person. */
export interface MonthlyReportData {
  month: string;
  /** false while the month is still running (figures so far). */
  complete: boolean;
  asOf: Date;
  totals: InterDepartmentFigures;
  requesters: { department: InterDepartmentRef; figures: InterDepartmentFigures }[];
  providers: { department: InterDepartmentRef; figures: InterDepartmentFigures }[];
  matters: InterDepartmentMatterRow[];
}

/**
 * 首问负责: the first-inquiry department of a department's application, from its frozen
 * definition — the department of the first step the request reaches (the first step, in the
 * definition's order, that comes after no other; a single matter's own department). The case
 * engine's deadline watch gives the escalation follow-ups of the application to its lead.
 */
export function firstInquiryOf(definition: string): string | null {
  try {
    return firstInquiryDepartment({ applicant_kind: 'department', definition });
  } catch {
    return null;
  }
}

/**
 * 部门间办事 (Lishui): the board of requests between departments (requesting × providing,
 * per matter, against the legal and promised limits), the open follow-ups by first-inquiry
 * department, and the figures of the public monthly report.
 */
export function createInterDepartmentService(deps: {
  repo: InterDepartmentRepo;
  clock: Clock;
  calendar: Pick<WorkingCalendar, 'workingMillisBetween' | 'yearInfo'>;
  catalog: Pick<Catalog, 'department' | 'matter'>;
  staff: { displayNames(accountIds: string[]): Promise<Map<string, string>> };
}) {
  const { repo, clock, calendar, catalog, staff } = deps;

  function department(code: string): InterDepartmentRef {
    const d = catalog.department(code);
    return { code, name: d ? { zh: d.name.zh, en: d.name.en } : { zh: code, en: code } };
  }

  /** Office time of one working day of the year of `at`, in milliseconds. */
  function dayMillis(at: Date): number {
    const periods = calendar.yearInfo(Number(chinaDay(at).slice(0, 4)))?.officeHours;
    const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
    const total = (periods ?? DEFAULT_OFFICE_HOURS).reduce(
      (sum, p) => sum + (minutes(p.end) - minutes(p.start)) * 60_000,
      0,
    );
    return total > 0 ? total : 7 * 3_600_000;
  }

  function limitsOf(matterCode: string, at: Date) {
    const guide = catalog.matter(matterCode);
    const promised = guide?.promisedLimit;
    return {
      legalDays: guide?.legalLimit?.workingDays ?? null,
      promisedDays: !promised
        ? null
        : 'workingDays' in promised
          ? promised.workingDays
          : (promised.workingHours * 3_600_000) / dayMillis(at),
    };
  }

  /** Places each request against [start, end), open counts taken at `asOf`. */
  function place(rows: InterDepartmentRequestRow[], start: Date, end: Date, asOf: Date): Placed[] {
    const s = start.toISOString();
    const e = end.toISOString();
    const a = asOf.toISOString();
    return rows.map((row) => {
      const opened = new Date(row.opened_at);
      const decided =
        row.decided_at && (row.status === 'approved' || row.status === 'rejected')
          ? row.decided_at
          : null;
      const completed = decided !== null && decided >= s && decided < e;
      const open =
        row.status !== 'cancelled' && row.opened_at < a && (decided === null || decided >= a);
      return {
        row,
        received: row.opened_at >= s && row.opened_at < e,
        completed,
        onTime: completed && (!row.due_at || decided <= row.due_at),
        open,
        openOverdue: open && !!row.due_at && row.due_at < a,
        days: completed
          ? calendar.workingMillisBetween(opened, new Date(decided)) / dayMillis(opened)
          : null,
        ...limitsOf(row.matter_code, opened),
      };
    });
  }

  function matterRows(placed: Placed[]): InterDepartmentMatterRow[] {
    return [...groupBy(placed, (p) => `${p.row.matter_code}|${p.row.provider}`).values()].map(
      (list) => {
        const first = (list[0] as Placed).row;
        const guide = catalog.matter(first.matter_code);
        const limits = limitsOf(first.matter_code, new Date(first.opened_at));
        return {
          code: first.matter_code,
          name: guide ? guide.name : { zh: first.matter_code, en: first.matter_code },
          provider: department(first.provider),
          legalLimitDays: limits.legalDays,
          promisedLimitDays:
            limits.promisedDays === null ? null : Math.round(limits.promisedDays * 100) / 100,
          figures: figuresOf(list),
        };
      },
    );
  }

  function period(query: InterDepartmentBoardQuery) {
    const now = clock.now();
    const today = chinaDay(now);
    const from = query.from ?? `${today.slice(0, 7)}-01`;
    const to = query.to ?? today;
    const start = dayStart(from);
    const last = dayStart(to);
    if (!start) throw InterDepartmentErrors.invalidPeriod(`${from} is not a day`);
    if (!last) throw InterDepartmentErrors.invalidPeriod(`${to} is not a day`);
    if (last < start) throw InterDepartmentErrors.invalidPeriod('`from` is after `to`');
    if (last.getTime() - start.getTime() > 366 * DAY_MS)
      throw InterDepartmentErrors.invalidPeriod('a period is at most a year');
    const end = new Date(last.getTime() + DAY_MS);
    return { from, to, start, end, asOf: now < end ? now : end };
  }

  function currentMonth(): string {
    return chinaDay(clock.now()).slice(0, 7);
  }

  /** The months with a report: from the first request (or this month) to this month. */
  async function reportMonths(): Promise<string[]> {
    const first = await repo.firstOpened();
    const current = currentMonth();
    const firstMonth = first ? chinaDay(new Date(first)).slice(0, 7) : current;
    const months: string[] = [];
    let [y, m] = [Number(current.slice(0, 4)), Number(current.slice(5, 7))];
    for (;;) {
      const month = `${y}-${String(m).padStart(2, '0')}`;
      if (month < firstMonth || months.length >= 240) break;
      months.push(month);
      m -= 1;
      if (m === 0) [y, m] = [y - 1, 12];
    }
    return months;
  }

  return {
    firstInquiryOf,

    /**
     * The board: supervision sees every pair; a department's lead or reviewer the pairs where
     * the department requests or provides, and the follow-ups it owns or is late in. Throws
     * INTER_DEPARTMENT_FORBIDDEN (403), INTER_DEPARTMENT_INVALID_PERIOD (422).
     */
    async board(p: Principal, query: InterDepartmentBoardQuery): Promise<InterDepartmentBoard> {
      const supervisor = p.roles.includes('supervisor');
      const scoped =
        (p.kind === 'staff' || p.kind === 'system') &&
        (p.roles.includes('lead') || p.roles.includes('reviewer')) &&
        p.departmentCode
          ? p.departmentCode
          : null;
      if (!supervisor && !scoped) throw InterDepartmentErrors.forbidden();
      const scope = supervisor ? null : scoped;
      const { from, to, start, end, asOf } = period(query);
      const placed = place(
        await repo.requests(start.toISOString(), end.toISOString(), scope ?? undefined),
        start,
        end,
        asOf,
      );
      const pairs = [...groupBy(placed, (x) => `${x.row.requester}|${x.row.provider}`).values()]
        .map((list) => {
          const first = (list[0] as Placed).row;
          return {
            requester: department(first.requester),
            provider: department(first.provider),
            figures: figuresOf(list),
            matters: matterRows(list),
          };
        })
        .sort(
          (a, b) =>
            a.requester.code.localeCompare(b.requester.code) ||
            a.provider.code.localeCompare(b.provider.code),
        );

      const escalations = (await repo.openEscalations()).map((f) => ({
        ...f,
        firstInquiry: firstInquiryOf(f.definition) ?? f.late_department ?? f.requester,
      }));
      const visible = escalations.filter(
        (f) =>
          scope === null ||
          f.firstInquiry === scope ||
          f.late_department === scope ||
          f.requester === scope ||
          f.owner_account === p.accountId,
      );
      const names = await staff.displayNames(
        visible.flatMap((f) => (f.owner_account ? [f.owner_account] : [])),
      );
      const now = clock.now().toISOString();
      const followUps: FirstInquiryGroup[] = [...groupBy(visible, (f) => f.firstInquiry).entries()]
        .map(([code, list]) => ({
          department: department(code),
          items: list.map((f) => ({
            id: f.id,
            applicationId: f.application_id,
            receiptNo: f.receipt_no,
            title: f.title,
            requester: department(f.requester),
            lateDepartment: f.late_department ? department(f.late_department) : null,
            ownerName: f.owner_account ? (names.get(f.owner_account) ?? null) : null,
            status: f.status === 'raised' ? ('raised' as const) : ('open' as const),
            dueAt: f.due_at,
            overdue: f.due_at < now,
          })),
        }))
        .sort((a, b) => a.department.code.localeCompare(b.department.code));

      return {
        from,
        to,
        asOf: asOf.toISOString(),
        scope,
        totals: figuresOf(placed),
        pairs,
        matters: matterRows(placed).sort((a, b) => a.code.localeCompare(b.code)),
        followUps,
        reportMonth: to.slice(0, 7),
      };
    },

    /** The months with a public report, newest first (the current one is not complete yet). */
    async reports(): Promise<InterDepartmentReportList> {
      const current = currentMonth();
      return {
        months: (await reportMonths()).map((month) => ({
          month,
          complete: month < current,
          url: `/api/v1/public/inter-department/reports/${month}.pdf`,
        })),
      };
    },

    /**
     * The figures of one month's public report, per requesting and providing department and
     * per matter: departments only, never a person or a receipt number. Throws
     * INTER_DEPARTMENT_INVALID_MONTH / _MONTH_IN_FUTURE (422), _REPORT_NOT_FOUND (404).
     */
    async monthly(month: string): Promise<MonthlyReportData> {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw InterDepartmentErrors.invalidMonth(month);
      const current = currentMonth();
      if (month > current) throw InterDepartmentErrors.monthInFuture(month);
      if (!(await reportMonths()).includes(month))
        throw InterDepartmentErrors.reportNotFound(month);
      const start = dayStart(`${month}-01`) as Date;
      const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
      const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
      const end = dayStart(`${next}-01`) as Date;
      const now = clock.now();
      const asOf = now < end ? now : end;
      const placed = place(
        await repo.requests(start.toISOString(), end.toISOString()),
        start,
        end,
        asOf,
      );
      const byDepartment = (key: (x: Placed) => string) =>
        [...groupBy(placed, key).entries()]
          .map(([code, list]) => ({ department: department(code), figures: figuresOf(list) }))
          .sort((a, b) => a.department.code.localeCompare(b.department.code));
      return {
        month,
        complete: month < current,
        asOf,
        totals: figuresOf(placed),
        requesters: byDepartment((x) => x.row.requester),
        providers: byDepartment((x) => x.row.provider),
        matters: matterRows(placed).sort((a, b) => a.code.localeCompare(b.code)),
      };
    },
  };
}

export type InterDepartmentService = ReturnType<typeof createInterDepartmentService>;
