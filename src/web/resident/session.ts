/**
 * Who is signed in: the person, kept on the phone so the app opens offline as it was last seen.
 * The session itself is the server's httpOnly cookie (shared/api.ts).
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, call, markSignedIn, seemsSignedIn } from '../shared/api.ts';
import { residentCache } from './cache.ts';

const USER_KEY = 'zhizhi.resident.user';

export interface SignedInUser {
  id: string;
  username: string;
  displayName: string;
}

function savedUser(): SignedInUser | null {
  if (!seemsSignedIn()) return null;
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

/** Signs in with phone (or username) and password; the server sets the session cookie. */
export async function signIn(username: string, password: string): Promise<SignedInUser> {
  const answer = await call(api.POST('/api/v1/auth/login', { body: { username, password } }));
  markSignedIn(true);
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
    if (!seemsSignedIn() || !navigator.onLine) return;
    call(api.GET('/api/v1/me')).then(
      (me) => {
        const fresh = { id: me.id, username: me.username, displayName: me.displayName };
        remember(fresh);
        setUser(fresh);
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) {
          markSignedIn(false);
          remember(null);
          setUser(null);
        }
      },
    );
  }, []);

  const signedIn = useCallback((next: SignedInUser) => setUser(next), []);
  const signOut = useCallback(async () => {
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    markSignedIn(false);
    remember(null);
    setUser(null);
  }, []);
  return { user, signedIn, signOut };
}
