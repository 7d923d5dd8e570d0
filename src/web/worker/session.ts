/**
 * Who is signed in on this phone. The person (with their roles) is kept so the app opens offline
 * already signed in; the session itself is the server's httpOnly cookie. Signing out forgets the
 * person and the offline cache.
 */
import { api, call, markSignedIn, seemsSignedIn } from '../shared/api.ts';
import { clearCache } from './cache.ts';
import type { Me } from './types.ts';

const ME_KEY = 'zhizhi.worker.me';

/** Roles of the grid team (网格团队) whose area is "my grid" for the Today screen. */
const GRID_TEAM_ROLES = [
  'grid_worker',
  'part_time_worker',
  'grid_chief',
  'grid_guide',
  'grid_manager',
  'grid_inspector',
  'police_officer',
];

/** The signed-in person as last seen, while this browser is signed in. */
export function storedMe(): Me | null {
  if (!seemsSignedIn()) return null;
  const raw = localStorage.getItem(ME_KEY);
  return raw ? (JSON.parse(raw) as Me) : null;
}

export function storeMe(me: Me): void {
  localStorage.setItem(ME_KEY, JSON.stringify(me));
}

export async function signIn(username: string, password: string): Promise<Me> {
  const answer = await call(api.POST('/api/v1/auth/login', { body: { username, password } }));
  markSignedIn(true);
  storeMe(answer.user);
  return answer.user;
}

export async function signOut(): Promise<void> {
  await api.POST('/api/v1/auth/logout').catch(() => undefined);
  markSignedIn(false);
  localStorage.removeItem(ME_KEY);
  await clearCache();
}

/** The area of my grid-team role (the first such assignment), if any. */
export function myGridId(me: Me): string | undefined {
  const role = me.assignments.find((a) => a.areaId && GRID_TEAM_ROLES.includes(a.role));
  return (role ?? me.assignments.find((a) => a.areaId))?.areaId ?? undefined;
}
