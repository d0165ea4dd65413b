/*
 * The pure fold: one application's rows (the application, its actions, tasks, ratings,
 * follow-ups, data-hub reads and the frozen definition) become its contribution — the rollup
 * rows it adds to and by how much. Nothing here reads a table or the clock: the caller gives
 * `now` and the working-day calendar.
 */
import type { CaseDefinition, TimeLimit } from '../cases/index.js';
import {
  bump,
  bumpHistogram,
  emptyCounters,
  WORKING_DAY_SECONDS,
  WORKING_HOUR_SECONDS,
  type Counters,
} from './metrics.counters.js';

/** The rows of one application that the fold reads. */
export interface FoldInput {
  application: {
    id: string;
    subject_kind: 'matter' | 'bundle';
    subject_code: string;
    channel: string;
    status: string;
    submitted_by: string;
    accepted_at: string | null;
    due_at: string | null;
    completed_at: string | null;
    alert: string;
    paused_since: string | null;
    created_at: string;
  };
  definition: Pick<CaseDefinition, 'promisedLimit' | 'steps' | 'materials'>;
  /** The `materials` JSON of the application: each material's state. */
  materials: { material: string; state: string }[];
  actions: {
    seq: number;
    at: string;
    type: string;
    task_id: string | null;
    actor: string;
    actor_role: string;
    channel: string;
    /** `pausedWorkingMillis` of a supplement answer or resumption. */
    pausedWorkingMillis?: number;
  }[];
  tasks: {
    id: string;
    step_id: string;
    matter_code: string;
    department_code: string;
    status: string;
    opened_at: string | null;
    due_at: string | null;
    decided_at: string | null;
    alert: string;
    paused_since: string | null;
  }[];
  evaluations: { id: string; department_code: string | null; score: number; at: string }[];
  followUps: {
    department_code: string | null;
    status: string;
    due_at: string;
    closed_at: string | null;
  }[];
  /** Purpose-bound data-hub reads for the application: all, and by reading department. */
  datahub: { total: number; byDepartment: Record<string, number> };
  /** Window numbers (clerk_profiles.window_no) of the clerks who acted on it. */
  windows: Record<string, string | null>;
  /** The applicant's division (GB/T 2260, 6 digits), when known. */
  division: string | null;
  /** The legal limit (法定时限, working days) of the application and of each step's matter. */
  legalDays: number | null;
  stepLegalDays: Record<string, number | null>;
  /** Materials the bundle produces itself (an earlier step's output): never asked. */
  provided: { id: string; steps: string[] }[];
}

/** What the fold needs of the working-day calendar. */
export interface FoldCalendar {
  workingMillisBetween(from: Date, to: Date): number;
}

/** The group keys of one unit: the dimensions it counts in. */
export interface UnitKeys {
  matter?: string;
  bundle?: string;
  /** The bundle step (bundle view): `bundleCode:stepId`. */
  step?: string;
  window: string;
  clerk: string;
  channel: string;
  town: string;
}

/** One unit: the application as a whole (dept = '') or one department's step. */
export interface Unit {
  day: string;
  dept: string;
  subject: string;
  channel: string;
  keys: UnitKeys;
  c: Counters;
}

/** The contribution of one application and when time alone would change it. */
export interface Contribution {
  units: Unit[];
  /** The earliest instant at which passing time changes the figures (a due time), or null. */
  recheckAt: string | null;
}

const VISIT_TYPES = new Set([
  'submitted',
  'originals-verified',
  'materials-supplied',
  'supplement-answered',
  'accepted',
  'handed-over',
]);
const ASKED = new Set(['uploaded', 'committed', 'commitment', 'missing', 'invalid']);
const NOT_ASKED = new Set(['datahub', 'credential']);
const RUNNING_TASK = new Set(['open', 'claimed']);
const OPEN_TASK = new Set(['open', 'claimed', 'supplement', 'paused']);
const PAUSE_START = new Set(['supplement-requested', 'paused']);
const PAUSE_END = new Set(['supplement-answered', 'resumed']);

