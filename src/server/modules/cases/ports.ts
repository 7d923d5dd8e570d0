/**
 * What the case module needs from other modules, as narrow ports (wired in services.ts), so the
 * loop's rules do not depend on how areas, deadlines, routing, jobs or the ledger are built.
 */
import type { Queryable, Tx } from '../../database.ts';
import type { Dialect } from '../../platform/db/dialect.ts';
import type { WorkingTime } from '../deadlines/rules.ts';
import type { CaseEventType } from './events.ts';

export interface CaseAreaPort {
  /** The grid containing the point, or undefined outside every grid. */
  gridOf(
    lng: number,
    lat: number,
    crs: 'wgs84' | 'gcj02',
  ): Promise<{ gridId: string; gridPath: string } | undefined>;
}

export type { TrafficLight } from '../deadlines/calendar.ts';
export type { WorkingTime } from '../deadlines/rules.ts';

export interface DeadlinePort {
  current(): Promise<WorkingTime>;
}

/** Level-4 routing (分流分调): department ids for a case type at a grid. */
export type RoutingPort = (q: Queryable, caseType: string, gridPath: string) => Promise<string[]>;

export interface NewJob {
  kind: string;
  runAt: string;
  dedupeKey: string;
  payload: unknown;
}
export type EnqueuePort = (q: Queryable, job: NewJob) => Promise<unknown>;

export interface NewEvent {
  caseId: string;
  type: CaseEventType;
  actorId: string | null;
  actorRole: string | null;
  at: string;
  payload: Record<string, unknown>;
}
export type AppendEventsPort = (tx: Tx, dialect: Dialect, events: NewEvent[]) => Promise<unknown>;
