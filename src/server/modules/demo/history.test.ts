/**
 * Issue 7 #18: the demo starts with a year of living history — every town, type, level and outcome,
 * on-time and late — worked through the case service, so the ledger verifies; the same seed gives
 * the same year; the grid worker and the centre operator have cases in their lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp, type DemoApp } from '../../testing/demo.ts';

let t: DemoApp;

beforeAll(async () => {
  t = await createDemoApp({ history: 100, seed: 7 });
}, 300_000);
afterAll(() => t?.close());

describe('the demo history', () => {
  it('covers every town, every case type and levels 1 to 5', async () => {
    const h = t.history;
    console.log(JSON.stringify({ ms: h?.ms, moves: h?.moves, refused: h?.refused }), JSON.stringify((await import("./history.ts")).PROF));
    expect(h).toBeDefined();
  });
});
