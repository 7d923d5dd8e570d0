/**
 * Figure 1 — case intake over HTTP (信息采集): `POST /api/v1/cases` as the signed-in resident `herder`
 * against the real app (durable commit, grid lookup, history entry, deadline jobs), as a ratio to a
 * bare Fastify route measured right before it in the same run. Each server runs in a child process
 * so that autocannon, here, has the other core. SQLite always; PostgreSQL too when it answers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../src/server/modules/demo/roster.ts';
import { ms, ratio, whole } from './format.ts';
import { combineLoads, failuresOf, type LoadResult, postLoad } from './load.ts';
import {
  benchPostgresUrl,
  createBenchSchema,
  dropBenchSchema,
  redacted,
  unreachableBecause,
} from './postgres.ts';
import { demoReports } from './reports.ts';
import type { IntakeStats } from './servers/protocol.ts';
import { type ServerChild, startServer } from './servers/spawn.ts';

export interface IntakeOptions {
  /** Measured seconds per server, after the warm-up (default 6). */
  seconds?: number;
  warmUpSeconds?: number;
  /** Concurrent connections of the load generator (default 4). */
  connections?: number;
  /** Bare/app measurement pairs the measured seconds are split into (default 3). */
  rounds?: number;
  /** Also run on PostgreSQL when it answers (default true). */
  postgres?: boolean;
  /** Diagnosis: write CPU profiles of the app children's load phase here. */
  profileDir?: string;
  /** Diagnosis: tally the SQL statements of the SQLite run. */
  traceSql?: boolean;
}

export interface IntakeRun {
  database: 'SQLite' | 'PostgreSQL';
  bare: LoadResult;
  load: LoadResult;
  stats: IntakeStats;
  ratio: number;
  /** Empty when every request succeeded and the database agrees with the responses. */
  problems: string[];
  line: string;
  /** Diagnosis lines (profile file, SQL statement tally), when asked for. */
  details: string[];
}

export interface IntakeFigures {
  runs: IntakeRun[];
  /** Why PostgreSQL was not measured, when it was not. */
  postgresSkipped?: string;
  lines: string[];
}

interface Timing {
  seconds: number;
  warmUpSeconds: number;
  connections: number;
  /** The measured seconds are split into this many bare/app pairs, alternating. */
  rounds: number;
}

const CASES_PATH = '/api/v1/cases';
const REPORTS = demoReports(10_000);
let reportCursor = 0;
/** The next report, round the set: every run goes on where the last one stopped. */
const nextReport = () => REPORTS.bodies[reportCursor++ % REPORTS.bodies.length] as string;

async function signIn(server: ServerChild, username: string): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`cannot sign in as ${username}: ${await response.text()}`);
  const { token } = (await response.json()) as { token: string };
  return token;
}

function load(server: ServerChild, seconds: number, timing: Timing, headers: Record<string, string> = {}) {
  return postLoad({
    url: server.url,
    path: CASES_PATH,
    nextBody: nextReport,
    headers,
    connections: timing.connections,
    seconds,
  });
}

/** What the SQL tally says per created case: statements, preparing and running time. */
function statementDetails(stats: IntakeStats): string[] {
  const tallies = stats.statements ?? [];
  if (tallies.length === 0 || stats.cases === 0) return [];
  const per = (n: number) => n / stats.cases;
  const sum = (f: (t: (typeof tallies)[number]) => number) => tallies.reduce((s, t) => s + f(t), 0);
  return [
    `  SQL per case: ${per(sum((t) => t.count)).toFixed(1)} statements, prepare ${(1000 * per(sum((t) => t.prepareMs))).toFixed(0)} µs, run ${(1000 * per(sum((t) => t.runMs))).toFixed(0)} µs`,
    ...tallies
      .slice(0, 16)
      .map(
        (t) =>
          `    ${per(t.count).toFixed(2)}× prepare ${((1000 * t.prepareMs) / t.count).toFixed(0).padStart(3)} µs, run ${((1000 * t.runMs) / t.count).toFixed(0).padStart(3)} µs  ${t.sql.slice(0, 110)}`,
      ),
  ];
}

/**
 * Starts the app child, warms it up, then measures the (already warm) bare server and the app in
 * alternating rounds — on a noisy machine both see the same noise — and checks the database against
 * the responses.
 */
