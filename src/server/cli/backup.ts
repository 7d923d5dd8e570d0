/**
 * `zhizhi backup`: an online, consistent copy of the SQLite database (SQLite's backup API, safe while
 * the server runs). PostgreSQL has its own tool; we say exactly how to use it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseHandle } from '../database.ts';
import { AppError } from '../platform/errors.ts';

export const PG_DUMP_GUIDANCE = `PostgreSQL is backed up with its own tools, online and consistent:
  pg_dump --format=custom --file=zhizhi-$(date +%Y%m%d-%H%M).dump "$DATABASE_URL"
restore into an empty database with:
  pg_restore --no-owner --dbname="$DATABASE_URL" zhizhi-YYYYMMDD-HHMM.dump
Keep ZHIZHI_SECRET_KEY with the backup (in a safe place): without it encrypted personal data cannot be read.`;

/** Copies the live SQLite database to `out` (default: <dataDir>/backups/zhizhi-<time>.db). Returns the file. */
export async function backupSqlite(database: DatabaseHandle, dataDir: string, out?: string): Promise<string> {
  if (!database.sqlite) throw new Error('backup copies SQLite databases; for PostgreSQL use pg_dump');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = path.resolve(out ?? path.join(dataDir, 'backups', `zhizhi-${stamp}.db`));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (fs.existsSync(target)) throw new AppError('conflict', 'cli.target_exists', { path: target });
  await database.sqlite.backup(target);
  return target;
}
