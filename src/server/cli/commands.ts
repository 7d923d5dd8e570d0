/** The CLI's commands. Each opens what it needs from the validated configuration. */
import { createInterface } from 'node:readline/promises';
import type { ParseArgsConfig } from 'node:util';
import { buildApp } from '../app.ts';
import { DEMO_PASSWORD, type DemoSummary, seedDemo } from '../modules/demo/seed.ts';
import { scheduleNextCheckpoint } from '../modules/ledger/jobs.ts';
import { writeCheckpoint } from '../modules/ledger/ledger.ts';
import { runVerify } from '../modules/ledger/report.ts';
import { API_KEY_USAGE, apiKeyCommand, issueDemoOpen311Key } from '../modules/open311/cli.ts';
import { hashPassword } from '../modules/people/passwords.ts';
import { systemClock } from '../platform/clock.ts';
import { type Config, loadConfig } from '../platform/config.ts';
import { type DatabaseHandle, openMigrated } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { createCipher, loadOrCreateKey, type PersonalDataCipher } from '../platform/personal-data.ts';
import { seedDefaults } from '../seed-defaults.ts';
import { backupSqlite, PG_DUMP_GUIDANCE } from './backup.ts';
import { userAdd, userResetPassword } from './user.ts';

type Values = Record<string, string | boolean | undefined>;

export interface Command {
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Values, positionals: string[]): Promise<number>;
}

interface Opened {
  config: Config;
  database: DatabaseHandle;
  cipher: PersonalDataCipher;
}

/** Validated config, a migrated database with the default catalogue, and the personal-data cipher. */
async function open(demo?: boolean): Promise<Opened> {
  const config = loadConfig(process.env, demo === undefined ? {} : { demo });
  const database = await openMigrated({ url: config.databaseUrl });
  await seedDefaults(database.db);
  const cipher = createCipher(loadOrCreateKey(config.secretKey, config.dataDir));
  return { config, database, cipher };
}

async function withDatabase(
  demo: boolean | undefined,
  work: (o: Opened) => Promise<number>,
): Promise<number> {
  const opened = await open(demo);
  try {
    return await work(opened);
  } finally {
    await opened.database.close();
  }
}

interface LoadedDemo extends DemoSummary {
  /** An Open311 API key for trying the GeoReport v2 endpoints (demo only). */
  open311Key: string;
}

/** Loads the demo when the database has no areas yet; returns what it loaded, or undefined. */
async function seedDemoIfEmpty(o: Opened): Promise<LoadedDemo | undefined> {
  const any = await o.database.db.selectFrom('area').select('id').limit(1).executeTakeFirst();
  if (any) return undefined;
  const summary = await seedDemo(o.database.db, {
    passwordHash: await hashPassword(DEMO_PASSWORD),
    cipher: o.cipher,
    now: systemClock.now(),
  });
  const open311 = await issueDemoOpen311Key(o.database.db, systemClock);
  return { ...summary, open311Key: open311.key };
}

function printDemo(summary: LoadedDemo): void {
  const areas = Object.entries(summary.areas)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  console.log(`Loaded the Wushen Banner (乌审旗) demo: ${areas}; ${summary.households} households.`);
  console.log(`Demo accounts (demo mode only), password "${DEMO_PASSWORD}":`);
  for (const c of summary.credentials) {
    const where = [c.area, c.department].filter(Boolean).join(' / ');
    console.log(
      `  ${c.username.padEnd(18)} ${c.role.padEnd(20)} ${c.displayName}${where ? `  (${where})` : ''}`,
    );
  }
  console.log(`Open311 GeoReport v2 at /open311/v2 — API key (demo only): ${summary.open311Key}`);
}

/** The password for `user` commands: ZHIZHI_PASSWORD, or asked for on the terminal. */
async function passwordFromEnvOrPrompt(): Promise<string> {
  if (process.env.ZHIZHI_PASSWORD) return process.env.ZHIZHI_PASSWORD;
  if (!process.stdin.isTTY) {
    throw new AppError('bad_request', 'cli.password_needed');
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question('password: ');
  } finally {
    rl.close();
  }
}

function required(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '')
    throw new AppError('bad_request', 'validation.required', { field: `--${name}` });
  return v;
}

