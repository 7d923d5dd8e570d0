/**
 * Typed jobs: a job's type, the TypeBox schema of its payload and its handler defined together
 * (`defineJob`). The payload is checked when the job is enqueued — a wrong one throws and nothing is
 * queued — and again when it runs (a stored payload from an older version fails that job only).
 * Handlers get their module's dependencies when bound to a scheduler (`bindJobs`).
 */
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { Queryable as AnyQueryable } from '../../database.ts';
import { type ClaimedJob, enqueueJob, type JobSpec } from './queue.ts';
import type { JobContext, JobHandler } from './scheduler.ts';
import type { JobsTables } from './schema.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Queryable = AnyQueryable<JobsTables>;

/** What a handler is run with besides its payload and its module's dependencies. */
export interface JobRun {
  job: ClaimedJob;
  ctx: JobContext;
}

export interface JobDefinition<S extends TSchema, D> {
  /** The job kind stored in the queue, e.g. `case.overdue`. */
  type: string;
  payload: S;
  /** Runs one job; throwing fails this job only (it is retried with back-off). */
  handle(payload: Static<S>, deps: D, run: JobRun): Promise<void>;
}

/** When and under which dedupe key to run a job, with its typed payload. */
export interface JobRequest<P> {
  runAt: string;
  dedupeKey: string;
  payload: P;
}

export interface DefinedJob<S extends TSchema, D> extends JobDefinition<S, D> {
  /** The queue entry for a checked payload (throws JobPayloadError otherwise). */
  spec(request: JobRequest<Static<S>>): JobSpec;
  /** Enqueues the job (in `q`'s transaction when it is one), its payload checked first. */
  enqueue(q: Queryable, request: JobRequest<Static<S>>): Promise<boolean>;
}

/** A job of unknown type or with a payload its schema refuses: a bug in the enqueuer. */
export class JobPayloadError extends Error {}

function checkPayload(type: string, schema: TSchema, payload: unknown): void {
  if (Value.Check(schema, payload)) return;
  const [first] = Value.Errors(schema, payload);
  throw new JobPayloadError(
    `job ${type}: ${first ? `${first.instancePath || '/'} ${first.message}` : 'invalid'}`,
  );
}

export function defineJob<S extends TSchema, D = void>(definition: JobDefinition<S, D>): DefinedJob<S, D> {
  const spec = (request: JobRequest<Static<S>>): JobSpec => {
    checkPayload(definition.type, definition.payload, request.payload);
    return { kind: definition.type, ...request };
  };
  return { ...definition, spec, enqueue: async (q, request) => enqueueJob(q, spec(request)) };
}

/** A defined job whatever its payload type (for lists of a module's jobs). */
export interface AnyJob<D> {
  type: string;
  payload: TSchema;
  handle(payload: never, deps: D, run: JobRun): Promise<void>;
}

/** The scheduler's handlers for these jobs, each checking the stored payload before it runs. */
export function bindJobs<D>(jobs: readonly AnyJob<D>[], deps: D): Record<string, JobHandler> {
  return Object.fromEntries(
    jobs.map((j): [string, JobHandler] => [
      j.type,
      async (job, ctx) => {
        checkPayload(j.type, j.payload, job.payload);
        await j.handle(job.payload as never, deps, { job, ctx });
      },
    ]),
  );
}

/** An enqueue that refuses kinds outside `jobs` and payloads their schema refuses. */
export function checkedEnqueue<Q, J extends { kind: string; payload: unknown }>(
  jobs: readonly AnyJob<never>[],
  enqueue: (q: Q, job: J) => Promise<unknown>,
): (q: Q, job: J) => Promise<unknown> {
  const byType = new Map(jobs.map((j) => [j.type, j]));
  return async (q, job) => {
    const definition = byType.get(job.kind);
    if (!definition) throw new JobPayloadError(`unknown job ${job.kind}`);
    checkPayload(job.kind, definition.payload, job.payload);
    return enqueue(q, job);
  };
}
