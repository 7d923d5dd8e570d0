/**
 * The offline cache (离线缓存): the last synced copy of every list and case the worker has seen, in
 * IndexedDB (shared/offline-cache.ts), so the app opens in a pastoral area with no signal and shows
 * things as they were at the last sync.
 */
import { type Cached, createOfflineCache } from '../shared/offline-cache.ts';

export type { Cached };

/** The worker app's cache (the shared offline cache, in its own IndexedDB database). */
export const workerCache = createOfflineCache('zhizhi-worker-cache');

/** Cache keys: one per list, one per case, its history and photos, one per area team and outline. */
export const cacheKey = {
  me: 'me',
  myGrid: 'my-grid',
  tasks: 'tasks',
  gridCases: 'grid-cases',
  notifications: 'notifications',
  caseTypes: 'case-types',
  case: (id: string) => `case:${id}`,
  history: (id: string) => `history:${id}`,
  team: (areaId: string) => `team:${areaId}`,
  /** A case's photo list, and one photo's image (a Blob). */
  photos: (caseId: string) => `photos:${caseId}`,
  photo: (photoId: string) => `photo:${photoId}`,
  /** An area with its polygon (the case map's grid outline). */
  area: (areaId: string) => `area:${areaId}`,
};

export function readCache<T>(key: string): Promise<Cached<T> | undefined> {
  return workerCache.read<T>(key);
}

export function writeCache<T>(key: string, value: T): Promise<void> {
  return workerCache.write(key, value);
}

/** Forgets everything (on sign-out: the next person on this phone sees nothing of it). */
export function clearCache(): Promise<void> {
  return workerCache.clear();
}
