/**
 * The console on small screens (issue 7 #15): at 1024×768 (a small laptop) and 768×1024 (a tablet
 * held upright) the case list and the case page keep every table column at least about three
 * characters wide and never make the page scroll sideways. Screenshots of each go to
 * test-results/screenshots/ (console-<page>-<width>.png).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  reportCase,
  runBrowserTests,
  screenshot,
  startStage,
  submitConsoleSignIn,
  type TestServer,
  WAIT_MS,
  watch,
} from './support.ts';

let server: TestServer;
let browser: Browser;
let caseId = '';

/** Cells (table cells, description labels and values) narrower than three characters of their own font. */
function narrowCells(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const cells = document.querySelectorAll(
      '.ant-table-thead th, .ant-table-tbody td, .ant-descriptions-item-label, .ant-descriptions-item-content',
    );
    for (const cell of Array.from(cells)) {
      const el = cell as HTMLElement;
      if (el.offsetParent === null || el.classList.contains('ant-table-selection-column')) continue;
      if (el.getAttribute('aria-hidden') === 'true' || el.closest('.ant-table-measure-row')) continue;
      const style = getComputedStyle(el);
      const inner = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const threeChars = 3 * parseFloat(style.fontSize);
      if (inner < threeChars)
        out.push(`${el.tagName}.${el.className} "${el.textContent?.slice(0, 20)}": ${Math.round(inner)}px`);
    }
    return out;
  });
}

/** How far the page scrolls sideways (0 when it fits). */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function signedIn(width: number, height: number): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width, height },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  await page.goto('/console/cases');
  await submitConsoleSignIn(page, 'town.operator');
  await page.getByTestId('who-am-i').waitFor();
  return page;
}

describe.skipIf(!runBrowserTests)('the console on a small laptop and a tablet', () => {
  beforeAll(async () => {
    ({ server, browser } = await startStage('console'));
    for (const title of ['网围栏越界纠纷，邻居把网围栏往我家草场移了二十米', '饮水井使用纠纷']) {
      const report = { title, description: `${title}：需要网格员上门了解情况。`, caseType: 'land_grassland' };
      caseId = (await reportCase(server, report)).id;
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [width, height] of [
    [1024, 768],
    [768, 1024],
  ] as const) {
    it(`at ${width}×${height} the case list and the case page are readable and fit the width`, async () => {
      const page = await signedIn(width, height);
      const watcher = watch(page);
      await page.locator('.ant-table-tbody tr[data-row-key]').first().waitFor();
      await screenshot(page, `console-list-${width}`);
      expect(await narrowCells(page)).toEqual([]);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

      await page.goto(`/console/cases/${caseId}`);
      await page.getByTestId('case-details').waitFor();
      await page.getByTestId('timeline').waitFor();
      await screenshot(page, `console-case-${width}`);
      expect(await narrowCells(page)).toEqual([]);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      watcher.assertClean();
      await page.context().close();
    });
  }
});
