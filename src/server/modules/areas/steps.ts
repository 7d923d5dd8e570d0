/**
 * Long computations written as generators that `yield` now and then, so one body of code can run
 * straight through (tests, the CLI) or in slices that give the event loop back between them (the
 * server: `/healthz` and every other request keep being answered while the area checks run).
 */

/** A computation that pauses at each `yield` and returns a T at the end. */
export type Steps<T> = Generator<void, T, void>;

/** Runs the steps to the end without pausing. */
export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Runs the steps in slices of about `sliceMs` of CPU time, returning to the event loop (through
 * `setImmediate`, so pending I/O is served) between slices.
 */
export async function runInSlices<T>(steps: Steps<T>, sliceMs = 8): Promise<T> {
  let started = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - started >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      started = performance.now();
    }
  }
}
