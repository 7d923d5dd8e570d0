/**
 * The resident app with no signal (issue 7 #12): once my cases and a case page have been opened
 * online, a reload offline still shows the list, the case with its timeline, and when it was last synced.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  newContext,
  reportCase,
  runBrowserTests,
  screenshot,
  signInResident,
  startStage,
  type TestServer,
  watch,
} from './support.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

describe.skipIf(!runBrowserTests)('resident app offline (离线查看)', () => {
  beforeAll(async () => {
    ({ server, browser } = await startStage('resident'));
    context = await newContext(browser, 'phone', server.url);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows my cases and a case page with its timeline after a reload with no signal', async () => {
    const watcher = watch(page);
    // A case of the herder's, registered and dispatched, so its timeline has several entries.
    const reported = await reportCase(
      server,
      { description: '冬季草场饮水点结冰，牲畜无法饮水。' },
      'dispatched',
      {
        caseType: 'infrastructure',
      },
    );
    const caseNo: string = reported.caseNo;

    // Online: sign in, open my cases and the case page (the app shell goes onto the phone meanwhile).
    await signInResident(page);
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
