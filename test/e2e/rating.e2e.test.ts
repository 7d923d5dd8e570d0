/**
 * 回访评分 in the resident app (issue 7 #10): for each of one to five stars, tapping that star shows
 * it on screen and is exactly the rating the server stores; nothing is rated until a star is tapped,
 * and five stars cannot be sent as "not satisfied".
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiAs,
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
let page: Page;
let watcher: ReturnType<typeof watch>;

/** The rating the server stored with the return visit (visited or reopened entry of the history). */
async function storedRating(caseId: string): Promise<unknown> {
  const herder = await apiAs(server, 'herder');
  const history: { type: string; payload: { rating?: number } }[] = (
    await herder.get(`/api/v1/cases/${caseId}/history`)
  ).body;
  return history.find((e) => e.type === 'visited' || e.type === 'reopened')?.payload.rating;
}

describe.skipIf(!runBrowserTests)('return-visit rating (回访评分) in the resident app', () => {
  beforeAll(async () => {
    ({ server, browser } = await startStage('resident'));
    const context = await newContext(browser, 'phone', server.url);
    page = await context.newPage();
    watcher = watch(page);
    await signInResident(page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const stars of [1, 2, 3, 4, 5] as const) {
    it(`stores ${stars} of 5 when star number ${stars} is tapped`, async () => {
      // A case the grid team has taken to 待回访 (verified).
      const { id: caseId } = await reportCase(
        server,
        { description: `回访评分测试：${stars} 星，邻居院墙渗水。` },
        'verified',
      );
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
