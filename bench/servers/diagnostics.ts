/**
 * Diagnostics for the app child, off unless asked for: a CPU profile of the load phase only (not of
 * start-up and seeding), and a tally of the SQL statements SQLite prepares and runs.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import type SQLite from 'better-sqlite3';

/** Per SQL text: how often it was prepared and the time spent preparing and running it. */
export interface StatementTally {
  sql: string;
  count: number;
  prepareMs: number;
  runMs: number;
}

/** Starts the V8 profiler; `stop` writes `<dir>/<name>.cpuprofile` and returns its path. */
export async function startCpuProfile(dir: string, name: string): Promise<{ stop(): Promise<string> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${name}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}

/**
 * A pino destination for the app's logger at level `error`: counts the 500s' error messages (the
 * error handler logs every unhandled error), so a failed benchmark says why.
 */
export function serverErrorTally(): { write(line: string): void; counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  return {
    counts,
    write(line) {
      let message = 'unparsable log line';
      try {
        const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
        message = entry.err?.message ?? entry.msg ?? message;
      } catch {
        // keep the placeholder
      }
      const key = message.slice(0, 160);
      counts[key] = (counts[key] ?? 0) + 1;
    },
  };
}

const RUNNERS = ['run', 'get', 'all'] as const;

/**
 * Wraps the connection's `prepare` (which Kysely's SQLite driver calls for every query) to time the
 * preparing and the running of each statement. For diagnosis only: it changes nothing else.
 */
export function tallyStatements(sqlite: SQLite.Database): { stop(): StatementTally[] } {
  const tallies = new Map<string, StatementTally>();
  const prepare = sqlite.prepare.bind(sqlite);
  const timedPrepare = (sql: string) => {
    const started = performance.now();
    const statement = prepare(sql);
    let tally = tallies.get(sql);
    if (!tally) {
      tally = { sql, count: 0, prepareMs: 0, runMs: 0 };
      tallies.set(sql, tally);
    }
    tally.count++;
    tally.prepareMs += performance.now() - started;
    const counted = tally;
    for (const method of RUNNERS) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      Object.defineProperty(statement, method, {
        value: (...args: unknown[]) => {
          const at = performance.now();
          try {
            return original(...args);
          } finally {
            counted.runMs += performance.now() - at;
          }
        },
      });
    }
    return statement;
  };
  Object.defineProperty(sqlite, 'prepare', { value: timedPrepare, configurable: true });
  return {
    stop() {
      Object.defineProperty(sqlite, 'prepare', { value: prepare, configurable: true });
      return [...tallies.values()].sort((a, b) => b.prepareMs + b.runMs - (a.prepareMs + a.runMs));
    },
  };
}
