/**
 * The offline cache (离线缓存) the phone apps share: the last synced copy of what a person has seen,
 * in IndexedDB through Dexie — one table of keyed JSON entries, each stamped with when it was saved —
 * so an app opened with no signal shows things as they were at the last sync. Each app has its own
 * database (its own name), cleared when its person signs out.
 */
import Dexie, { type EntityTable } from 'dexie';

interface CacheEntry {
  key: string;
  value: unknown;
  savedAt: string;
}

/** A cached value and when it was synced. */
export interface Cached<T> {
  value: T;
  savedAt: string;
}

/** One app's offline cache. */
export interface OfflineCache {
  read<T>(key: string): Promise<Cached<T> | undefined>;
  write<T>(key: string, value: T): Promise<void>;
  /** Forgets everything (on sign-out: the next person on this phone sees nothing of it). */
  clear(): Promise<void>;
}

/** The cache kept in the IndexedDB database `name`. */
export function createOfflineCache(name: string): OfflineCache {
  const db = new Dexie(name) as Dexie & { entries: EntityTable<CacheEntry, 'key'> };
  db.version(1).stores({ entries: 'key' });
  return {
    async read<T>(key: string) {
      const entry = await db.entries.get(key);
      return entry ? { value: entry.value as T, savedAt: entry.savedAt } : undefined;
    },
    async write<T>(key: string, value: T) {
      await db.entries.put({ key, value, savedAt: new Date().toISOString() });
    },
    async clear() {
      await db.entries.clear();
    },
  };
}
