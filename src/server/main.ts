/**
 * The `zhizhi` command: serve | migrate | seed-demo | verify | verify-proof | checkpoint | backup | user | rotate-key …
 * Configuration comes from the environment (see platform/config.ts and the README).
 */
import { parseArgs } from 'node:util';
import { commands } from './cli/commands.ts';
import { ConfigError } from './platform/config.ts';
import { AppError } from './platform/errors.ts';

const USAGE = `zhizhi — grid-based community governance (智治)

usage: zhizhi <command> [options]

  serve [--demo]                 run the server (migrates first; --demo seeds the Wushen Banner demo)
  migrate                        bring the database schema up to date
  seed-demo                      load the Wushen Banner demo data into an empty database
  verify [--against FILE…] [--public-key PEM]   check the history, its signed checkpoints (stored and exported)
                                 and every case's state replayed from it; --against: consistency with checkpoint files
  verify-proof FILE [--public-key PEM]          check a case's proof bundle offline (no database; docs/ledger.md)
  checkpoint                     sign a checkpoint over the whole history (exported to DATA_DIR/checkpoints)
  backup [--out FILE]            online, consistent copy of the SQLite database (pg_dump for PostgreSQL)
  user add --username U --name N --role R [--area CODE] [--department CODE]   (password from ZHIZHI_PASSWORD or prompt)
  user reset-password --username U                                            (password from ZHIZHI_PASSWORD or prompt)
  api-key create --owner NAME | list | revoke --id ID                          Open311 API keys
  rotate-key [--finish] [--batch-size N]   re-encrypt personal data under a new key (the old one reads until --finish)

environment: PORT, HOST, DATABASE_URL, ZHIZHI_DATA_DIR, ZHIZHI_SECRET_KEY, ZHIZHI_DEMO, LOG_LEVEL, …`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: command.options,
    allowPositionals: true,
    strict: true,
  });
  return command.run(values as Record<string, string | boolean | undefined>, positionals);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof AppError) console.error(error.message);
    else if (
      error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
      return;
    } else console.error(error);
    process.exitCode = 1;
  },
);
