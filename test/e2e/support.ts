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
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect, vi } from 'vitest';
import { DEMO_PLACES } from '../../src/server/modules/demo/places.ts';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/roster.ts';

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

// ── The API, straight from the test (not through the browser) ──────────────────────────────────

/** A status and the JSON body (undefined when empty), whatever the status. */
export interface ApiAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: API answers are inspected freely in tests
  body: any;
}

/** A demo account signed in over real HTTP. */
export interface Api {
  userId: string;
  displayName: string;
  get(path: string): Promise<ApiAnswer>;
  post(path: string, body?: unknown): Promise<ApiAnswer>;
  /** A case action the server must accept (the test fails otherwise); the case as it is now. */
  // biome-ignore lint/suspicious/noExplicitAny: API answers are inspected freely in tests
  act(caseId: string, action: string, body?: unknown): Promise<any>;
}

/** Signs `username` in through the API (the demo password unless told) and calls the API as them. */
export async function apiAs(server: TestServer, username: string, password = DEMO_PASSWORD): Promise<Api> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`cannot sign in as ${username}: ${await login.text()}`);
  const { token, user } = (await login.json()) as {
    token: string;
    user: { id: string; displayName: string };
  };
  const call = async (method: string, path: string, body?: unknown): Promise<ApiAnswer> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    userId: user.id,
    displayName: user.displayName,
    get: (path) => call('GET', path),
    post: (path, body = {}) => call('POST', path, body),
    async act(caseId, action, body = {}) {
      const answer = await call('POST', `/api/v1/cases/${caseId}/actions/${action}`, body);
      if (answer.status !== 200) {
        throw new Error(
          `${action} on ${caseId} as ${username}: ${answer.status} ${JSON.stringify(answer.body)}`,
        );
      }
      return answer.body;
    },
  };
}

/** The steps of the case loop a test can walk a case to, in order. */
const STEPS = ['reported', 'registered', 'dispatched', 'accepted', 'fed back', 'verified'] as const;
export type CaseStep = (typeof STEPS)[number];

export interface CaseReport {
  title?: string;
  description: string;
  caseType?: string;
  /** Where; the pastoral grid (巴音敖包嘎查一社) unless told. */
  lng?: number;
  lat?: number;
}

export interface WalkOptions {
  /** The type the grid chief registers it as. */
  caseType?: string;
  /** What the grid worker feeds back as the result. */
  result?: string;
}

/**
 * Walks a case of the pastoral grid from where it is (`from`) to `upTo` through the API, each step by
 * the person who holds it: the grid chief registers and dispatches to the grid worker, who accepts and
 * feeds back; the grid guide verifies. Returns the case as the last action left it.
 */
export async function walkCase(
  server: TestServer,
  caseId: string,
  upTo: CaseStep,
  { caseType = 'neighbour', result = '已上门协调，双方和解。' }: WalkOptions = {},
  from: CaseStep = 'reported',
  // biome-ignore lint/suspicious/noExplicitAny: API answers are inspected freely in tests
): Promise<any> {
  const todo = STEPS.slice(STEPS.indexOf(from) + 1, STEPS.indexOf(upTo) + 1);
  if (todo.length === 0) return undefined;
  const chief = await apiAs(server, 'grid.chief');
  const worker = await apiAs(server, 'grid.worker');
  const steps: Record<Exclude<CaseStep, 'reported'>, () => Promise<unknown>> = {
    registered: () => chief.act(caseId, 'register', { caseType }),
    dispatched: () => chief.act(caseId, 'dispatch', { handlerIds: [worker.userId] }),
    accepted: () => worker.act(caseId, 'accept'),
    'fed back': () => worker.act(caseId, 'feedback', { result }),
    verified: async () => (await apiAs(server, 'grid.guide')).act(caseId, 'verify'),
  };
  let last: unknown;
  for (const step of todo) last = await steps[step as Exclude<CaseStep, 'reported'>]();
  return last;
}

