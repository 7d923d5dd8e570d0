/**
 * Writes go through the outbox (待发送): every action and report is stored on the phone first with an
 * Idempotency-Key and sent in order when there is signal, so nothing is lost and nothing is
 * duplicated. When the server answers an action with the changed case, the cached copy is replaced.
 */
import { useEffect, useState } from 'react';
import type { ActionName } from '../shared/codes.ts';
import {
  createOutbox,
  NEW_CASE,
  type OutboxItem,
  type QueuedBody,
  type QueuedParams,
  type QueuedPath,
} from '../shared/outbox.ts';
import { queryKeys } from '../shared/query-keys.ts';
import { useRefreshAfterSending } from '../shared/refresh-after-sending.ts';
import { cacheKey, writeCache } from './cache.ts';
import type { WorkerCase } from './types.ts';

/** The worker app's outbox (kept apart from the resident app's). */
export const outbox = createOutbox('worker');

type ActionPath = Extract<QueuedPath, `/api/v1/cases/{id}/actions/${string}`>;

/**
 * The outbox request of `action` on a case. The fields the worker filled in make its body; the
 * server checks it against the action's schema (a refusal is shown on the outbox item).
 */
export function actionRequest(
  caseId: string,
  action: ActionName,
  body: Record<string, unknown>,
): { path: ActionPath; params: QueuedParams; body: QueuedBody<ActionPath> } {
  return {
    path: `/api/v1/cases/{id}/actions/${action}` as ActionPath,
    params: { path: { id: caseId } },
    body: body as QueuedBody<ActionPath>,
  };
}

/** The case an outbox item acts on or adds a photo to, or undefined for a new report (and its photos). */
export function caseIdOf(item: OutboxItem): string | undefined {
  const id = item.params.path?.id;
  return id === NEW_CASE ? undefined : id;
}

/** The action an outbox item performs (`report` for a new case). */
export function actionOf(item: OutboxItem): string {
  return /\/actions\/(\w+)$/.exec(item.path)?.[1] ?? 'report';
}

const seenSent = new Set<string>();
outbox.subscribe((items) => {
  for (const item of items) {
    if (item.status !== 'sent' || seenSent.has(item.id)) continue;
    seenSent.add(item.id);
    const changed = item.response as WorkerCase | undefined;
    if (changed?.id && Array.isArray(changed.allowedActions))
      void writeCache(cacheKey.case(changed.id), changed);
  }
});

/** What a sent (or refused) item may have changed: my lists, reminders, and the case it acts on. */
function changedBy(item: OutboxItem) {
  const caseId = caseIdOf(item);
  const lists = [cacheKey.tasks, cacheKey.gridCases, cacheKey.notifications];
  const ofCase = caseId ? [cacheKey.case(caseId), cacheKey.history(caseId), cacheKey.photos(caseId)] : [];
  return [...lists, ...ofCase].map(queryKeys.offline);
}

const FINISHED = ['sent', 'refused'] as const;

/** Loads again what the outbox changed, each time it finishes sending an item (the app calls it once). */
export function useRefreshAfterOutbox(): void {
  useRefreshAfterSending(outbox, FINISHED, changedBy);
}

/** Every outbox item, oldest first, kept current. */
export function useOutboxItems(): OutboxItem[] {
  const [items, setItems] = useState<OutboxItem[]>([]);
  useEffect(() => outbox.subscribe(setItems), []);
  return items;
}

/** Whether the phone believes it has a network connection (re-exported for the worker's screens). */
export { useOnline } from '../shared/online.ts';
