/** Issue 7 #13: every message key the server passes is in the catalogue (src/shared/messages). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMessageKey } from '../../shared/messages/format.ts';

/** Where a message key is passed in the server: the error helpers, policy refusals, `key:` of a message. */
const KEY_USE =
  /(?:badRequest\([^,]+,|forbidden\(|notFound\(|conflict\(|unauthorized\(|AppError\('\w+',|deny\(|englishOf\(|key:)\s*'([a-z0-9_]+\.[a-z0-9_]+)'/g;

/** Message-key literals in the server's sources (the typed union checks them too; this is the runtime net). */
function keyLiteralsInServer(): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts') && !file.endsWith('.test.ts')) {
        for (const m of fs.readFileSync(file, 'utf8').matchAll(KEY_USE)) found.set(m[1] as string, file);
      }
    }
  };
  walk(path.resolve(import.meta.dirname, '..'));
  return found;
}

describe('message keys of the server', () => {
  it('has every key the server uses', () => {
    const literals = keyLiteralsInServer();
    expect(literals.size).toBeGreaterThan(100);
    const unknown = [...literals]
      .filter(([key]) => !isMessageKey(key))
      .map(([key, file]) => `${key} (${file})`);
    expect(unknown).toEqual([]);
  });
});
