/**
 * Opens the database (embedded SQLite or PostgreSQL) behind one Kysely instance, with the settings
 * each needs, and hides the few differences the rest of the code must not care about.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type Migration, type SelectQueryBuilder, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { type Dialect, dialectOf } from './dialect.ts';
import { migrateToLatest } from './migrations.ts';
import { CurrentSchemaPostgresDialect } from './pg-introspector.ts';
import { refreshStatistics } from './statistics.ts';

/**
 * The platform knows no module's tables: its types take the tables as a parameter. The application's
 * whole database (`Database`, with `Db`, `Tx` and `Queryable` over it) is in src/server/database.ts.
 */
/**
 * Any tables: for code that only runs raw SQL (statistics, health, the vault's field SQL). Kysely's
 * own advice for an untyped database; an empty table map breaks its conditional types.
 */
// biome-ignore lint/suspicious/noExplicitAny: any database's tables, used only with raw SQL
export type AnyTables = any;
export type Db<Tables> = Kysely<Tables>;
export type Tx<Tables> = Transaction<Tables>;
/** Either the database or a transaction in progress: repositories accept both. */
export type Queryable<Tables> = Db<Tables> | Tx<Tables>;

export interface DatabaseHandle<Tables = AnyTables> {
  db: Db<Tables>;
  dialect: Dialect;
  /** The SQLite file (for backups), undefined on PostgreSQL. */
  sqliteFile?: string;
  /** The raw better-sqlite3 connection, for online backups. */
  sqlite?: SQLite.Database;
  /**
   * Tells the listener (the app's logger) of each PostgreSQL connection lost outside a query, e.g.
   * when the server restarts; the connection is dropped and a new one opened on next use. Until a
   * listener is set, they are written to stderr.
   */
  onConnectionError(listener: (error: Error) => void): void;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… or a path to an SQLite file (':memory:' for tests). */
  url: string;
  /** PostgreSQL schema to use (tests isolate themselves in their own schema). */
  schema?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /** PostgreSQL `application_name` (default `zhizhi`), to find this node's sessions in pg_stat_activity. */
  applicationName?: string;
}

/** How long a request waits for a new PostgreSQL connection before it is answered 503. */
const CONNECT_TIMEOUT_MS = 5_000;

let pgParsersInstalled = false;
/** Make PostgreSQL return what SQLite returns: ISO strings for timestamps, numbers for bigint counts. */
function installPgTypeParsers(): void {
  if (pgParsersInstalled) return;
  pgParsersInstalled = true;
  const toIso = (v: string) => new Date(v).toISOString();
  pg.types.setTypeParser(1184, toIso); // timestamptz
  pg.types.setTypeParser(1114, (v: string) => new Date(`${v}Z`).toISOString()); // timestamp
  pg.types.setTypeParser(20, Number); // int8 (count(*), bigint seq)
  pg.types.setTypeParser(1700, Number); // numeric
}

/** Opens (and for SQLite creates) the database. It does not migrate; see `openMigrated`. */
export function openDatabase<Tables>(options: OpenOptions): DatabaseHandle<Tables> {
  const dialect = dialectOf(options.url);
  if (dialect === 'postgres') {
    installPgTypeParsers();
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? 'zhizhi',
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const connectionLost = connectionErrorReporter();
    // A restart of PostgreSQL ends every session (57P01). pg-pool drops an idle client that errors
    // and re-emits the error on the pool; a checked-out client between queries emits it on itself.
    // Unheard, either 'error' event would end the process: report it, and let the pool reconnect.
    pool.on('error', connectionLost.report);
    pool.on('connect', (client) => client.on('error', connectionLost.report));
    const db = new Kysely<Tables>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
    return { db, dialect, onConnectionError: connectionLost.listen, close: () => db.destroy() };
  }
  const file = options.url.replace(/^sqlite:(\/\/)?/i, '');
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // Created owner-only like the key file; SQLite gives its -wal and -shm files the same mode.
    if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
  }
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // Deleted and overwritten rows are zeroed, so no personal data lingers in free pages.
  sqlite.pragma('secure_delete = ON');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  // SQLite is in-process: there is no connection to lose.
  return { db, dialect, sqliteFile: file, sqlite, onConnectionError() {}, close: () => db.destroy() };
}

/** Reports lost connections to one listener, stderr until one is set; the same error only once. */
function connectionErrorReporter() {
  let listener: ((error: Error) => void) | undefined;
  const seen = new WeakSet<Error>();
  return {
    report(error: Error) {
      if (seen.has(error)) return;
      seen.add(error);
      if (listener) listener(error);
      else
        console.warn(
          `database connection lost (${(error as { code?: string }).code ?? error.message}); reconnecting on next use`,
        );
    },
    listen(next: (error: Error) => void) {
      listener = next;
    },
  };
}

/** Prepared statements kept per SQL text; Kysely's SQLite driver would prepare every query anew. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Kysely sees it, but reusing prepared statements: preparing costs about as much
 * as running a small statement (bench/README.md). A statement still iterating is never handed out twice.
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string): SQLite.Statement => {
    const hit = cache.get(source);
    if (hit && !hit.busy) return hit;
    const statement = sqlite.prepare(source);
    if (!hit) {
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
      cache.set(source, statement);
    }
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Opens the database, brings its schema up to date, and (SQLite) gives the planner statistics. */
export async function openMigrated<Tables>(
  options: OpenOptions,
  migrationsFor: (dialect: Dialect) => Record<string, Migration>,
): Promise<DatabaseHandle<Tables>> {
  const handle = openDatabase<Tables>(options);
  await migrateToLatest(
    handle.db as unknown as Kysely<unknown>,
    migrationsFor(handle.dialect),
    options.schema,
  );
  await refreshStatistics(handle, 'optimize');
  return handle;
}

/** `SELECT … FOR UPDATE` on PostgreSQL; SQLite has one writer and no row locks, so nothing there. */
export function forUpdate<DB, TB extends keyof DB, O>(
  dialect: Dialect,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? query.forUpdate() : query;
}
