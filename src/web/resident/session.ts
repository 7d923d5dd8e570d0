/**
 * Who is signed in: the token (shared/api.ts) and the person, kept on the phone so the app opens
 * offline as it was last seen.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, call, getToken, setToken } from '../shared/api.ts';
import { residentCache } from './cache.ts';

const USER_KEY = 'zhizhi.resident.user';

export interface SignedInUser {
  id: string;
  username: string;
  displayName: string;
}

function savedUser(): SignedInUser | null {
  if (!getToken()) return null;
  try {
    const raw = localStorage.getItem(USER_KEY);
    return raw ? (JSON.parse(raw) as SignedInUser) : null;
  } catch {
    return null;
  }
}

function remember(user: SignedInUser | null): void {
  if (user) localStorage.setItem(USER_KEY, JSON.stringify(user));
  else {
    localStorage.removeItem(USER_KEY);
    // The next person on this phone sees nothing of the cases cached for this one.
    void residentCache.clear();
  }
}

/** Signs in with phone (or username) and password; the server also sets the session cookie photos use. */
export async function signIn(username: string, password: string): Promise<SignedInUser> {
  const answer = await call(api.POST('/api/v1/auth/login', { body: { username, password } }));
  setToken(answer.token);
  const user = { id: answer.user.id, username: answer.user.username, displayName: answer.user.displayName };
  remember(user);
  return user;
}

/** 群众注册: phone, password, name and home location (the server finds its grid); then signs in. */
export async function signUp(input: {
  phone: string;
  password: string;
  displayName: string;
  home: { lng: number; lat: number };
}): Promise<{ user: SignedInUser; gridName: string | null }> {
  const registered = await call(api.POST('/api/v1/auth/register', { body: input }));
  const user = await signIn(input.phone, input.password);
  return { user, gridName: registered.assignments[0]?.areaName ?? null };
}

export function useSession() {
  const [user, setUser] = useState<SignedInUser | null>(savedUser);

  // Check the saved session when online: an expired token signs the person out.
  useEffect(() => {
    if (!getToken() || !navigator.onLine) return;
    call(api.GET('/api/v1/me')).then(
      (me) => {
        const fresh = { id: me.id, username: me.username, displayName: me.displayName };
        remember(fresh);
        setUser(fresh);
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) {
          setToken(null);
          remember(null);
          setUser(null);
        }
      },
    );
  }, []);

  const signedIn = useCallback((next: SignedInUser) => setUser(next), []);
  const signOut = useCallback(async () => {
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    setToken(null);
    remember(null);
    setUser(null);
  }, []);
  return { user, signedIn, signOut };
}
