/**
 * Opens the database (embedded SQLite or PostgreSQL) behind one Kysely instance, with the settings
 * each needs, and hides the few differences the rest of the code must not care about.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SelectQueryBuilder, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { type Dialect, dialectOf } from './dialect.ts';
import { migrateToLatest } from './migrations.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or a transaction in progress: repositories accept both. */
export type Queryable = Db | Tx;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** The SQLite file (for backups), undefined on PostgreSQL. */
  sqliteFile?: string;
  /** The raw better-sqlite3 connection, for online backups. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… or a path to an SQLite file (':memory:' for tests). */
  url: string;
  /** PostgreSQL schema to use (tests isolate themselves in their own schema). */
  schema?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

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
export function openDatabase(options: OpenOptions): DatabaseHandle {
  const dialect = dialectOf(options.url);
  if (dialect === 'postgres') {
    installPgTypeParsers();
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect, close: () => db.destroy() };
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect, sqliteFile: file, sqlite, close: () => db.destroy() };
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

/** Opens the database and brings its schema up to date. */
export async function openMigrated(options: OpenOptions): Promise<DatabaseHandle> {
  const handle = openDatabase(options);
  await migrateToLatest(handle.db as unknown as Kysely<unknown>, handle.dialect, options.schema);
  return handle;
}

/** `SELECT … FOR UPDATE` on PostgreSQL; SQLite has one writer and no row locks, so nothing there. */
export function forUpdate<DB, TB extends keyof DB, O>(
  dialect: Dialect,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? query.forUpdate() : query;
}
