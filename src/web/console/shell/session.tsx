/**
 * Who is signed in: the person (`GET /api/v1/me`), the names of the areas and departments their
 * roles are scoped to, and signing in and out.
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { ApiError, api, call, markSignedIn, seemsSignedIn } from '../../shared/api.ts';
import type { components } from '../../shared/api-types.ts';

export type Me = components['schemas']['Me'];
export type Area = components['schemas']['Area'];
export type Department = components['schemas']['Department'];

/** The signed-in person with the names behind their assignments. */
export interface Session {
  me: Me;
  /** Areas of the person's assignments, by id. */
  areas: Map<string, Area>;
  departments: Map<string, Department>;
  roles: string[];
}

interface SessionState {
  session: Session | undefined;
  /** True until the saved token has been checked. */
  checking: boolean;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

async function loadSession(): Promise<Session> {
  const me = await call(api.GET('/api/v1/me'));
  const areaIds = [...new Set(me.assignments.map((a) => a.areaId).filter((x): x is string => x !== null))];
  const [areas, departments] = await Promise.all([
    Promise.all(areaIds.map((id) => call(api.GET('/api/v1/areas/{id}', { params: { path: { id } } })))),
    call(api.GET('/api/v1/departments')),
  ]);
  return {
    me,
    areas: new Map(areas.map((a) => [a.id, a])),
    departments: new Map(departments.map((d) => [d.id, d])),
    roles: [...new Set(me.assignments.map((a) => a.role))],
  };
}

/** Holds the session for the whole console. */
export function SessionProvider(props: { children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>();
  const [checking, setChecking] = useState(seemsSignedIn);
  const queries = useQueryClient();

  useEffect(() => {
    if (!seemsSignedIn()) return;
    loadSession().then(setSession, (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) markSignedIn(false);
      setChecking(false);
    });
  }, []);
  useEffect(() => {
    if (session) setChecking(false);
  }, [session]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      await call(api.POST('/api/v1/auth/login', { body: { username, password } }));
      markSignedIn(true);
      // Nothing loaded for the person before may show to this one.
      queries.clear();
      setSession(await loadSession());
    },
    [queries],
  );
  const signOut = useCallback(async () => {
    try {
      await call(api.POST('/api/v1/auth/logout'));
    } finally {
      markSignedIn(false);
      setSession(undefined);
      queries.clear();
    }
  }, [queries]);

  return (
    <SessionContext.Provider value={{ session, checking, signIn, signOut }}>
      {props.children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in session; only for screens shown after sign-in. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn before sign-in');
  return session;
}
