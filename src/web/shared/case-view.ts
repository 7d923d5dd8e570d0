/**
 * The case JSON of `GET /api/v1/cases/{id}` and of every case action (server: cases/presenter.ts)
 * with the fields the case pages show. The OpenAPI schema names only a few of them, so this is the
 * apps' one narrow typed adapter over it (`caseViewOf`): console and worker read cases through it.
 */
import type { components } from './api-types.ts';

export interface NamedRef {
  id: string;
  name: string | null;
}

export interface AreaRef {
  id: string;
  code: string;
  kind: string;
  /** Mongolian where on record. */
  name: { zh: string; en: string; mn?: string | null };
}

export interface CaseView {
  id: string;
  caseNo: string;
  title: string;
  description: string;
  caseType: string | null;
  status: string;
  level: number;
  levelName: { zh: string; en: string };
  step: string | null;
  stepDueAt: string | null;
  light: 'green' | 'yellow' | 'red' | null;
  supervised: boolean;
  overdue: boolean;
  difficulty: string | null;
  source: string;
  grid: AreaRef | null;
  /** Where the case is (WGS-84), if a point was given. */
  location: { lng: number; lat: number } | null;
  handlingArea: AreaRef | null;
  anonymous: boolean;
  reporter: NamedRef | null;
  contactPhone: string | null;
  dispatcher: NamedRef | null;
  result: string | null;
  /** The resident's verdict on the handling (满意度), once given. */
  satisfaction: string | null;
  createdAt: string;
  parties: {
    kind: string;
    level: number;
    active: boolean;
    user: NamedRef | null;
    department: { id: string; name: { zh: string; en: string } | null } | null;
  }[];
  requests: {
    id: string;
    kind: string;
    status: string;
    reason: string | null;
    hours: number | null;
    requestedBy: NamedRef;
    createdAt: string;
  }[];
  supervisionOrders: { id: string; reason: string; dueAt: string; status: string; createdAt: string }[];
  viewerRole: string;
  allowedActions: string[];
}

/** The case as the page reads it (the server's presenter always sends these fields). */
export function caseViewOf(data: components['schemas']['Case']): CaseView {
  return data as unknown as CaseView;
}

/** Names of the people the case mentions, by user id (for the timeline's "who"). */
export function peopleOf(c: CaseView): Map<string, string> {
  const names = new Map<string, string>();
  const add = (ref: NamedRef | null) => {
    if (ref?.name) names.set(ref.id, ref.name);
  };
  add(c.reporter);
  add(c.dispatcher);
  for (const p of c.parties) add(p.user);
  for (const r of c.requests) add(r.requestedBy);
  return names;
}