/** A case the herder reports in the pastoral grid through the API, walked to `upTo`; as reported. */
export async function reportCase(
  server: TestServer,
  report: CaseReport,
  upTo: CaseStep = 'reported',
  options: WalkOptions = {},
  // biome-ignore lint/suspicious/noExplicitAny: API answers are inspected freely in tests
): Promise<any> {
  const herder = await apiAs(server, 'herder');
  const reported = await herder.post('/api/v1/cases', {
    lng: DEMO_PLACES.pastoralGrid.lng,
    lat: DEMO_PLACES.pastoralGrid.lat,
    ...report,
  });
  expect(reported.status, JSON.stringify(reported.body)).toBe(201);
  await walkCase(server, reported.body.id, upTo, options);
  return reported.body;
}

// ── Signing in through the apps ────────────────────────────────────────────────────────────────

/**
 * Signs in to the 智治乌审 resident app (herder unless told) and waits for the report screen; opens
 * the app first unless the page has something open already.
 */
export async function signInResident(page: Page, username = 'herder'): Promise<void> {
  if (page.url() === 'about:blank') await page.goto('/');
  await page.getByLabel('手机号').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '反映问题或纠纷' }).waitFor();
}

/** Signs in to the 百姓管家 worker app and waits for Today (我的任务); opens the app as above. */
export async function signInWorker(page: Page, username: string): Promise<void> {
  if (page.url() === 'about:blank') await page.goto('/worker/');
  await page.getByLabel('账号或手机号').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByText('我的任务').waitFor();
}

/** Fills the console's sign-in form (on whatever page asked for it) and submits it. */
export async function submitConsoleSignIn(
  page: Page,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.getByLabel('用户名或手机号').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** Opens `path` of the console in a new page of `context`, signs in and waits for the header's name. */
export async function signInConsole(context: BrowserContext, username: string, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(path);
  await submitConsoleSignIn(page, username);
  await page.getByTestId('who-am-i').waitFor();
  return page;
}

/** Picks `option` in the labelled antd select of the dialog, typing `search` first. */
export async function pick(dialog: Locator, page: Page, label: string, search: string, option: string) {
  await dialog.getByLabel(label).click();
  await dialog.getByLabel(label).fill(search);
  // Wait until the search has narrowed the list to the option, then take it with the keyboard (a
  // click can land while the list re-renders under load), and wait for its tag in the field.
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await dropdown.locator('.ant-select-item-option-active', { hasText: option }).waitFor();
  await page.keyboard.press('Enter');
  await dialog.locator('.ant-select-selection-item', { hasText: option }).waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.ant-select-dropdown').last().waitFor({ state: 'hidden' });
}

/**
 * Picks `option` in the antd Select whose input is `field` (one without a search box): opens it,
 * walks the list with the arrow keys until the option is the active one, takes it with Enter and
 * waits for it to show in the field. Keys act on the list's own state, so a re-render under load
 * cannot swallow the choice the way it can swallow a click on an option.
 */
export async function chooseOption(page: Page, field: Locator, option: string): Promise<void> {
  await field.click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await dropdown.locator('.ant-select-item-option').first().waitFor();
  const wanted = dropdown.locator('.ant-select-item-option-active', { hasText: option });
  // The list is virtual (only the visible rows exist), so bound the walk by a generous length.
  for (let step = 0; step < 200 && (await wanted.count()) === 0; step++) {
    await page.keyboard.press('ArrowDown');
  }
  await wanted.waitFor();
  await page.keyboard.press('Enter');
  const select = field.locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select ")][1]');
  await select.filter({ hasText: option }).waitFor();
}

/** Picks the node titled `title` in the antd TreeSelect whose input is `field`, with the keys as {@link chooseOption} does. */
export async function chooseTreeNode(page: Page, field: Locator, title: string): Promise<void> {
  await field.click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await dropdown.locator('.ant-select-tree-title').first().waitFor();
  const wanted = dropdown.locator('.ant-select-tree-treenode-active', { hasText: title });
  for (let step = 0; step < 200 && (await wanted.count()) === 0; step++) {
    await page.keyboard.press('ArrowDown');
  }
  await wanted.waitFor();
  await page.keyboard.press('Enter');
  const select = field.locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select ")][1]');
  await select.filter({ hasText: title }).waitFor();
}
