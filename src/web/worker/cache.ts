/**
 * The offline cache (离线缓存): the last synced copy of every list and case the worker has seen, in
 * IndexedDB through Dexie, so the app opens in a pastoral area with no signal and shows things as
 * they were at the last sync. One table of keyed JSON entries, each stamped with when it was saved.
 */
import Dexie, { type EntityTable } from 'dexie';

interface CacheEntry {
  key: string;
  value: unknown;
  savedAt: string;
}

class WorkerCacheDb extends Dexie {
  entries!: EntityTable<CacheEntry, 'key'>;
  constructor() {
    super('zhizhi-worker-cache');
    this.version(1).stores({ entries: 'key' });
  }
}

const db = new WorkerCacheDb();

/** A cached value and when it was synced. */
export interface Cached<T> {
  value: T;
  savedAt: string;
}

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

export async function readCache<T>(key: string): Promise<Cached<T> | undefined> {
  const entry = await db.entries.get(key);
  return entry ? { value: entry.value as T, savedAt: entry.savedAt } : undefined;
}

export async function writeCache<T>(key: string, value: T): Promise<void> {
  await db.entries.put({ key, value, savedAt: new Date().toISOString() });
}

/** Forgets everything (on sign-out: the next person on this phone sees nothing of it). */
export async function clearCache(): Promise<void> {
  await db.entries.clear();
}
