/** Cases as queries: lists, one case, its history, photos and ledger verification; notifications. */
import { api, call } from '../api.ts';
import type { components, paths } from '../api-types.ts';
import { type Remote, useApiQuery } from '../query.tsx';
import { queryKeys } from '../query-keys.ts';

export type CaseListQuery = NonNullable<paths['/api/v1/cases']['get']['parameters']['query']>;
type CaseList = paths['/api/v1/cases']['get']['responses'][200]['content']['application/json'];

/** One page of the cases the person may see. */
export function useCases(query: CaseListQuery): Remote<CaseList> {
  return useApiQuery(queryKeys.caseList(query), () => call(api.GET('/api/v1/cases', { params: { query } })));
}

export function useCase(id: string): Remote<components['schemas']['Case']> {
  return useApiQuery(queryKeys.case(id), () =>
    call(api.GET('/api/v1/cases/{id}', { params: { path: { id } } })),
  );
}

export function useCaseHistory(id: string) {
  return useApiQuery(queryKeys.caseHistory(id), () =>
    call(api.GET('/api/v1/cases/{id}/history', { params: { path: { id } } })),
  );
}

export function useCasePhotos(id: string) {
  return useApiQuery(queryKeys.casePhotos(id), () =>
    call(api.GET('/api/v1/cases/{id}/photos', { params: { path: { id } } })),
  );
}

/** Whether the case's ledger entries verify (the tamper-evident history). */
export function useCaseVerification(id: string) {
  return useApiQuery(queryKeys.caseVerification(id), () =>
    call(api.GET('/api/v1/cases/{id}/verification', { params: { path: { id } } })),
  );
}

function loadNotifications() {
  return call(api.GET('/api/v1/notifications', { params: { query: { limit: 100 } } }));
}

export type Notification = Awaited<ReturnType<typeof loadNotifications>>[number];

/** The reminders, supervision orders and alerts addressed to the signed-in person. */
export function useNotifications(): Remote<Notification[]> {
  return useApiQuery(queryKeys.notifications, loadNotifications);
}

/**
 * `POST /api/v1/cases/{id}/actions/{action}` for an action chosen at run time, with an
 * Idempotency-Key so a repeated click takes effect once. The one loosely typed call of the apps:
 * each action has its own path and body schema, and the dialog builds the body from its fields.
 */
export function postAction(
  caseId: string,
  action: string,
  body: Record<string, unknown>,
  idempotencyKey: string,
): Promise<components['schemas']['Case']> {
  const path = `/api/v1/cases/{id}/actions/${action}` as '/api/v1/cases/{id}/actions/accept';
  return call(
    api.POST(path, {
      params: { path: { id: caseId } },
      body: body as NonNullable<paths[typeof path]['post']['requestBody']>['content']['application/json'],
      headers: { 'idempotency-key': idempotencyKey },
    }),
  );
}
