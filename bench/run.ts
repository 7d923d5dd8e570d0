/**
 * `npm run bench`: the performance figures, measured one after the other in one run and printed as
 * one summary line each at the end. `npm run bench -- grid ledger` runs only those (bundles, grid,
 * ledger, intake). Settings: ZHIZHI_BENCH_SECONDS (measured seconds per server, default 6),
 * ZHIZHI_BENCH_CONNECTIONS (default 4), ZHIZHI_BENCH_PG_URL (default the local test database);
 * for diagnosis ZHIZHI_BENCH_PROFILE=<dir> (CPU profiles of the app under load) and
 * ZHIZHI_BENCH_TRACE_SQL=1 (SQL statements per case on SQLite). See bench/README.md.
 */
import os from 'node:os';
import { runBundleBench } from './bundles.ts';
import { runGridLookupBench } from './grid-lookup.ts';
import { runIntakeBench } from './intake.ts';
import { runLedgerBench } from './ledger.ts';

const BENCHES = ['bundles', 'grid', 'ledger', 'intake'] as const;
type BenchName = (typeof BENCHES)[number];

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 600)
    throw new Error(`${name} must be a whole number from 1 to 600`);
  return n;
}

/** The benchmarks named on the command line (all when none), or the names it does not know. */
function chosen(args: string[]): { names: BenchName[] } | { unknown: string[] } {
  const unknown = args.filter((a) => !(BENCHES as readonly string[]).includes(a));
  if (unknown.length > 0) return { unknown };
  return { names: args.length === 0 ? [...BENCHES] : BENCHES.filter((b) => args.includes(b)) };
}

const progress = (text: string) => process.stderr.write(`${text}\n`);

async function main(): Promise<number> {
  const choice = chosen(process.argv.slice(2));
  if ('unknown' in choice) {
    progress(`unknown benchmark ${choice.unknown.join(', ')}; choose from ${BENCHES.join(', ')}`);
    return 2;
  }
  const { names } = choice;
  const seconds = positiveInt('ZHIZHI_BENCH_SECONDS', 6);
  const connections = positiveInt('ZHIZHI_BENCH_CONNECTIONS', 4);
  const load = os.loadavg()[0] ?? 0;
  const machine = `Node ${process.version}, ${os.availableParallelism()} cores, load average ${load.toFixed(1)} at start`;
  progress(`zhizhi bench — ${machine}`);
  const lines: string[] = [];
  let failed = false;

  if (names.includes('bundles')) {
    progress('… bundles: first-load JavaScript of each web app, gzipped');
    const bundles = runBundleBench();
    if (bundles.overBudget) failed = true;
    lines.push(...bundles.lines);
  }
  if (names.includes('grid')) {
    progress('… grid lookup: 100,000 synthetic grids, 1,000,000 lookups');
    lines.push((await runGridLookupBench()).line);
  }
  if (names.includes('ledger')) {
    progress('… ledger: append 50,000 events, then verify the chain');
    lines.push((await runLedgerBench()).line);
  }
  if (names.includes('intake')) {
    progress(`… intake: bare Fastify vs POST /api/v1/cases, ${connections} connections, ${seconds} s each`);
    const intake = await runIntakeBench({
      seconds,
      connections,
      ...(process.env.ZHIZHI_BENCH_PROFILE ? { profileDir: process.env.ZHIZHI_BENCH_PROFILE } : {}),
      traceSql: process.env.ZHIZHI_BENCH_TRACE_SQL === '1',
    });
    for (const run of intake.runs) {
      for (const detail of run.details) progress(detail);
      if (run.problems.length > 0) failed = true;
    }
    lines.push(...intake.lines);
  }

  console.log(`\nZhizhi benchmarks (${machine}):`);
  for (const line of lines) console.log(line);
  return failed ? 1 : 0;
}

process.exitCode = await main();