/** The China calendar day (Asia/Shanghai) of an instant, YYYY-MM-DD. */
export function chinaDay(iso: string | Date): string {
  const t = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A limit in seconds of office time. */
export function limitSeconds(limit: TimeLimit): number {
  return 'workingDays' in limit
    ? limit.workingDays * WORKING_DAY_SECONDS
    : limit.workingHours * WORKING_HOUR_SECONDS;
}

function latest<T extends { at: string; id: string }>(rows: T[]): T | undefined {
  return rows.reduce<T | undefined>(
    (a, r) => (!a || r.at > a.at || (r.at === a.at && r.id > a.id) ? r : a),
    undefined,
  );
}

/** Office time of the application's statutory pauses (nested pauses count once). */
function applicationPausedMillis(
  actions: FoldInput['actions'],
  calendar: FoldCalendar,
  until: Date,
): number {
  let open = 0;
  let since: Date | null = null;
  let total = 0;
  for (const a of [...actions].sort((x, y) => x.seq - y.seq)) {
    if (PAUSE_START.has(a.type)) {
      if (open === 0) since = new Date(a.at);
      open++;
    } else if (PAUSE_END.has(a.type) && open > 0) {
      open--;
      if (open === 0 && since) {
        total += Math.max(0, calendar.workingMillisBetween(since, new Date(a.at)));
        since = null;
      }
    }
  }
  if (open > 0 && since) total += Math.max(0, calendar.workingMillisBetween(since, until));
  return total;
}

/** Folds one application into its contribution. */
export function foldApplication(
  input: FoldInput,
  ctx: { now: Date; calendar: FoldCalendar },
): Contribution {
  const { application: app, definition: def, actions, tasks, calendar } = { ...input, ...ctx };
  const now = ctx.now;
  const day = chinaDay(app.created_at);
  const types = new Set(actions.map((a) => a.type));
  const accepted = types.has('accepted') || app.accepted_at !== null;
  const settled = app.status === 'completed' || app.status === 'rejected';
  const rechecks: string[] = [];

  // Who accepted it at a window: the clerk of the acceptance, else the clerk who took it in.
  const acceptedBy = actions.find((a) => a.type === 'accepted' && a.actor_role === 'clerk');
  const windowIntake = app.channel === 'window' || app.channel === 'overseas';
  const clerk = acceptedBy?.actor ?? (windowIntake ? app.submitted_by : '');
  const windowNo = clerk ? input.windows[clerk] : null;
  const keys: UnitKeys = {
    window: windowNo ?? app.channel,
    clerk,
    channel: app.channel,
    town: input.division ?? '',
  };

  // Trips (跑腿): distinct days the applicant stood at a window (intake, originals, supplement,
  // hand-over of the result). A remote (overseas) intake is not a visit.
  const visitDays = new Set(
    actions
      .filter(
        (a) =>
          a.actor_role === 'clerk' &&
          VISIT_TYPES.has(a.type) &&
          (a.type === 'handed-over' || a.channel !== 'overseas'),
      )
      .map((a) => chinaDay(a.at)),
  );
  const visits = visitDays.size;

  const stateOf = new Map(input.materials.map((m) => [m.material, m.state]));
  function materials(c: Counters, stepId?: string) {
    for (const m of def.materials) {
      if (stepId && m.steps.length > 0 && !m.steps.includes(stepId)) continue;
      const state = stateOf.get(m.id);
      if (state && ASKED.has(state)) bump(c, 'mat_asked');
      else if (state && NOT_ASKED.has(state)) bump(c, 'mat_not_asked');
    }
    for (const p of input.provided) {
      if (stepId && p.steps.length > 0 && !p.steps.includes(stepId)) continue;
      bump(c, 'mat_not_asked');
    }
  }
  function ratings(c: Counters, score: number | undefined) {
    if (score && score >= 1 && score <= 5) bump(c, `r${score}` as 'r1');
  }
  function followUps(c: Counters, rows: FoldInput['followUps']) {
    for (const f of rows) {
      bump(c, 'fu_opened');
      if (f.status === 'done') {
        bump(c, 'fu_closed');
        if (f.closed_at && f.closed_at <= f.due_at) bump(c, 'fu_on_time');
      }
    }
  }
  function settledFigures(
    c: Counters,
    durationS: number | null,
    legal: number | null,
    promised: TimeLimit | undefined,
    onTime: boolean,
  ) {
    bump(c, 'settled');
    if (durationS !== null) {
      bump(c, 'dur_n');
      bump(c, 'dur_s', durationS);
      bumpHistogram(c, durationS);
      if (legal !== null) {
        bump(c, 'legal_n');
        bump(c, 'legal_days', legal);
        bump(c, 'legal_dur_s', durationS);
      }
    }
    if (promised) {
      bump(c, 'promised_n');
      bump(c, 'promised_s', limitSeconds(promised));
    }
    if (onTime) bump(c, 'on_time');
    if (visits === 0) bump(c, 'zero_trip');
    if (visits <= 1) bump(c, 'one_trip');
  }
  const common = (c: Counters) => {
    bump(c, 'received');
    if (accepted) bump(c, 'accepted');
    if (types.has('deficient')) bump(c, 'deficient');
    if (app.status === 'refused' || types.has('refused')) bump(c, 'refused');
  };

  // The application as a whole.
  const a = emptyCounters();
  common(a);
  if (app.status === 'completed') bump(a, 'completed');
  if (app.status === 'rejected') bump(a, 'rejected');
  if (settled) {
    let duration: number | null = null;
    if (app.accepted_at && app.completed_at) {
      const end = new Date(app.completed_at);
      const gross = calendar.workingMillisBetween(new Date(app.accepted_at), end);
      duration = Math.max(
        0,
        Math.round((gross - applicationPausedMillis(actions, calendar, end)) / 1000),
      );
    }
    const onTime = !!app.due_at && !!app.completed_at && app.completed_at <= app.due_at;
    settledFigures(a, duration, input.legalDays, def.promisedLimit, onTime);
    if (app.due_at && app.completed_at && app.completed_at > app.due_at) bump(a, 'overdue');
  } else if (accepted && app.due_at && app.status !== 'withdrawn' && app.status !== 'refused') {
    const paused = app.status === 'paused' || app.paused_since !== null;
    if (app.alert === 'overdue' || (!paused && now.toISOString() > app.due_at)) bump(a, 'overdue');
    else if (!paused) rechecks.push(app.due_at);
  }
  bump(a, 'supplements', actions.filter((x) => x.type === 'supplement-requested').length);
  materials(a);
  bump(a, 'datahub', input.datahub.total);
  const overall = latest(input.evaluations.filter((e) => e.department_code === null));
  ratings(a, overall?.score);
  followUps(a, input.followUps);
  const subject = app.subject_code;
  const units: Unit[] = [
    {
      day,
      dept: '',
      subject,
      channel: app.channel,
      keys: {
        ...keys,
        ...(app.subject_kind === 'matter' ? { matter: subject } : { bundle: subject }),
      },
      c: a,
    },
  ];

  // Each department's own step.
  const bundle = app.subject_kind === 'bundle';
  let last: { stepId: string; at: string } | null = null;
  if (bundle && settled) {
    for (const t of tasks) {
      if ((t.status === 'approved' || t.status === 'rejected') && t.decided_at) {
        if (!last || t.decided_at > last.at) last = { stepId: t.step_id, at: t.decided_at };
      }
    }
  }
  const seenDepartments = new Set<string>();
  for (const step of def.steps) {
    const task = tasks.find((t) => t.step_id === step.id);
    const dept = step.department;
    const c = emptyCounters();
    common(c);
    if (task?.status === 'approved') bump(c, 'completed');
    if (task?.status === 'rejected') bump(c, 'rejected');
    const stepSettled = task?.status === 'approved' || task?.status === 'rejected';
    if (task && stepSettled) {
      let duration: number | null = null;
      if (task.opened_at && task.decided_at) {
        const gross = calendar.workingMillisBetween(
          new Date(task.opened_at),
          new Date(task.decided_at),
        );
        const paused = actions
          .filter((x) => x.task_id === task.id && PAUSE_END.has(x.type))
          .reduce((s, x) => s + (x.pausedWorkingMillis ?? 0), 0);
        duration = Math.max(0, Math.round((gross - paused) / 1000));
      }
      const onTime = !!task.due_at && !!task.decided_at && task.decided_at <= task.due_at;
      settledFigures(c, duration, input.stepLegalDays[step.id] ?? null, step.promisedLimit, onTime);
      if (task.due_at && task.decided_at && task.decided_at > task.due_at) bump(c, 'overdue');
    } else if (task && task.due_at && OPEN_TASK.has(task.status)) {
      const running = RUNNING_TASK.has(task.status);
      if (task.alert === 'overdue' || (running && now.toISOString() > task.due_at))
        bump(c, 'overdue');
      else if (running) rechecks.push(task.due_at);
    }
    if (task && OPEN_TASK.has(task.status)) bump(c, 'open_steps');
    if (last?.stepId === step.id) bump(c, 'holds_up');
    if (task) {
      bump(
        c,
        'supplements',
        actions.filter((x) => x.type === 'supplement-requested' && x.task_id === task.id).length,
      );
    }
    materials(c, step.id);
    // What belongs to the department (its reads, ratings, follow-ups) counts once per application.
    if (!seenDepartments.has(dept)) {
      seenDepartments.add(dept);
      bump(c, 'datahub', input.datahub.byDepartment[dept] ?? 0);
      const own = latest(input.evaluations.filter((e) => e.department_code === dept));
      ratings(c, (own ?? overall)?.score);
      followUps(
        c,
        input.followUps.filter((f) => f.department_code === dept),
      );
    }
    units.push({
      day,
      dept,
      subject,
      channel: app.channel,
      keys: {
        ...keys,
        matter: step.matter,
        ...(bundle ? { bundle: subject, step: `${subject}:${step.id}` } : {}),
      },
      c,
    });
  }
  rechecks.sort();
  return { units, recheckAt: rechecks[0] ?? null };
}
