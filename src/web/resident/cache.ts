/**
 * The resident app's offline cache (shared/offline-cache.ts): my cases and each case page as last
 * synced, so 我的事项 and a case's timeline open with no signal.
 */
import { createOfflineCache } from '../shared/offline-cache.ts';

/** The resident app's cache, in its own IndexedDB database; cleared on sign-out. */
export const residentCache = createOfflineCache('zhizhi-resident-cache');

/** Cache keys: the list of my cases, and one per case page (the case, its history and photos). */
export const cacheKey = {
  myCases: 'my-cases',
  casePage: (id: string) => `case-page:${id}`,
};