export const commands: Record<string, Command> = {
  serve: {
    options: { demo: { type: 'boolean' } },
    async run(values) {
      const o = await open(values.demo === true ? true : undefined);
      const { config, database, cipher } = o;
      if (config.demo) {
        const seeded = await seedDemoIfEmpty(o);
        if (seeded) printDemo(seeded);
      } else {
        const demoUsers = await database.db
          .selectFrom('app_user')
          .select('username')
          .where('password_is_demo', '=', 1)
          .where('active', '=', 1)
          .execute();
        if (demoUsers.length > 0) {
          await database.close();
          console.error(
            `refusing to start outside demo mode: ${demoUsers.length} account(s) still have the demo password ` +
              `(${demoUsers
                .slice(0, 5)
                .map((u) => u.username)
                .join(', ')}${demoUsers.length > 5 ? ', …' : ''}).\n` +
              'Reset them with `zhizhi user reset-password --username …`, or run with --demo.',
          );
          return 1;
        }
      }
      const { app, services } = await buildApp({
        config,
        database,
        clock: systemClock,
        cipher,
        logger: { level: config.logLevel },
      });
      const address = await app.listen({ port: config.port, host: config.host });
      if (config.scheduler) {
        await scheduleNextCheckpoint(database.db, systemClock.now());
        services.scheduler.start();
      }
      console.log(
        `Zhizhi 智治 is serving at ${address.replace('0.0.0.0', 'localhost')} on ${database.dialect}` +
          `${config.demo ? ' (demo mode)' : ''}; API docs at /api/docs`,
      );
      const stop = async () => {
        await services.scheduler.stop();
        await app.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return 0;
    },
  },
  migrate: {
    options: {},
    run: () =>
      withDatabase(undefined, async () => {
        console.log('database schema is up to date');
        return 0;
      }),
  },
  'seed-demo': {
    options: {},
    run: () =>
      withDatabase(true, async (o) => {
        const seeded = await seedDemoIfEmpty(o);
        if (!seeded) {
          console.error('the database already has areas; seed-demo loads only into an empty database');
          return 1;
        }
        printDemo(seeded);
        return 0;
      }),
  },
  verify: {
    options: {},
    run: () =>
      withDatabase(undefined, async ({ database }) => {
        const { report, text } = await runVerify(database.db);
        console.log(text);
        return report.ok ? 0 : 1;
      }),
  },
  checkpoint: {
    options: {},
    run: () =>
      withDatabase(undefined, async ({ database }) => {
        const checkpoint = await writeCheckpoint(database.db, database.dialect, systemClock.now());
        console.log(
          checkpoint
            ? `checkpoint up to entry ${checkpoint.uptoSeq}: Merkle root ${checkpoint.merkleRoot}`
            : 'nothing new since the last checkpoint',
        );
        return 0;
      }),
  },
  backup: {
    options: { out: { type: 'string' } },
    run: (values) =>
      withDatabase(undefined, async ({ config, database }) => {
        if (database.dialect === 'postgres') {
          console.log(PG_DUMP_GUIDANCE);
          return 0;
        }
        const file = await backupSqlite(
          database,
          config.dataDir,
          typeof values.out === 'string' ? values.out : undefined,
        );
        console.log(`backup written to ${file}`);
        return 0;
      }),
  },
  user: {
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      area: { type: 'string' },
      department: { type: 'string' },
    },
    async run(values, positionals) {
      const sub = positionals[0];
      if (sub !== 'add' && sub !== 'reset-password') {
        console.error('usage: zhizhi user add … | zhizhi user reset-password --username U');
        return 2;
      }
      const username = required(values, 'username');
      const password = await passwordFromEnvOrPrompt();
      return withDatabase(undefined, async ({ database, cipher }) => {
        const message =
          sub === 'add'
            ? await userAdd(database.db, cipher, systemClock, {
                username,
                name: required(values, 'name'),
                role: required(values, 'role'),
                area: typeof values.area === 'string' ? values.area : undefined,
                department: typeof values.department === 'string' ? values.department : undefined,
                password,
              })
            : await userResetPassword(database.db, { username, password });
        console.log(message);
        return 0;
      });
    },
  },
  'api-key': {
    options: { owner: { type: 'string' }, id: { type: 'string' } },
    async run(values, positionals) {
      const sub = positionals[0];
      if (sub !== 'create' && sub !== 'list' && sub !== 'revoke') {
        console.error(API_KEY_USAGE);
        return 2;
      }
      return withDatabase(undefined, async ({ database }) => {
        console.log(
          await apiKeyCommand(database.db, systemClock, sub, {
            owner: typeof values.owner === 'string' ? values.owner : undefined,
            id: typeof values.id === 'string' ? values.id : undefined,
          }),
        );
        return 0;
      });
    },
  },
};
