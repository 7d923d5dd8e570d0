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

/** Cache keys: one per list, one per case and its history, one per area team. */
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
