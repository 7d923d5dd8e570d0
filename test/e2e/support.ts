/**
 * Browser-test support: a real server (`zhizhi serve --demo` on a fresh SQLite file, real HTTP on a
 * free port) and Debian's Chromium driven by playwright-core. Every page is watched for console
 * errors and unlabelled form controls; screenshots go to test-results/screenshots/.
 *
 * Waits wait for the thing (a selector, a response, an event), never for a time, and with a
 * generous timeout: CI must pass on a machine under load (issue 7 #19).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { vi } from 'vitest';

/** How long any one wait (a selector, a response, a poll) may take before it fails. */
export const WAIT_MS = 30_000;
/** How long one browser test may take: many waits, on a loaded machine. */
export const E2E_TEST_TIMEOUT_MS = 300_000;
// Every file that imports this support runs with browser-test timeouts.
vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: 180_000 });

export const CHROMIUM = process.env.ZHIZHI_CHROMIUM ?? '/usr/bin/chromium';
/** Browser tests run once, in the SQLite pass (the PostgreSQL pass covers the repositories). */
export const runBrowserTests = !process.env.ZHIZHI_TEST_DATABASE_URL;
export const SCREENSHOTS = path.resolve('test-results/screenshots');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface TestServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the product as a user would (demo mode), on its own data dir and port. */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhizhi-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['bin/zhizhi.js', 'serve', '--demo'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ZHIZHI_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // No year of demo history: the browser tests build their own cases (and count them).
      ZHIZHI_DEMO_HISTORY: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = `http://127.0.0.1:${port}`;
  // Ready when it says it is serving (it prints that after listening), not after some time.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`server did not start:\n${output}`));
    }, 150_000);
    const collect = (d: Buffer) => {
      output += d;
      if (output.includes('is serving at')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`server exited:\n${output}`));
    });
  });
  if (!(await fetch(`${url}/readyz`)).ok) throw new Error(`server is not ready:\n${output}`);
  return {
    url,
    dataDir,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A phone-sized context (a cheap Android phone) or a desktop one for the console. */
export async function newContext(
  browser: Browser,
  kind: 'phone' | 'desktop',
  baseURL: string,
): Promise<BrowserContext> {
  const context = await (kind === 'phone'
    ? browser.newContext({
        baseURL,
        viewport: { width: 360, height: 740 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        geolocation: { longitude: 108.6, latitude: 38.9 },
        permissions: ['geolocation'],
      })
    : browser.newContext({
        baseURL,
        viewport: { width: 1366, height: 860 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      }));
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  return context;
}

/** Waits until no finite animation or transition runs (antd's tabs, tables, dialogs), e.g. before a screenshot. */
export async function animationsSettled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY,
      ),
  );
}

/** Waits until the worker app's offline cache (IndexedDB) holds every one of `keys`. */
export async function cached(page: Page, keys: string[]): Promise<void> {
  await page.waitForFunction(
    (wanted) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('zhizhi-worker-cache');
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('entries')) {
            db.close();
            resolve(false);
            return;
          }
          const store = db.transaction('entries', 'readonly').objectStore('entries');
          const found = wanted.map((key) => store.count(key));
          store.transaction.oncomplete = () => {
            db.close();
            resolve(found.every((r) => r.result > 0));
          };
        };
      }),
    keys,
    { polling: 100 },
  );
}

/** Collects console errors and failed requests of a page; `assertClean()` fails the test on any. */
export function watch(page: Page) {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return {
    problems,
    assertClean() {
      if (problems.length > 0) throw new Error(problems.join('\n'));
    },
  };
}

/** Form controls (input, select, textarea) that have no accessible label. */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll('input, select, textarea'))) {
      const input = el as HTMLInputElement;
      if (input.type === 'hidden' || input.closest('[aria-hidden="true"]')) continue;
      const style = getComputedStyle(input);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const labelled =
        input.getAttribute('aria-label') ||
        input.getAttribute('aria-labelledby') ||
        input.getAttribute('title') ||
        (input.id && document.querySelector(`label[for="${CSS.escape(input.id)}"]`)) ||
        input.closest('label');
      if (!labelled) out.push(input.outerHTML.slice(0, 120));
    }
    return out;
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A running product and a browser, shared by the tests of one file. */
export interface Stage {
  server: TestServer;
  browser: Browser;
}

/**
 * Starts the product and launches the browser for a test file; with `app`, first checks that the
 * web app was built (the server serves dist/web/<app>).
 */
export async function startStage(app?: 'console' | 'resident' | 'worker'): Promise<Stage> {
  if (app && !fs.existsSync(`dist/web/${app}/index.html`)) {
    throw new Error(`build the ${app} first: node bin/run-ts.js scripts/build-web.ts --app=${app}`);
  }
  const server = await startServer();
  try {
    return { server, browser: await launchBrowser() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
