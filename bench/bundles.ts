/**
 * Bundle budgets (issue 3): the JavaScript a phone downloads on first load — the entry script and
 * the modules it preloads, read from each built index.html — gzipped, against each app's budget.
 * Lazily loaded chunks (the map) are not first load and are reported apart.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB: Record<string, number | undefined> = { resident: 250, worker: 350, console: 320 };

export interface BundleResult {
  lines: string[];
  overBudget: boolean;
}

function gzippedKb(file: string): number {
  return gzipSync(fs.readFileSync(file), { level: 9 }).length / 1024;
}

/** Builds the web apps if stale, then measures each app's first-load JavaScript. */
export function runBundleBench(webRoot = path.resolve('dist/web')): BundleResult {
  execFileSync(process.execPath, ['bin/run-ts.js', 'scripts/build-web.ts', '--if-stale'], {
    stdio: 'inherit',
  });
  const lines: string[] = [];
  let overBudget = false;
  for (const [app, budget] of Object.entries(BUDGET_KB)) {
    const dir = path.join(webRoot, app);
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    const refs = [
      ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g),
    ].map((m) => m[1] as string);
    const base = app === 'resident' ? '/' : `/${app}/`;
    const files = [...new Set(refs)].map((src) =>
      path.join(dir, src.startsWith(base) ? src.slice(base.length) : src),
    );
    const first = files.reduce((sum, f) => sum + gzippedKb(f), 0);
    const all = fs
      .readdirSync(path.join(dir, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => path.join(dir, 'assets', f));
    const lazy = all.filter((f) => !files.includes(f)).reduce((sum, f) => sum + gzippedKb(f), 0);
    const verdict =
      budget === undefined
        ? 'no budget'
        : first <= budget
          ? `within ${budget} KB budget`
          : `OVER ${budget} KB budget`;
    if (budget !== undefined && first > budget) overBudget = true;
    lines.push(
      `bundle ${app}: ${first.toFixed(1)} KB gzipped first-load JS (${verdict}); ${lazy.toFixed(1)} KB more loaded lazily (map, pages)`,
    );
  }
  return { lines, overBudget };
}
