/**
 * The closing line CI reads (`<db>: N passed, N failed, N skipped`) must count set-up, collection
 * and unhandled errors as failures (issue 7 #23). Vitest runs the fixture files as a child process.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const fixtures = 'test/fixtures/summary-reporter';

/** Runs Vitest on one fixture file and returns its exit code and the summary line. */
function runFixture(file: string): { status: number | null; line: string | undefined } {
  const run = spawnSync(
    process.execPath,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--config',
      `${fixtures}/vitest.config.ts`,
      `${fixtures}/${file}`,
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, ZHIZHI_TEST_DATABASE_URL: '' }, timeout: 120_000 },
  );
  const line = `${run.stdout}`.split('\n').find((l) => /^sqlite: \d+ passed, \d+ failed/.test(l));
  return { status: run.status, line };
}

describe('summary reporter', () => {
  it('counts the tests of a suite whose beforeAll failed as failed, not skipped', () => {
    const { status, line } = runFixture('before-all.fixture.ts');
    expect(status).not.toBe(0);
    expect(line).toBe('sqlite: 1 passed, 2 failed, 0 skipped');
  });

  it('counts an unhandled error as a failure even when every test passed', () => {
    const { status, line } = runFixture('unhandled.fixture.ts');
    expect(status).not.toBe(0);
    expect(line).toBe('sqlite: 1 passed, 1 failed, 0 skipped');
  });

  it('counts a file that fails to load as one failure', () => {
    const { status, line } = runFixture('collection.fixture.ts');
    expect(status).not.toBe(0);
    expect(line).toBe('sqlite: 0 passed, 1 failed, 0 skipped');
  });
});
