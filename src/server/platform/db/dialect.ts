/** The two supported database dialects. SQLite is one node; PostgreSQL may run N stateless nodes. */
export type Dialect = 'sqlite' | 'postgres';

/** Which dialect a DATABASE_URL names: postgres:// or postgresql://, else an SQLite file path. */
export function dialectOf(databaseUrl: string): Dialect {
  return /^postgres(ql)?:\/\//i.test(databaseUrl) ? 'postgres' : 'sqlite';
}
