/**
 * The PostgreSQL the intake benchmark may also run on: ZHIZHI_BENCH_PG_URL, else the local test
 * database. Each run works in a schema of its own, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const LOCAL_DEFAULT = 'postgres://postgres@127.0.0.1:5432/test';

/** The URL to try: ZHIZHI_BENCH_PG_URL, or the local default. */
export function benchPostgresUrl(): string {
  return process.env.ZHIZHI_BENCH_PG_URL || LOCAL_DEFAULT;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Undefined when PostgreSQL at `url` answers, else why not. */
export async function unreachableBecause(url: string): Promise<string | undefined> {
  try {
    await withClient(url, (client) => client.query('SELECT 1'));
    return undefined;
  } catch (error) {
    return (error as Error).message || String(error);
  }
}

/** Creates a fresh schema `bench_<random>` and returns its name. */
export async function createBenchSchema(url: string): Promise<string> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  await withClient(url, (client) => client.query(`CREATE SCHEMA ${schema}`));
  return schema;
}

export async function dropBenchSchema(url: string, schema: string): Promise<void> {
  if (!/^bench_[0-9a-f]{12}$/.test(schema)) throw new Error(`not a benchmark schema: ${schema}`);
  await withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
}

/** The URL without its password, for printing. */
export function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
