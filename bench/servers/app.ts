/**
 * The real application for the intake benchmark, as `zhizhi serve --demo` builds it: `buildApp` over
 * a migrated database with the defaults and the Wushen Banner demo seeded, scheduler off, listening
 * on 127.0.0.1. Run by `intake.ts` as a child process; on stop it reports what the load left in the
 * database and whether the history still verifies.
 *
 * Environment: ZHIZHI_BENCH_DATABASE (an SQLite file or postgres://…), ZHIZHI_BENCH_SCHEMA (the
 * PostgreSQL schema to work in), ZHIZHI_BENCH_DATA_DIR (a scratch directory); for diagnosis,
 * ZHIZHI_BENCH_PROFILE (a directory for a CPU profile of the load phase) and ZHIZHI_BENCH_TRACE_SQL=1.
 */
import { randomBytes } from 'node:crypto';
import { buildApp } from '../../src/server/app.ts';
import { type Db, openMigrated } from '../../src/server/database.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/server/modules/demo/seed.ts';
import { verifyLedger } from '../../src/server/modules/ledger/verify.ts';
import { hashPassword } from '../../src/server/modules/people/passwords.ts';
import { systemClock } from '../../src/server/platform/clock.ts';
import { loadConfig } from '../../src/server/platform/config.ts';
import { createCipher } from '../../src/server/platform/personal-data.ts';
import { seedDefaults } from '../../src/server/seed-defaults.ts';
import { serverErrorTally, startCpuProfile, tallyStatements } from './diagnostics.ts';
import { type IntakeStats, onStopRequest, sendToParent } from './protocol.ts';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function statsOf(db: Db): Promise<Omit<IntakeStats, 'serverErrors'>> {
  const count = async (table: 'case_file' | 'case_event' | 'job') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const grids = await db
    .selectFrom('case_file')
    .select((eb) => eb.fn.count<number>('grid_id').distinct().as('n'))
    .executeTakeFirstOrThrow();
  const ledger = await verifyLedger(db);
  return {
    cases: await count('case_file'),
    events: await count('case_event'),
    jobs: await count('job'),
    grids: Number(grids.n),
    ledgerOk: ledger.ok,
  };
}

const url = required('ZHIZHI_BENCH_DATABASE');
const schema = process.env.ZHIZHI_BENCH_SCHEMA || undefined;
const secretKey = randomBytes(32);
const config = loadConfig(
  {
    ZHIZHI_DATA_DIR: required('ZHIZHI_BENCH_DATA_DIR'),
    DATABASE_URL: url,
    ZHIZHI_SECRET_KEY: secretKey.toString('hex'),
    ZHIZHI_SCHEDULER: 'false',
  },
  { demo: true },
);
const database = await openMigrated({ url, ...(schema ? { schema } : {}) });
const cipher = createCipher(secretKey);
await seedDefaults(database.db);
await seedDemo(database.db, {
  passwordHash: await hashPassword(DEMO_PASSWORD),
  cipher,
  now: systemClock.now(),
});
const serverErrors = serverErrorTally();
const { app } = await buildApp({
  config,
  database,
  clock: systemClock,
  cipher,
  logger: { level: 'error', stream: serverErrors },
});
await app.listen({ host: '127.0.0.1', port: 0 });
const bound = app.server.address();
if (!bound || typeof bound === 'string') throw new Error('the app has no TCP port');

const profileDir = process.env.ZHIZHI_BENCH_PROFILE;
const profiler = profileDir
  ? await startCpuProfile(profileDir, `intake-${database.dialect}-${process.pid}`)
  : undefined;
const tally =
  process.env.ZHIZHI_BENCH_TRACE_SQL === '1' && database.sqlite
    ? tallyStatements(database.sqlite)
    : undefined;

/** Lets the requests still running when the load generator hung up finish before the counts. */
const GRACE_MS = 1_000;

onStopRequest(async () => {
  // Errors from here on come from shutting down under requests still in flight, not from the load.
  const errorsUnderLoad = { ...serverErrors.counts };
  await app.close();
  await new Promise((resolve) => setTimeout(resolve, GRACE_MS));
  const profile = await profiler?.stop();
  const statements = tally?.stop();
  const stats = await statsOf(database.db);
  await database.close();
  return {
    type: 'stopped',
    stats: {
      ...stats,
      serverErrors: errorsUnderLoad,
      ...(profile ? { profile } : {}),
      ...(statements ? { statements } : {}),
    },
  };
});
await sendToParent({ type: 'ready', port: bound.port });
