/**
 * The dependency rule (.dependency-cruiser.cjs) really refuses what it says: depcruise runs with the
 * project's config over a small fixture tree holding one wrong import of each kind.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CONFIG = path.resolve('.dependency-cruiser.cjs');
const DEPCRUISE = path.resolve('node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

const FILES: Record<string, string> = {
  'tsconfig.json': '{ "compilerOptions": { "allowImportingTsExtensions": true, "noEmit": true } }',
  'src/server/platform/http.ts':
    "import { loadActor } from '../modules/people/actor.ts';\nexport const a = loadActor;\n",
  'src/server/platform/ok.ts': 'export const ok = 1;\n',
  'src/server/modules/people/actor.ts':
    "import { ok } from '../../platform/ok.ts';\nexport const loadActor = ok;\n",
  'src/server/modules/people/repository.ts': 'export const findUser = 1;\n',
  'src/server/modules/people/service.ts':
    "import { findUser } from './repository.ts';\nexport const s = findUser;\n",
  'src/server/modules/cases/service.ts':
    "import { findUser } from '../people/repository.ts';\nexport const c = findUser;\n",
  'src/web/console/main.ts': "import { ok } from '../../server/platform/ok.ts';\nexport const w = ok;\n",
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhizhi-deps-'));
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

async function violations(): Promise<string[]> {
  const { stdout } = await run(
    process.execPath,
    [DEPCRUISE, 'src', '--config', CONFIG, '--output-type', 'json', '--no-progress'],
    { cwd: dir, maxBuffer: 16 * 1024 * 1024 },
  ).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
  const report = JSON.parse(stdout) as { summary: { violations: Violation[] } };
  return report.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

describe('the dependency rule', () => {
  it('refuses platform → module, a foreign repository and web → server, and nothing else', async () => {
    expect(await violations()).toEqual([
      'no-foreign-repository: src/server/modules/cases/service.ts → src/server/modules/people/repository.ts',
      'platform-imports-no-module: src/server/platform/http.ts → src/server/modules/people/actor.ts',
      'web-imports-no-server: src/web/console/main.ts → src/server/platform/ok.ts',
    ]);
  }, 60_000);
});
