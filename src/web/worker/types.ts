/**
 * The shapes the worker app reads from the API. The generated client types the case JSON only
 * loosely (`additionalProperties`), so the fields this app shows are spelled out here, mirroring
 * src/server/modules/cases/presenter.ts.
 */
import type { components, paths } from '../shared/api-types.ts';

/** The JSON a GET route answers with 200. */
type Ok<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer T } } } };
}
  ? T
  : never;

export type Light = 'green' | 'yellow' | 'red';
/** A name as the case JSON carries it; `mn` only where one is given (areas, departments). */
export type Names = { zh: string; en: string; mn?: string | null };

/** A case in a list (presentCaseSummary). */
export type CaseSummary = components['schemas']['CaseSummary'] & {
  gridId?: string;
  handlingAreaId?: string;
};

/** One party of a case: a handler, a joint handler or a collaborator. */
export interface CaseParty {
  kind: 'handler' | 'joint' | 'collaborator';
  level: number;
  active: boolean;
  user: { id: string; name: string | null } | null;
  department: { id: string; name: Names | null } | null;
}

/** A case for its page (presentCase). */
export interface WorkerCase {
  id: string;
  caseNo: string;
  title: string;
  caseType: string | null;
  status: string;
  level: number;
  levelName: Names;
  description: string;
  step: string | null;
  stepDueAt: string | null;
  light: Light | null;
  supervised: boolean;
  overdue: boolean;
  createdAt: string;
  grid: { id: string; code: string; name: Names } | null;
  /** Where the case is (WGS-84). */
  location: { lng: number | null; lat: number | null } | null;
  handlingArea: { id: string; code: string; name: Names } | null;
  reporter: { id: string; name: string | null } | null;
  contactPhone: string | null;
  result: string | null;
  parties: CaseParty[];
  supervisionOrders: { id: string; reason: string; dueAt: string; status: string }[];
  allowedActions: string[];
}

/** One entry of a case's history (GET /cases/{id}/history). */
export interface HistoryEntry {
  seq: number;
  id: string;
  type: string;
  actorRole: string | null;
  at: string;
  payload: unknown;
}

export type Notification = Ok<'/api/v1/notifications'>[number];
export type TeamMember = Ok<'/api/v1/areas/{id}/team'>[number];
export type CasePhoto = components['schemas']['Photo'];
export type Me = components['schemas']['Me'];
export type CaseType = components['schemas']['CaseType'];
export type AreaDetail = components['schemas']['AreaDetail'];
