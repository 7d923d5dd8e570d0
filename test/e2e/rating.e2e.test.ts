/**
 * 回访评分 in the resident app (issue 7 #10): for each of one to five stars, tapping that star shows
 * it on screen and is exactly the rating the server stores; nothing is rated until a star is tapped,
 * and five stars cannot be sent as "not satisfied".
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PLACES } from '../../src/server/modules/demo/seed.ts';
import { newContext, runBrowserTests, screenshot, startStage, type TestServer, watch } from './support.ts';

let server: TestServer;
let browser: Browser;
let page: Page;
let watcher: ReturnType<typeof watch>;

/** Signs a demo account in through the API; returns a small client. */
async function apiAs(username: string) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const { token, user } = (await login.json()) as { token: string; user: { id: string } };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    userId: user.id,
    // biome-ignore lint/suspicious/noExplicitAny: API answers are inspected freely in tests
    async get(path: string): Promise<any> {
      return (await fetch(`${server.url}${path}`, { headers })).json();
    },
    // biome-ignore lint/suspicious/noExplicitAny: API answers are inspected freely in tests
    async post(path: string, body: unknown = {}): Promise<{ status: number; body: any }> {
      const res = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
  };
}

/** A case the herder reported, taken by the grid team to 待回访 (verified); its id. */
async function caseAwaitingVisit(description: string): Promise<string> {
  const herder = await apiAs('herder');
  const chief = await apiAs('grid.chief');
  const worker = await apiAs('grid.worker');
  const guide = await apiAs('grid.guide');
  const reported = await herder.post('/api/v1/cases', {
    description,
    lng: DEMO_PLACES.pastoralGrid.lng,
    lat: DEMO_PLACES.pastoralGrid.lat,
  });
  expect(reported.status).toBe(201);
  const id: string = reported.body.id;
  const act = (who: typeof chief, action: string, body: unknown = {}) =>
    who.post(`/api/v1/cases/${id}/actions/${action}`, body);
  expect((await act(chief, 'register', { caseType: 'neighbour' })).status).toBe(200);
  expect((await act(chief, 'dispatch', { handlerIds: [worker.userId] })).status).toBe(200);
  expect((await act(worker, 'accept')).status).toBe(200);
  expect((await act(worker, 'feedback', { result: '已上门协调，双方和解。' })).status).toBe(200);
  expect((await act(guide, 'verify')).status).toBe(200);
  return id;
}

/** The rating the server stored with the return visit (visited or reopened entry of the history). */
async function storedRating(caseId: string): Promise<unknown> {
  const herder = await apiAs('herder');
  const history: { type: string; payload: { rating?: number } }[] = await herder.get(
    `/api/v1/cases/${caseId}/history`,
  );
  return history.find((e) => e.type === 'visited' || e.type === 'reopened')?.payload.rating;
}

describe.skipIf(!runBrowserTests)('return-visit rating (回访评分) in the resident app', () => {
  beforeAll(async () => {
    ({ server, browser } = await startStage('resident'));
    const context = await newContext(browser, 'phone', server.url);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    watcher = watch(page);
    await page.goto('/');
    await page.getByLabel('手机号').fill('herder');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '反映问题或纠纷' }).waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const stars of [1, 2, 3, 4, 5] as const) {
    it(`stores ${stars} of 5 when star number ${stars} is tapped`, async () => {
      const caseId = await caseAwaitingVisit(`回访评分测试：${stars} 星，邻居院墙渗水。`);
      await page.goto(`/#/cases/${caseId}`);
      await page.getByRole('heading', { name: '回访评价' }).waitFor();
      const satisfied = page.getByRole('button', { name: '满意', exact: true });
      const unsatisfied = page.getByRole('button', { name: '不满意，要求重新处理' });
      // No default: nothing shown as chosen, and nothing can be sent yet.
      expect(await page.getByTestId('rating-value').count()).toBe(0);
      expect(await satisfied.isDisabled()).toBe(true);
      expect(await unsatisfied.isDisabled()).toBe(true);

      await page
        .locator('.stars .star')
        .nth(stars - 1)
        .tap();
      await page
        .getByTestId('rating-value')
        .filter({ hasText: `${stars}★` })
        .waitFor();
      expect(await page.getByTestId('rating-value').textContent()).toBe(`${stars}★`);
      await screenshot(page, `resident-rating-${stars}`);

      if (stars === 5) {
        // Five stars and "not satisfied" contradict each other: the app does not offer it.
        expect(await unsatisfied.isDisabled()).toBe(true);
        await page.getByText('您打了 5 星').waitFor();
      }
      if (stars <= 2) {
        await unsatisfied.tap();
        await page.getByText('您的评价：不满意').waitFor();
      } else {
        await satisfied.tap();
        await page.getByText('您的评价：满意').waitFor();
      }
      expect(await storedRating(caseId)).toBe(stars);
      watcher.assertClean();
    });
  }
});
