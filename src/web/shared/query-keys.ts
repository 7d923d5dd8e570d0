/**
 * Every query key of the web apps, in one place. Keys nest: refreshing a prefix (e.g.
 * `queryKeys.case(id)`) refreshes everything under it (the case's history, photos, verification).
 */
export const queryKeys = {
  me: ['me'] as const,
  /** Everything about cases: lists, searches and single cases. */
  cases: ['cases'] as const,
  caseList: (query: unknown) => ['cases', 'list', query] as const,
  case: (id: string) => ['cases', 'one', id] as const,
  caseHistory: (id: string) => ['cases', 'one', id, 'history'] as const,
  casePhotos: (id: string) => ['cases', 'one', id, 'photos'] as const,
  caseVerification: (id: string) => ['cases', 'one', id, 'verification'] as const,
  notifications: ['notifications'] as const,
  /** The catalogue: case types (`all` with inactive ones), departments, routing. */
  caseTypes: (all = false) => ['case-types', all] as const,
  allCaseTypes: ['case-types'] as const,
  departments: ['departments'] as const,
  routingRules: ['routing-rules'] as const,
  deadlineRules: ['deadline-rules'] as const,
  calendar: (year?: number) => (year === undefined ? (['calendar'] as const) : (['calendar', year] as const)),
  /** The area tree: an area, its children, its team, the roots a viewer sees, the checks. */
  areas: ['areas'] as const,
  area: (id: string) => ['areas', 'one', id] as const,
  areaChildren: (id: string, withPolygon = false) => ['areas', 'children', id, withPolygon] as const,
  areaTeam: (id: string) => ['areas', 'team', id] as const,
  areaChecks: ['areas', 'checks'] as const,
  users: ['users'] as const,
  userList: (query: unknown) => ['users', 'list', query] as const,
  user: (id: string) => ['users', 'one', id] as const,
  /** The phone apps' read-through resources (离线缓存), by their offline-cache key. */
  offline: (cacheKey: string) => ['offline', cacheKey] as const,
};
