import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './app.ts';

describe('test apps (issue 7 #24)', () => {
  it('each gets a data directory of its own, removed when it closes', async () => {
    const a = await createTestApp();
    const b = await createTestApp();
    try {
      expect(a.config.dataDir).not.toBe(b.config.dataDir);
      expect(fs.existsSync(a.config.dataDir)).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
    expect(fs.existsSync(a.config.dataDir)).toBe(false);
  });
});
