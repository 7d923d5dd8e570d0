/** The CLI's commands. Each opens what it needs from the validated configuration. */
import { createInterface } from 'node:readline/promises';
import type { ParseArgsConfig } from 'node:util';
import { buildApp } from '../app.ts';
import { type DatabaseHandle, openMigrated } from '../database.ts';
import { seedDemoHistory } from '../modules/demo/history.ts';
import { DEMO_PASSWORD, type DemoSummary, seedDemo } from '../modules/demo/seed.ts';
import { createCheckpointSealer } from '../modules/ledger/checkpoints.ts';
import { scheduleNextCheckpoint } from '../modules/ledger/jobs.ts';
import { readPinnedKey, runVerify, runVerifyProof } from '../modules/ledger/report.ts';
import { loadOrCreateSigner } from '../modules/ledger/signing.ts';
import { API_KEY_USAGE, apiKeyCommand, issueDemoOpen311Key } from '../modules/open311/cli.ts';
import { hashPassword } from '../modules/people/passwords.ts';
import { convertPhoneUsernames } from '../modules/people/phone-usernames.ts';
import { ManualClock, systemClock } from '../platform/clock.ts';
import { type Config, loadConfig } from '../platform/config.ts';
import { refreshStatistics, startStatisticsUpkeep } from '../platform/db/statistics.ts';
import { AppError } from '../platform/errors.ts';
import { createCipher, type PersonalDataCipher } from '../platform/vault/cipher.ts';
import { type Keyring, type KeySource, loadKeyring } from '../platform/vault/keyring.ts';
import { seedDefaults } from '../seed-defaults.ts';
import { backupSqlite, PG_DUMP_GUIDANCE } from './backup.ts';
import { ROTATE_KEY_USAGE, rotateKey } from './rotate-key.ts';
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
  /** The personal-data keys and where they came from (`rotate-key` rewrites a key file). */
  keys: { ring: Keyring; source: KeySource };
}

/** Validated config, a migrated database with the default catalogue, and the personal-data cipher. */
async function open(demo?: boolean): Promise<Opened> {
  const config = loadConfig(process.env, demo === undefined ? {} : { demo });
  const database = await openMigrated({ url: config.databaseUrl });
  await seedDefaults(database.db);
  const keys = loadKeyring(config);
  const cipher = createCipher(keys.ring);
  // The key-bound half of migration 0007_phone_blind_index: phones out of usernames.
  await convertPhoneUsernames(database, cipher);
  return { config, database, cipher, keys };
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
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = systemClock.now();
  const history = o.config.demoHistory;
  const summary = await seedDemo(o.database.db, {
    passwordHash,
    cipher: o.cipher,
    // With a history, the county was set up a year ago.
    now: history > 0 ? new Date(now.getTime() - 365 * 86_400_000) : now,
  });
  const open311 = await issueDemoOpen311Key(o.database.db, systemClock);
  if (history > 0) await seedHistory(o, passwordHash, now);
  // A bulk load: give the planner statistics for what was just loaded.
  await refreshStatistics(o.database);
  return { ...summary, open311Key: open311.key };
}

/**
 * A year of cases up to `end`, worked through the case service on a manual clock (ZHIZHI_DEMO_HISTORY
 * cases, ZHIZHI_DEMO_SEED), so the demo opens on a living county whose history verifies.
 */
async function seedHistory(o: Opened, passwordHash: string, end: Date): Promise<void> {
  const clock = new ManualClock(end);
  const config = { ...o.config, scheduler: false };
  const { app, services } = await buildApp({ config, database: o.database, clock, cipher: o.cipher });
  console.log(
    `Seeding a year of demo history: ${config.demoHistory} cases (seed ${config.demoSeed}) through the case service…`,
  );
  try {
    await seedDemoHistory(
      { db: o.database.db, cases: services.cases, scheduler: services.scheduler, clock },
      {
        cases: config.demoHistory,
        seed: config.demoSeed,
        end,
        passwordHash,
        log: (line) => console.log(line),
      },
    );
  } finally {
    await app.close();
  }
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
      const stopStatisticsUpkeep = startStatisticsUpkeep(database, (err) =>
        app.log.warn({ err }, 'refreshing planner statistics failed'),
      );
      if (config.scheduler) {
        await scheduleNextCheckpoint(database.db, systemClock.now());
        services.scheduler.start();
      }
      console.log(
        `Zhizhi 智治 is serving at ${address.replace('0.0.0.0', 'localhost')} on ${database.dialect}` +
          `${config.demo ? ' (demo mode)' : ''}; API docs at /api/docs`,
      );
      const stop = async () => {
        stopStatisticsUpkeep();
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
    // `verify --against FILE…`: also prove consistency with earlier signed checkpoint files.
    options: { against: { type: 'boolean' }, 'public-key': { type: 'string' } },
    run: (values, positionals) =>
      withDatabase(undefined, async ({ config, database }) => {
        const pinned = values['public-key'];
        const publicKey =
          typeof pinned === 'string'
            ? readPinnedKey(pinned)
            : loadOrCreateSigner(config.ledgerSigningKey, config.dataDir).publicKey;
        if (values.against === true && positionals.length === 0) {
          throw new AppError('bad_request', 'ledger.against_needs_files');
        }
        const { ok, text } = await runVerify(database.db, {
          dialect: database.dialect,
          publicKey,
          dataDir: config.dataDir,
          against: values.against === true ? positionals : [],
        });
        console.log(text);
        return ok ? 0 : 1;
      }),
  },
  'verify-proof': {
    options: { 'public-key': { type: 'string' } },
    // No configuration and no database: a proof bundle is checked offline.
    async run(values, positionals) {
      const file = positionals[0];
      if (!file || positionals.length > 1) {
        console.error('usage: zhizhi verify-proof FILE [--public-key PEM_FILE]');
        return 2;
      }
      const pinned = values['public-key'];
      const { ok, text } = runVerifyProof(
        file,
        typeof pinned === 'string' ? readPinnedKey(pinned) : undefined,
      );
      console.log(text);
      return ok ? 0 : 1;
    },
  },
  checkpoint: {
    options: {},
    run: () =>
      withDatabase(undefined, async ({ config, database }) => {
        const sealer = createCheckpointSealer({
          db: database.db,
          dialect: database.dialect,
          signer: loadOrCreateSigner(config.ledgerSigningKey, config.dataDir),
          dataDir: config.dataDir,
          witnessUrl: config.ledgerWitnessUrl,
          log: { warn: (obj, msg) => console.error(msg, JSON.stringify(obj)) },
        });
        const checkpoint = await sealer.seal(systemClock.now());
        console.log(
          checkpoint
            ? `signed checkpoint over entries 1–${checkpoint.treeSize}: root ${checkpoint.rootHash}, key ${checkpoint.keyId}`
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
  'rotate-key': {
    options: { finish: { type: 'boolean' }, 'batch-size': { type: 'string' } },
    async run(values, positionals) {
      const batch = values['batch-size'] === undefined ? 500 : Number(values['batch-size']);
      if (positionals.length > 0 || !Number.isInteger(batch) || batch < 1) {
        console.error(ROTATE_KEY_USAGE);
        return 2;
      }
      return withDatabase(undefined, ({ database, keys }) =>
        rotateKey(database.db, keys, {
          finish: values.finish === true,
          batchSize: batch,
          log: (line) => {
            if (line) console.log(line);
          },
        }),
      );
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
