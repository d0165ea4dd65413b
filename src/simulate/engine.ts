import type { App } from '../app.js';
import type { Principal } from '../platform/http/index.js';
import type {
  ApplicationView,
  BundleGuide,
  GuideMaterial,
  MaterialEntry,
  MatterGuide,
  SubmitApplication,
} from '../../shared/contracts/index.js';
import { AppError } from '../platform/errors/index.js';
import type { SimulatedClock } from './clock.js';
import type { Staff } from './actors.js';
import type { Channel, Subject } from './mix.js';
import type { Rng } from './random.js';
import {
  DELAYS,
  drawScore,
  resumeAfter,
  reviewerPlan,
  BEHAVIOUR,
  type Outcome,
} from './behaviour.js';

/** A 1-page PDF and a 1×1 PNG: what the simulated applicants scan. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** What the simulation counts as it goes (the rest is measured from the history afterwards). */
export interface Tally {
  applications: number;
  byChannel: Record<Channel, number>;
  deficient: number;
  noticesSupplied: number;
  commitments: number;
  commitmentsFulfilled: number;
  supplementsRequested: number;
  supplementsAnswered: number;
  approvals: number;
  rejections: number;
  withdrawn: number;
  settled: number;
  completed: number;
  ratings: number;
  badRatings: number;
  ratedAgain: number;
  followUpsClosed: number;
  lateDecisions: number;
  /** Window applications a clerk passed to a colleague of a higher grade (考级). */
  handedToColleague: number;
  watch: { warned: number; overdue: number; escalated: number; followUpsRaised: number };
  /** Calls a service refused, by error code (the simulation carries on). */
  refused: Record<string, number>;
}

export function emptyTally(): Tally {
  return {
    applications: 0,
    byChannel: { online: 0, window: 0, overseas: 0, department: 0 },
    deficient: 0,
    noticesSupplied: 0,
    commitments: 0,
    commitmentsFulfilled: 0,
    supplementsRequested: 0,
    supplementsAnswered: 0,
    approvals: 0,
    rejections: 0,
    withdrawn: 0,
    settled: 0,
    completed: 0,
    ratings: 0,
    badRatings: 0,
    ratedAgain: 0,
    followUpsClosed: 0,
    lateDecisions: 0,
    handedToColleague: 0,
    watch: { warned: 0, overdue: 0, escalated: 0, followUpsRaised: 0 },
    refused: {},
  };
}

/** An application the simulation follows. */
export interface Tracked {
  id: string;
  receiptNo: string;
  subject: Pick<Subject, 'kind' | 'code'>;
  channel: Channel;
  /** Who acts for the applicant (the account, or the clerk or department that submitted). */
  actor: Principal;
  /** Tasks whose handling is planned. */
  planned: Set<string>;
  /** Tasks that asked for a supplement once (they are not asked again). */
  supplemented: Set<string>;
  /** Decisions waiting for a supplement, by task. */
  waiting: Map<string, number>;
  settled: boolean;
  ratings: number;
  closing: Set<string>;
  /** Called once the application is settled (completed or rejected). */
  onSettled?: (view: ApplicationView) => void;
}

interface Event {
  at: number;
  seq: number;
  run: () => Promise<void>;
}

