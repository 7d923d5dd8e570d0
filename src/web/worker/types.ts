/**
 * The shapes the worker app reads from the API, named from the generated types; the case JSON,
 * which the OpenAPI schema types only loosely, through the one shared adapter (shared/case-view.ts).
 */
import type { components, paths } from '../shared/api-types.ts';
import type { CaseView } from '../shared/case-view.ts';

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

/** A case for its page: the apps' one view of the case JSON (shared/case-view.ts). */
export type WorkerCase = CaseView;
export type CaseParty = CaseView['parties'][number];

/** One entry of a case's history (GET /cases/{id}/history). */
export type HistoryEntry = Ok<'/api/v1/cases/{id}/history'>[number];

export type Notification = Ok<'/api/v1/notifications'>[number];
export type TeamMember = Ok<'/api/v1/areas/{id}/team'>[number];
export type CasePhoto = components['schemas']['Photo'];
export type Me = components['schemas']['Me'];
export type CaseType = components['schemas']['CaseType'];
export type AreaDetail = components['schemas']['AreaDetail'];
