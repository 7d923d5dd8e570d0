/** `npm run gen:permissions`: regenerates docs/permissions.md from the routes' declared permissions. */
import fs from 'node:fs';
import { generatePermissionsDoc, PERMISSIONS_DOC_FILE } from './permissions-doc.ts';

fs.writeFileSync(PERMISSIONS_DOC_FILE, await generatePermissionsDoc());
console.log(`wrote ${PERMISSIONS_DOC_FILE}`);
