/** The CLI's commands. Each opens what it needs from the validated configuration. */
import type { ParseArgsConfig } from 'node:util';
import { buildApp } from '../app.ts';
import { systemClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { openMigrated } from '../platform/db/database.ts';
import { createCipher, loadOrCreateKey } from '../platform/personal-data.ts';

export interface Command {
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

async function openFromConfig(demo?: boolean) {
  const config = loadConfig(process.env, demo === undefined ? {} : { demo });
  const database = await openMigrated({ url: config.databaseUrl });
  return { config, database };
}

export const commands: Record<string, Command> = {
  serve: {
    options: { demo: { type: 'boolean' } },
    async run(values) {
      const { config, database } = await openFromConfig(values.demo === true ? true : undefined);
      const cipher = createCipher(loadOrCreateKey(config.secretKey, config.dataDir));
      const { app } = await buildApp({
        config,
        database,
        clock: systemClock,
        cipher,
        logger: { level: config.logLevel },
      });
      const address = await app.listen({ port: config.port, host: config.host });
      console.log(
        `Zhizhi 智治 is serving at ${address.replace('0.0.0.0', 'localhost')} (${database.dialect})`,
      );
      const stop = async () => {
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
    async run() {
      const { database } = await openFromConfig();
      await database.close();
      console.log('database schema is up to date');
      return 0;
    },
  },
};
