import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from './api-types.ts';

describe('the generated API client types', () => {
  it('match the server’s OpenAPI document (run `npm run gen:api` after changing a route)', async () => {
    expect(fs.readFileSync(API_TYPES_FILE, 'utf8')).toBe(await generateApiTypes());
  });
});
