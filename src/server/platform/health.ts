/**
 * `/healthz` (what is up and what is down, for people and monitoring) and `/readyz` (200 only when
 * this node can serve: the database answers; for load balancers). Both answer within a bounded time
 * even when the database hangs, and neither needs a signed-in user.
 */
import { sql } from 'kysely';
import type { DatabaseHandle } from './db/database.ts';
import { DATABASE_RETRY_AFTER_SECONDS } from './db/unavailable.ts';
import { type App, sendDatabaseUnavailable } from './http.ts';
import { PUBLIC } from './permissions.ts';

/** How long a probe waits for the database before calling it down. */
const PROBE_TIMEOUT_MS = 2_000;

/** `up`, or `down` with the reason. */
export type DependencyState = { status: 'up' } | { status: 'down'; error: string };

/** Asks the database a trivial question, within PROBE_TIMEOUT_MS. */
export async function probeDatabase(database: DatabaseHandle): Promise<DependencyState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([sql`select 1`.execute(database.db), timeout]);
    return { status: 'up' };
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return { status: 'down', error: [e.code, e.message].filter(Boolean).join(': ') || 'unknown error' };
  } finally {
    clearTimeout(timer);
  }
}

/** Registers `/healthz` and `/readyz`. */
export function registerHealthRoutes(app: App, database: DatabaseHandle): void {
  app.get('/healthz', { schema: { hide: true }, config: { permission: PUBLIC } }, async (_request, reply) => {
    const db = await probeDatabase(database);
    if (db.status === 'up')
      return { status: 'ok', database: database.dialect, dependencies: { database: db } };
    return reply
      .status(503)
      .header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
      .send({
        status: 'unavailable',
        database: database.dialect,
        down: ['database'],
        dependencies: { database: db },
      });
  });
  app.get('/readyz', { schema: { hide: true }, config: { permission: PUBLIC } }, async (_request, reply) => {
    const db = await probeDatabase(database);
    if (db.status === 'up') return { status: 'ready' };
    return sendDatabaseUnavailable(reply);
  });
}
