/**
 * Prints the closing line CI reads: `<db>: N passed, N failed, N skipped` (Vitest's own summary is
 * not read). A failure outside a test still counts as failed, so the line can never read green while
 * the run was not: the tests of a suite whose hook failed (Vitest marks them skipped), a file that
 * failed to load, and each unhandled error.
 */
import type { SerializedError } from 'vitest';
import type { Reporter, TestModule, TestSuite } from 'vitest/node';

export class SummaryReporter implements Reporter {
  onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError> = [],
  ): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const mod of modules) {
      const counts = countSuite(mod);
      passed += counts.passed;
      failed += counts.failed;
      skipped += counts.skipped;
    }
    const db = process.env.ZHIZHI_TEST_DATABASE_URL ? 'postgres' : 'sqlite';
    process.stdout.write(`\n${db}: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

/** Counts a module or suite; when its own hooks or collection failed, none of its unpassed tests is "skipped". */
function countSuite(suite: TestModule | TestSuite): { passed: number; failed: number; skipped: number } {
  const broken = suite.errors().length > 0 || (suite.state() === 'failed' && !hasFailedTest(suite));
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const test of suite.children.tests()) {
    const state = test.result().state;
    if (state === 'passed') passed++;
    else if (state === 'failed' || broken) failed++;
    else skipped++;
  }
  for (const child of suite.children.suites()) {
    const counts = countSuite(child);
    passed += counts.passed;
    failed += counts.failed;
    skipped += counts.skipped;
  }
  // A broken suite with nothing under it that counted (a file that did not load) is one failure.
  if (broken && failed === 0) failed = 1;
  return { passed, failed, skipped };
}

function hasFailedTest(suite: TestModule | TestSuite): boolean {
  for (const test of suite.children.allTests()) if (test.result().state === 'failed') return true;
  return false;
}
