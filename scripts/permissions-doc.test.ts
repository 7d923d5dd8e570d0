import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatePermissionsDoc, PERMISSIONS_DOC_FILE } from './permissions-doc.ts';

describe('docs/permissions.md', () => {
  it('matches the routes’ declared permissions (run `npm run gen:permissions` after changing one)', async () => {
    expect(fs.readFileSync(PERMISSIONS_DOC_FILE, 'utf8')).toBe(await generatePermissionsDoc());
  });
});
