/**
 * Builds the three web apps as separate bundles (each its own PWA scope) into dist/web/<app>:
 * the 智治乌审 resident app at /, the 百姓管家 grid-worker app at /worker/, the console at /console/.
 * `--if-stale` skips the build when nothing under src/web changed since the last one (npm start).
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { WEB_APPS, webAppConfig } from './web-config.ts';

const stamp = path.resolve('dist/web/.built');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

const sources = Math.max(newestMtime('src/web'), fs.statSync('scripts/web-config.ts').mtimeMs);
if (process.argv.includes('--if-stale') && fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= sources) {
  process.exit(0);
}
const only = process.argv.find((a) => a.startsWith('--app='))?.slice(6);
for (const app of WEB_APPS) {
  if (only && only !== app) continue;
  console.log(`building the ${app} app…`);
  await build(webAppConfig(app));
}
fs.writeFileSync(stamp, new Date().toISOString());
