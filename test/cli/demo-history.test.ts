/**
 * Issue 7 #18 end to end: `zhizhi seed-demo` on a fresh SQLite data directory lives through a year
 * of cases (a small one here, ZHIZHI_DEMO_HISTORY=60), prints its progress and the time it took, and
 * `zhizhi verify` then finds the history intact.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zz-demo-history-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function zhizhi(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['bin/zhizhi.js', ...args],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME ?? os.tmpdir(), LANG: 'C.UTF-8', ...env },
        timeout: 240_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

describe('the demo with a year of history', () => {
  it('seed-demo lives through the year and verify finds the history intact', async () => {
    const env = { ZHIZHI_DATA_DIR: dataDir, ZHIZHI_DEMO_HISTORY: '60', ZHIZHI_DEMO_SEED: '11' };
    const seeded = await zhizhi(['seed-demo'], env);
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain('Seeding a year of demo history: 60 cases (seed 11)');
    expect(seeded.stdout).toMatch(
      /history: 60 cases, \d+ steps through the case service, \d+ still open, in [\d.]+ s/,
    );
    const verified = await zhizhi(['verify'], { ZHIZHI_DATA_DIR: dataDir });
    expect(verified.code).toBe(0);
    const entries = Number(/(\d+) entries verified/.exec(verified.stdout)?.[1]);
    expect(entries).toBeGreaterThan(300);
  }, 300_000);
});
