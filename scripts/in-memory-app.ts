/** The whole app on an in-memory database, for the generators that read its routes (API types, permissions). */
import { randomBytes } from 'node:crypto';
import { buildApp } from '../src/server/app.ts';
import { openMigrated } from '../src/server/database.ts';
import { ManualClock } from '../src/server/platform/clock.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { createCipher } from '../src/server/platform/personal-data.ts';

type App = Awaited<ReturnType<typeof buildApp>>['app'];

/** Builds the app, hands it to `read`, and closes it whatever happens. */
export async function withInMemoryApp<T>(read: (app: App) => Promise<T> | T): Promise<T> {
  const database = await openMigrated({ url: ':memory:' });
  const { app } = await buildApp({
    config: loadConfig({ ZHIZHI_SCHEDULER: 'false' }, { demo: true }),
    database,
    clock: new ManualClock('2026-01-01T00:00:00Z'),
    cipher: createCipher(randomBytes(32)),
    webRoot: '/nonexistent',
  });
  try {
    return await read(app);
  } finally {
    await app.close();
    await database.close();
  }
}