/** A binary heap of events by time, then by order of scheduling (deterministic). */
class EventQueue {
  private heap: Event[] = [];
  private seq = 0;
  get size() {
    return this.heap.length;
  }
  push(at: number, run: () => Promise<void>) {
    const e = { at, seq: this.seq++, run };
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }
  peek(): Event | undefined {
    return this.heap[0];
  }
  pop(): Event | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
const before = (a: Event, b: Event) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

const TERMINAL = new Set(['completed', 'rejected', 'refused', 'withdrawn']);

/**
 * The simulation's engine: a queue of timed events (arrivals, claims, decisions, supplies,
 * ratings, follow-ups), each acting through the platform's services as the person it
 * simulates, on the simulated clock. Nothing is written to a table except by a service.
 */
export function createEngine(deps: { app: App; clock: SimulatedClock; staff: Staff; rng: Rng }) {
  const { app, clock, staff, rng } = deps;
  const { intake, tasks, cases, followUps, files, calendar, watch } = app.services;
  const queue = new EventQueue();
  const tally = emptyTally();
  const tracked = new Map<string, Tracked>();
  const closingFollowUps = new Set<string>();
  /** Office milliseconds of one working day (from the calendar's office hours). */
  let dayMs = 8 * 3600_000;

  function refused(error: unknown) {
    const code =
      error instanceof AppError ? error.code : error instanceof Error ? error.name : 'unknown';
    tally.refused[code] = (tally.refused[code] ?? 0) + 1;
  }

  /** Runs `fn` at `delay` of office time after now (the next office time when outside it). */
  function after(officeMs: number, fn: () => Promise<void>) {
    const at = calendar.addWorkingMillis(clock.now(), Math.max(0, Math.round(officeMs)));
    queue.push(at.getTime(), fn);
  }
  const afterDays = (days: number, fn: () => Promise<void>) => after(days * dayMs, fn);

  async function upload(p: Principal, m: GuideMaterial): Promise<string> {
    const types = m.upload?.mediaTypes ?? [];
    const png =
      types.length > 0 && !types.includes('application/pdf') && types.includes('image/png');
    const stored = await files.upload(p, png ? 'scan.png' : 'scan.pdf', png ? PNG : PDF);
    return stored.fileId;
  }

  /** An entry that satisfies `m` by the applicant's own means (upload, else commitment), or null. */
  async function provide(p: Principal, m: GuideMaterial): Promise<MaterialEntry | null> {
    if (m.satisfiedBy.includes('upload')) return { material: m.id, fileId: await upload(p, m) };
    if (m.satisfiedBy.includes('commitment')) return { material: m.id, commitment: {} };
    return null;
  }

  function chinaDate(at: Date, plusDays: number): string {
    return new Date(at.getTime() + 8 * 3600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
  }

  /**
   * The material entries of a submission: what the data hub or the wallet holds is left to
   * them; conditional materials only when an agent applies; `deficient` leaves one upload out;
   * `commitment` promises one 容缺 material for later.
   */
  async function materialsFor(
    p: Principal,
    guide: MatterGuide | BundleGuide,
    plan: { deficient: boolean; commitment: boolean; agent: boolean; all?: boolean },
  ) {
    const own = guide.materials.filter(
      (m) =>
        !m.satisfiedBy.includes('datahub') &&
        !m.satisfiedBy.includes('credential') &&
        (plan.all || m.essential || m.allowMissing || plan.agent || !m.condition),
    );
    const uploads = own.filter((m) => m.satisfiedBy.includes('upload') && m.essential);
    const left = plan.deficient && uploads.length > 0 ? rng.pick(uploads).id : null;
    const promisable = guide.materials.filter(
      (m) => m.allowMissing && m.id !== left && m.satisfiedBy.includes('upload'),
    );
    // Where the matter allows 容缺, a third of the applicants use it (and the day's mix adds some).
    const promising = promisable.length > 0 && (plan.commitment || rng.chance(0.3));
    const promised = promising ? rng.pick(promisable).id : null;
    if (promised && !own.some((m) => m.id === promised))
      own.push(promisable.find((m) => m.id === promised)!);
    const entries: MaterialEntry[] = [];
    for (const m of own) {
      if (m.id === left) continue;
      if (m.id === promised) {
        entries.push({ material: m.id, commitment: { dueDate: chinaDate(clock.now(), 10) } });
        continue;
      }
      const e = await provide(p, m);
      if (e) entries.push(e);
    }
    return { entries, promised };
  }

  /**
   * Submits an application and follows it. Returns the tracked application, or null when the
   * platform refused the submission (counted by error code).
   */
  async function submit(input: {
    p: Principal;
    subject: Pick<Subject, 'kind' | 'code'>;
    channel: Channel;
    form: Record<string, unknown>;
    applicant?: SubmitApplication['applicant'];
    plan: { deficient: boolean; commitment: boolean; agent: boolean; all?: boolean };
    extra?: Partial<SubmitApplication>;
    onSettled?: (view: ApplicationView) => void;
    /** Colleagues a clerk hands the applicant to when the matter is above the clerk's grade. */
    alternates?: Principal[];
  }): Promise<Tracked | null> {
    const guide =
      input.subject.kind === 'bundle'
        ? app.services.catalog.getBundle(input.subject.code)
        : app.services.catalog.getMatter(input.subject.code);
    try {
      const { entries, promised } = await materialsFor(input.p, guide, input.plan);
      const body: SubmitApplication = {
        [input.subject.kind]: input.subject.code,
        form: input.form,
        materials: entries,
        consent: { fetch: true },
        ...(input.channel === 'online' ? {} : { channel: input.channel }),
        ...(input.applicant ? { applicant: input.applicant } : {}),
        ...input.extra,
      };
      const { id } = await intake.submit(input.p, body);
      const view = await cases.get(input.p, id);
      const t: Tracked = {
        id,
        receiptNo: view.receiptNo,
        subject: input.subject,
        channel: input.channel,
        actor: input.p,
        planned: new Set(),
        supplemented: new Set(),
        waiting: new Map(),
        settled: false,
        ratings: 0,
        closing: new Set(),
        onSettled: input.onSettled,
      };
      tracked.set(id, t);
      tally.applications++;
      tally.byChannel[input.channel]++;
      if (view.status === 'deficient') {
        tally.deficient++;
        planNotice(t, view, guide);
      }
      if (promised) {
        tally.commitments++;
        const m = guide.materials.find((x) => x.id === promised)!;
        // Most hand the promised material in before the due date; a few miss it (the watch raises it).
        afterDays(rng.chance(0.9) ? rng.between(0.5, 5) : rng.between(9, 12), async () => {
          const e = await provide(t.actor, m);
          if (!e || TERMINAL.has((await cases.get(t.actor, t.id)).status)) return;
          await act(
            () => intake.supply(t.actor, t.id, [e]),
            () => tally.commitmentsFulfilled++,
          );
          await sync(t);
        });
      }
      await sync(t, view);
      return t;
    } catch (error) {
      if (
        error instanceof AppError &&
        error.code === 'WINDOW_GRADE_NOT_ALLOWED' &&
        input.alternates &&
        input.alternates.length > 0
      ) {
        tally.handedToColleague++;
        const [next, ...rest] = input.alternates;
        return submit({ ...input, p: next!, alternates: rest });
      }
      refused(error);
      return null;
    }
  }

  async function act(fn: () => Promise<unknown>, ok?: () => void): Promise<boolean> {
    try {
      await fn();
      ok?.();
      return true;
    } catch (error) {
      refused(error);
      return false;
    }
  }

  /** A deficient application: the applicant brings what the notice lists, or gives up. */
  function planNotice(t: Tracked, view: ApplicationView, guide: MatterGuide | BundleGuide) {
    const items = view.notice?.items ?? [];
    const materials = items.map((i) => guide.materials.find((m) => m.id === i.material));
    const possible = materials.every(
      (m) => m && (m.satisfiedBy.includes('upload') || m.satisfiedBy.includes('commitment')),
    );
    if (!possible) {
      // What only the data hub can give is not there: the applicant withdraws.
      afterDays(rng.between(1, 5), async () => {
        await act(
          () => intake.withdraw(t.actor, t.id, '数据共享无记录，改日再办（模拟）'),
          () => tally.withdrawn++,
        );
      });
      return;
    }
    afterDays(DELAYS.supplyNotice(rng), async () => {
      const entries: MaterialEntry[] = [];
      for (const m of materials) {
        const e = await provide(t.actor, m!);
        if (e) entries.push(e);
      }
      await act(
        () => intake.supply(t.actor, t.id, entries),
        () => tally.noticesSupplied++,
      );
      await sync(t);
    });
  }

  /** Reads the application as its applicant and plans what its open tasks and settlement need. */
  async function sync(t: Tracked, known?: ApplicationView): Promise<void> {
    const view = known ?? (await cases.get(t.actor, t.id));
    if ((view.status === 'completed' || view.status === 'rejected') && !t.settled) {
      t.settled = true;
      tally.settled++;
      if (view.status === 'completed') tally.completed++;
      t.onSettled?.(view);
      if (rng.chance(BEHAVIOUR.rateShare)) afterDays(DELAYS.rate(rng), () => rate(t, 'first'));
    }
    if (TERMINAL.has(view.status)) return;
    const open = view.tasks
      .filter((task) => task.status === 'open' && !t.planned.has(task.id))
      .sort((a, b) => a.step.localeCompare(b.step));
    for (const task of open) {
      t.planned.add(task.id);
      const now = clock.now();
      const limit = task.dueAt
        ? Math.max(60_000, calendar.workingMillisBetween(now, new Date(task.dueAt)))
        : dayMs;
      const canSupplement =
        !t.supplemented.has(task.id) && view.materials.some((m) => m.state === 'uploaded');
      const plan = reviewerPlan(rng, limit, canSupplement);
      if (plan.late) tally.lateDecisions++;
      const reviewer = staff.reviewers.get(task.department);
      if (!reviewer) continue;
      after(plan.claimAfter, async () => {
        await act(() => tasks.claim(reviewer, task.id));
      });
      after(plan.decideAfter, () => decide(t, task.id, reviewer, plan.outcome, limit));
    }
  }

  async function decide(
    t: Tracked,
    taskId: string,
    reviewer: Principal,
    outcome: Outcome,
    limit: number,
  ): Promise<void> {
    const view = await cases.get(t.actor, t.id);
    if (TERMINAL.has(view.status)) return;
    if (outcome === 'request-supplement') {
      const uploaded = view.materials.filter((m) => m.state === 'uploaded');
      if (uploaded.length === 0) outcome = 'approve';
      else {
        const m = rng.pick(uploaded);
        const ok = await act(
          () =>
            tasks.decide(reviewer, taskId, {
              decision: 'request-supplement',
              items: [{ material: m.material, reason: '扫描件不清晰，请重新上传（模拟）' }],
              comment: '请补正材料',
            }),
          () => tally.supplementsRequested++,
        );
        if (!ok) return;
        t.supplemented.add(taskId);
        const guide = guideOf(t);
        const gm = guide.materials.find((x) => x.id === m.material);
        afterDays(DELAYS.supplySupplement(rng), async () => {
          const e = gm ? await provide(t.actor, gm) : null;
          if (!e) return;
          const answered = await act(
            () => intake.supply(t.actor, t.id, [e]),
            () => tally.supplementsAnswered++,
          );
          if (answered)
            after(resumeAfter(rng, limit), () => decide(t, taskId, reviewer, 'approve', limit));
        });
        return;
      }
    }
    await act(
      () =>
        tasks.decide(
          reviewer,
          taskId,
          outcome === 'reject'
            ? { decision: 'reject', comment: '不符合法定条件（模拟）' }
            : { decision: 'approve' },
        ),
      () => (outcome === 'reject' ? tally.rejections++ : tally.approvals++),
    );
    await sync(t);
  }

  function guideOf(t: Pick<Tracked, 'subject'>): MatterGuide | BundleGuide {
    return t.subject.kind === 'bundle'
      ? app.services.catalog.getBundle(t.subject.code)
      : app.services.catalog.getMatter(t.subject.code);
  }

  async function rate(t: Tracked, round: 'first' | 'again'): Promise<void> {
    const view = await cases.get(t.actor, t.id);
    const score = drawScore(
      rng,
      round === 'again' ? 'again' : view.status === 'completed' ? 'completed' : 'rejected',
    );
    const ok = await act(
      () =>
        cases.evaluate(t.actor, t.id, {
          score,
          ...(score <= 2 ? { comment: '等候时间长，说明不清楚（模拟评价）' } : {}),
        }),
      () => {
        tally.ratings++;
        if (round === 'again') tally.ratedAgain++;
        if (score <= 2) tally.badRatings++;
      },
    );
    t.ratings++;
    if (!ok || score > 2) return;
    // 差评: the department's lead calls back and rectifies; then the applicant rates again.
    const rated = await cases.get(t.actor, t.id);
    for (const f of rated.followUps) {
      if (f.status === 'done' || t.closing.has(f.id) || !f.kind.startsWith('rating-')) continue;
      t.closing.add(f.id);
      const lead = f.department ? staff.leads.get(f.department) : undefined;
      if (!lead) continue;
      const days = f.kind === 'rating-callback' ? DELAYS.callback(rng) : DELAYS.rectification(rng);
      afterDays(days, async () => {
        await closeFollowUp(
          lead,
          f.id,
          f.kind === 'rating-callback'
            ? '已电话回访，致歉并说明办理进度'
            : '已整改：增设导办人员，缩短等候',
        );
        const now = await cases.get(t.actor, t.id);
        const pending = now.followUps.filter(
          (x) => x.kind.startsWith('rating-') && x.status !== 'done',
        );
        if (pending.length === 0 && t.ratings < 2)
          afterDays(DELAYS.rateAgain(rng), () => rate(t, 'again'));
      });
    }
  }

  async function closeFollowUp(lead: Principal, id: string, outcome: string) {
    await act(
      () => followUps.close(lead, id, outcome),
      () => tally.followUpsClosed++,
    );
  }

  /** The deadline watch, as the platform's job runs it; escalations go to the leads. */
  async function tick(): Promise<void> {
    const report = await watch.tick();
    tally.watch.warned += report.warned;
    tally.watch.overdue += report.overdue;
    tally.watch.escalated += report.escalated;
    tally.watch.followUpsRaised += report.followUpsRaised;
    if (report.escalated === 0) return;
    for (const status of ['open', 'raised'] as const) {
      for (const f of await followUps.list(staff.supervisor, { status })) {
        if (f.kind !== 'escalation' || closingFollowUps.has(f.id)) continue;
        closingFollowUps.add(f.id);
        const lead = f.department_code ? staff.leads.get(f.department_code) : undefined;
        if (lead)
          afterDays(DELAYS.escalation(rng), () =>
            closeFollowUp(lead, f.id, '已督办，审批员当日办结'),
          );
      }
    }
  }

  return {
    tally,
    tracked,
    queue,
    submit,
    tick,
    guide: (kind: 'matter' | 'bundle', code: string) => guideOf({ subject: { kind, code } }),
    after,
    afterDays,
    setDayMs(ms: number) {
      dayMs = ms;
    },
    get dayMs() {
      return dayMs;
    },
    /** Runs every event due before `until` (ms since the epoch), moving the clock to each. */
    async runUntil(until: number) {
      for (let e = queue.peek(); e && e.at < until; e = queue.peek()) {
        queue.pop();
        clock.advanceTo(new Date(e.at));
        await e.run();
      }
    },
    /** Schedules `fn` at an instant (ms since the epoch). */
    at(instant: number, fn: () => Promise<void>) {
      queue.push(instant, fn);
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