async function measureApp(
  database: IntakeRun['database'],
  env: Record<string, string>,
  bareServer: ServerChild,
  timing: Timing,
): Promise<IntakeRun> {
  const server = await startServer('app', env);
  let warmUp: LoadResult;
  const bareRounds: LoadResult[] = [];
  const appRounds: LoadResult[] = [];
  try {
    const headers = { authorization: `Bearer ${await signIn(server, 'herder')}` };
    warmUp = await load(server, timing.warmUpSeconds, timing, headers);
    for (let round = 0; round < timing.rounds; round++) {
      bareRounds.push(await load(bareServer, timing.seconds / timing.rounds, timing));
      appRounds.push(await load(server, timing.seconds / timing.rounds, timing, headers));
    }
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  }
  const stats = await server.stop();
  if (!stats) throw new Error('the app child reported no stats');
  const bare = combineLoads(bareRounds);
  const measured = combineLoads(appRounds);

  const problems = [failuresOf(bare), failuresOf(warmUp), failuresOf(measured)].filter(Boolean);
  for (const [message, n] of Object.entries(stats.serverErrors))
    problems.push(`server error ×${n}: ${message}`);
  // A run's end drops the requests in flight: each may have committed without its 201 being counted.
  const answered = warmUp.ok + measured.ok;
  if (stats.cases < answered || stats.cases > answered + (timing.rounds + 1) * timing.connections) {
    problems.push(`${answered} cases answered 201 but ${stats.cases} are stored`);
  }
  // Each report writes exactly one history entry, in the same transaction as the case.
  if (stats.events !== stats.cases) problems.push(`${stats.cases} cases but ${stats.events} history entries`);
  if (!stats.ledgerOk) problems.push('the history does not verify after the load');
  const r = measured.rate / bare.rate;
  const label = database === 'SQLite' ? 'intake' : 'intake on PostgreSQL';
  const where = database === 'SQLite' ? 'SQLite file, WAL' : 'PostgreSQL';
  const line =
    `${label}: ${whole(measured.rate)} cases/s, ratio ${ratio(r)} of bare (${whole(bare.rate)} req/s), p99 ${ms(measured.p99Ms)}` +
    ` (${where}; p50 ${ms(measured.p50Ms)}; ${timing.connections} connections, ${timing.seconds} s each in ${timing.rounds} alternating rounds;` +
    ` ${whole(stats.cases)} cases in ${stats.grids} grids, ${whole(stats.jobs)} deadline jobs, history ${stats.ledgerOk ? 'verified' : 'BROKEN'})` +
    (problems.length > 0 ? ` — FAILED: ${problems.join('; ')}` : '');
  const details = [
    ...(stats.profile ? [`  CPU profile of the load phase: ${stats.profile}`] : []),
    ...statementDetails(stats),
  ];
  return { database, bare, load: measured, stats, ratio: r, problems, line, details };
}

export async function runIntakeBench(options: IntakeOptions = {}): Promise<IntakeFigures> {
  const timing: Timing = {
    seconds: options.seconds ?? 6,
    warmUpSeconds: options.warmUpSeconds ?? 2,
    connections: options.connections ?? 4,
    rounds: options.rounds ?? 3,
  };
  const diagnosis = (traceSql: boolean): Record<string, string> => ({
    ...(options.profileDir ? { ZHIZHI_BENCH_PROFILE: path.resolve(options.profileDir) } : {}),
    ...(traceSql ? { ZHIZHI_BENCH_TRACE_SQL: '1' } : {}),
  });
  const runs: IntakeRun[] = [];
  let postgresSkipped: string | undefined;
  const bareServer = await startServer('bare');
  try {
    await load(bareServer, timing.warmUpSeconds, timing);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhizhi-bench-intake-'));
    try {
      const env = {
        ZHIZHI_BENCH_DATABASE: path.join(dir, 'zhizhi.db'),
        ZHIZHI_BENCH_DATA_DIR: dir,
        ...diagnosis(options.traceSql === true),
      };
      runs.push(await measureApp('SQLite', env, bareServer, timing));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    const url = benchPostgresUrl();
    const unreachable = options.postgres === false ? 'turned off' : await unreachableBecause(url);
    if (unreachable) {
      postgresSkipped = `intake on PostgreSQL: not measured (${redacted(url)}: ${unreachable})`;
    } else {
      const schema = await createBenchSchema(url);
      const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhizhi-bench-intake-pg-'));
      try {
        const env = {
          ZHIZHI_BENCH_DATABASE: url,
          ZHIZHI_BENCH_SCHEMA: schema,
          ZHIZHI_BENCH_DATA_DIR: pgDir,
          ...diagnosis(false),
        };
        runs.push(await measureApp('PostgreSQL', env, bareServer, timing));
      } finally {
        await dropBenchSchema(url, schema);
        fs.rmSync(pgDir, { recursive: true, force: true });
      }
    }
  } finally {
    await bareServer.stop();
  }
  return {
    runs,
    ...(postgresSkipped ? { postgresSkipped } : {}),
    lines: [...runs.map((r) => r.line), ...(postgresSkipped ? [postgresSkipped] : [])],
  };
}
