/**
 * A test application loaded with the Wushen Banner demo, and a small client that signs in as any
 * demo account and calls the API as that person.
 */
import { type HistorySummary, seedDemoHistory } from '../modules/demo/history.ts';
import { DEMO_PASSWORD, seedDemo } from '../modules/demo/seed.ts';
import { hashPassword } from '../modules/people/passwords.ts';
import { seedDefaults } from '../seed-defaults.ts';
import { createTestApp, type TestApp } from './app.ts';

let demoHash: Promise<string> | undefined;

export interface ApiResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected freely
  body: any;
}

export interface Client {
  userId: string;
  username: string;
  get(url: string): Promise<ApiResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  /** POST /api/v1/cases/{id}/actions/{action} */
  act(caseId: string, action: string, body?: unknown): Promise<ApiResponse>;
}

export interface DemoApp extends TestApp {
  as(username: string): Promise<Client>;
  /** The year of cases seeded before the test's start, when `history` asked for one. */
  history?: HistorySummary;
}

export interface DemoAppOptions {
  start?: string;
  /**
   * Cases of history to seed over the year before `start` (through the case service, jobs run):
   * default ZHIZHI_DEMO_HISTORY, else none — most tests want an empty case list.
   */
  history?: number;
  /** Seed of the history (default 1). */
  seed?: number;
}

export async function createDemoApp(options: DemoAppOptions = {}): Promise<DemoApp> {
  const t = await createTestApp(options.start === undefined ? {} : { start: options.start });
  demoHash ??= hashPassword(DEMO_PASSWORD);
  await seedDefaults(t.database.db);
  const end = t.clock.now();
  const cases = options.history ?? Number(process.env.ZHIZHI_DEMO_HISTORY ?? 0);
  // With a history, the county was set up a year before the test's start.
  const setUp = cases > 0 ? new Date(end.getTime() - 365 * 86_400_000) : end;
  await seedDemo(t.database.db, { passwordHash: await demoHash, cipher: t.cipher, now: setUp });
  const history =
    cases > 0
      ? await seedDemoHistory(
          { db: t.database.db, cases: t.services.cases, scheduler: t.services.scheduler, clock: t.clock },
          { cases, seed: options.seed ?? 1, end, passwordHash: await demoHash },
        )
      : undefined;
  const clients = new Map<string, Client>();
  return {
    ...t,
    ...(history ? { history } : {}),
    async as(username) {
      const cached = clients.get(username);
      if (cached) return cached;
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: DEMO_PASSWORD },
      });
      if (login.statusCode !== 200) throw new Error(`cannot sign in as ${username}: ${login.body}`);
      const { token, user } = login.json();
      const headers = { authorization: `Bearer ${token}` };
      const wrap = (res: { statusCode: number; body: string }): ApiResponse => ({
        status: res.statusCode,
        body: res.body ? JSON.parse(res.body) : undefined,
      });
      const client: Client = {
        userId: user.id,
        username,
        get: async (url) => wrap(await t.app.inject({ method: 'GET', url, headers })),
        post: async (url, body, extra) =>
          wrap(
            await t.app.inject({
              method: 'POST',
              url,
              headers: { ...headers, ...extra },
              payload: body ?? {},
            }),
          ),
        act: async (caseId, action, body) =>
          wrap(
            await t.app.inject({
              method: 'POST',
              url: `/api/v1/cases/${caseId}/actions/${action}`,
              headers,
              payload: body ?? {},
            }),
          ),
      };
      clients.set(username, client);
      return client;
    },
  };
}
