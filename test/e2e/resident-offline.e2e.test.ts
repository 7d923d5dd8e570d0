/**
 * The resident app with no signal (issue 7 #12): once my cases and a case page have been opened
 * online, a reload offline still shows the list, the case with its timeline, and when it was last synced.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PLACES } from '../../src/server/modules/demo/seed.ts';
import { newContext, runBrowserTests, screenshot, startStage, type TestServer, watch } from './support.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

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

describe.skipIf(!runBrowserTests)('resident app offline (离线查看)', () => {
  beforeAll(async () => {
    ({ server, browser } = await startStage('resident'));
    context = await newContext(browser, 'phone', server.url);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows my cases and a case page with its timeline after a reload with no signal', async () => {
    const watcher = watch(page);
    // A case of the herder's, registered and dispatched, so its timeline has several entries.
    const herder = await apiAs('herder');
    const chief = await apiAs('grid.chief');
    const worker = await apiAs('grid.worker');
    const reported = await herder.post('/api/v1/cases', {
      description: '冬季草场饮水点结冰，牲畜无法饮水。',
      lng: DEMO_PLACES.pastoralGrid.lng,
      lat: DEMO_PLACES.pastoralGrid.lat,
    });
    expect(reported.status).toBe(201);
    const caseId: string = reported.body.id;
    const caseNo: string = reported.body.caseNo;
    const act = (action: string, body: unknown) =>
      chief.post(`/api/v1/cases/${caseId}/actions/${action}`, body);
    expect((await act('register', { caseType: 'infrastructure' })).status).toBe(200);
    expect((await act('dispatch', { handlerIds: [worker.userId] })).status).toBe(200);

    // Online: sign in, open my cases and the case page (the app shell goes onto the phone meanwhile).
    await page.goto('/');
    await page.getByLabel('手机号').fill('herder');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '反映问题或纠纷' }).waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.goto('/#/cases');
    await page.locator(`.case-card[data-case-no="${caseNo}"]`).waitFor();
    await page.locator(`.case-card[data-case-no="${caseNo}"]`).click();
    await page.getByText('登记为案件：基础设施').waitFor();
    await page.getByText('已派给').waitFor();

    // No signal: reload on the case page.
    await context.setOffline(true);
    await page.reload();
    await page.getByText('当前没有网络').waitFor();
    await page.getByRole('heading', { name: '冬季草场饮水点结冰，牲畜无法饮水。' }).waitFor();
    const timeline = page.locator('.timeline');
    await timeline.getByText('登记为案件：基础设施').waitFor();
    expect(await timeline.textContent()).toContain('已派给');
    await page
      .getByTestId('last-synced')
      .filter({ hasText: /上次同步：\d{2}-\d{2} \d{2}:\d{2}/ })
      .waitFor();
    expect(await page.getByText('Failed to fetch').count()).toBe(0);
    await screenshot(page, 'resident-case-offline');

    // …and on my cases.
    await page.goto('/#/cases');
    await page.reload();
    await page.getByRole('heading', { name: '我的事项' }).waitFor();
    await page.locator(`.case-card[data-case-no="${caseNo}"]`).waitFor();
    expect(await page.locator(`.case-card[data-case-no="${caseNo}"]`).textContent()).toContain('待接收');
    await page
      .getByTestId('last-synced')
      .filter({ hasText: /上次同步：\d{2}-\d{2} \d{2}:\d{2}/ })
      .waitFor();
    await screenshot(page, 'resident-cases-offline');
    await context.setOffline(false);
    // Requests the browser itself reports failing offline (not the app's) are the only noise allowed.
    expect(watcher.problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  });
});
