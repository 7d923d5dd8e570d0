import { defineConfig } from 'vitest/config';
import { SummaryReporter } from './test/summary-reporter.ts';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Limits that catch a hang, not a slow machine: tests wait for things, and a loaded 2-core CI
    // machine running two workers can take several times longer than a quiet one.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // expect.poll waits for the thing, not for Vitest's default second: a loaded CI machine is slow.
    expect: { poll: { timeout: 30_000, interval: 100 } },
    pool: 'forks',
    // Two files at a time on the 2-core CI machine (Vitest's default would be one). PostgreSQL test
    // files each have a schema of their own; the migrator's introspection sees only that schema
    // (platform/db/pg-introspector.ts), so files beside each other cannot break each other's start.
    maxWorkers: 2,
    reporters: ['default', new SummaryReporter()],
  },
});
