import type { Kysely } from 'kysely';
import type { Clock } from '../clock/index.js';
import type { Dialect } from '../db/index.js';
import type { Logger } from '../logging/index.js';

/** The table of periodic jobs: when each runs next, so several nodes run each one only once. */
export interface ScheduledJobsTable {
  name: string;
  next_run_at: string;
  last_run_at: string | null;
  last_error: string | null;
  locked_by: string | null;
}

/** The platform's job tables. */
export interface JobTables {
  scheduled_jobs: ScheduledJobsTable;
}

/** A periodic job: a name, how often, and the work. */
export interface PeriodicJob {
  name: string;
  everyMs: number;
  run(): Promise<void>;
}

/**
 * Runs periodic jobs in-process. Each run is claimed first: on PostgreSQL by locking the
 * job's row with `FOR UPDATE SKIP LOCKED` (another node holding it skips), then moving its
 * next run time on; on SQLite (one process) by the same update. So however many nodes run,
 * each job runs once per period.
 */
export function createJobRunner<DB extends JobTables>(deps: {
  db: Kysely<DB>;
  dialect: Dialect;
  clock: Clock;
  logger: Logger;
  node: string;
}) {
  const db = deps.db as unknown as Kysely<JobTables>;
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<string>();

  async function claim(job: PeriodicJob): Promise<boolean> {
    const now = deps.clock.now();
    const next = new Date(now.getTime() + job.everyMs).toISOString();
    return db.transaction().execute(async (trx) => {
      await trx
        .insertInto('scheduled_jobs')
        .values({
          name: job.name,
          next_run_at: now.toISOString(),
          last_run_at: null,
          last_error: null,
          locked_by: null,
        })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      let q = trx
        .selectFrom('scheduled_jobs')
        .select(['name', 'next_run_at'])
        .where('name', '=', job.name)
        .where('next_run_at', '<=', now.toISOString());
      if (deps.dialect === 'postgres') q = q.forUpdate().skipLocked();
      const row = await q.executeTakeFirst();
      if (!row) return false;
      await trx
        .updateTable('scheduled_jobs')
        .set({ next_run_at: next, locked_by: deps.node })
        .where('name', '=', job.name)
        .execute();
      return true;
    });
  }

  /** Claims and runs one job now if it is due; returns whether this node ran it. */
  async function runIfDue(job: PeriodicJob): Promise<boolean> {
    if (running.has(job.name)) return false;
    running.add(job.name);
    try {
      if (!(await claim(job))) return false;
      let error: string | null = null;
      try {
        await job.run();
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
        deps.logger.error({ err: e, job: job.name }, 'job failed');
      }
      await db
        .updateTable('scheduled_jobs')
        .set({ last_run_at: deps.clock.now().toISOString(), last_error: error })
        .where('name', '=', job.name)
        .execute();
      return true;
    } finally {
      running.delete(job.name);
    }
  }

  return {
    runIfDue,
    /** Starts polling every job on its period (timers do not keep the process alive). */
    start(jobs: PeriodicJob[]): void {
      for (const job of jobs) {
        const timer = setInterval(
          () =>
            void runIfDue(job).catch((e: unknown) =>
              deps.logger.error({ err: e, job: job.name }, 'job claim failed'),
            ),
          Math.min(job.everyMs, 5_000),
        );
        timer.unref();
        timers.push(timer);
      }
    },
    stop(): void {
      for (const t of timers) clearInterval(t);
      timers.length = 0;
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
