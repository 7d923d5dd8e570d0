/** `npm run gen:api`: regenerates src/web/shared/api-types.ts from the server's OpenAPI document. */
import fs from 'node:fs';
import { API_TYPES_FILE, generateApiTypes } from './api-types.ts';

fs.writeFileSync(API_TYPES_FILE, await generateApiTypes());
console.log(`wrote ${API_TYPES_FILE}`);
