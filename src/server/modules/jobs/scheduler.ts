/**
 * The scheduler: claims due jobs from the durable queue and runs each with the handler registered
 * for its kind. Any number of processes may run one against PostgreSQL; against SQLite, one.
 * Time comes from the clock port, so tests move a ManualClock and call `runOnce()`.
 */

import type { DatabaseHandle, Db } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Dialect } from '../../platform/db/dialect.ts';
import { type ClaimedJob, claimDueJobs, completeJob, failJob } from './queue.ts';

/** What a handler gets besides its job. */
export interface JobContext {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  /** When the run started, by the clock. */
  now: Date;
}

/** Runs one job. Throwing fails this job only (it is retried with back-off). */
export type JobHandler = (job: ClaimedJob, ctx: JobContext) => Promise<void>;

/** The part of a pino / Fastify logger the scheduler uses. */
export interface SchedulerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SchedulerOptions {
  handle: DatabaseHandle;
  clock: Clock;
  handlers: Readonly<Record<string, JobHandler>>;
  /** Pause between runs when started. */
  intervalMs: number;
  logger?: SchedulerLogger;
  /** Jobs claimed at a time (default 20). */
  batchSize?: number;
  /** How long a claim lasts before another worker may take the job over (default 5 min). */
  leaseMs?: number;
  /** Upper bound on batches in one `runOnce` (default 50), so one run always ends. */
  maxBatches?: number;
}

export interface Scheduler {
  /** Runs due jobs until none is left (or the batch bound is reached); returns how many ran. */
  runOnce(): Promise<number>;
  /** Runs `runOnce` now and then every `intervalMs` until stopped. */
  start(): void;
  /** Stops the timer and waits for the run in progress to finish. */
  stop(): Promise<void>;
}

const silent: SchedulerLogger = { info() {}, warn() {}, error() {} };

/** Creates a scheduler; nothing runs until `runOnce()` or `start()`. */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { handle, clock, handlers, intervalMs } = options;
  const logger = options.logger ?? silent;
  const batchSize = options.batchSize ?? 20;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const maxBatches = options.maxBatches ?? 50;
  const inFlight = new Set<Promise<number>>();
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let starts = 0;

  async function runJob(job: ClaimedJob): Promise<void> {
    const handler = Object.hasOwn(handlers, job.kind) ? handlers[job.kind] : undefined;
    try {
      if (!handler) throw new Error(`unknown job kind "${job.kind}": no handler is registered for it`);
      await handler(job, { db: handle.db, dialect: handle.dialect, clock, now: clock.now() });
    } catch (error) {
      const outcome = await failJob(handle.db, job, error, clock.now());
      logger.error(
        { err: error, jobId: job.id, kind: job.kind, attempt: job.attempts + 1, outcome },
        'job failed',
      );
      return;
    }
    if (!(await completeJob(handle.db, job))) {
      logger.warn({ jobId: job.id, kind: job.kind }, 'job finished after its lease passed to another worker');
    }
  }

  async function drain(): Promise<number> {
    let ran = 0;
    for (let batch = 0; batch < maxBatches; batch++) {
      const jobs = await claimDueJobs(handle, clock.now(), batchSize, leaseMs);
      for (const job of jobs) {
        await runJob(job);
        ran++;
      }
      if (jobs.length === 0) break;
    }
    return ran;
  }

  function runOnce(): Promise<number> {
    const run = drain();
    inFlight.add(run);
    const forget = () => inFlight.delete(run);
    run.then(forget, forget);
    return run;
  }

  function schedule(delay: number, generation: number): void {
    timer = setTimeout(async () => {
      try {
        const ran = await runOnce();
        if (ran > 0) logger.info({ ran }, 'scheduled jobs ran');
      } catch (error) {
        logger.error({ err: error }, 'scheduler run failed');
      }
      // A stop (and maybe a new start) during the run: this loop ends here.
      if (started && generation === starts) schedule(intervalMs, generation);
    }, delay);
    // The scheduler alone must not keep a process (a CLI command, a test) alive.
    timer.unref();
  }

  return {
    runOnce,
    start() {
      if (started) return;
      started = true;
      starts++;
      schedule(0, starts);
    },
    async stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await Promise.allSettled([...inFlight]);
    },
  };
}
