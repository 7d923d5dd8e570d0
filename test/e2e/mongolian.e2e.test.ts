/**
 * The resident app in traditional Mongolian (issue 7 #16): every screen written vertically — the
 * header, the tab bar, the toasts and the cards too — with case types and grid names in Mongolian
 * script, and nothing cut off. Screenshots of each screen go to test-results/screenshots/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLACES } from '../../src/server/modules/demo/places.ts';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/roster.ts';
import {
  newContext,
  reportCase,
  runBrowserTests,
  screenshot,
  startStage,
  type TestServer,
  unlabelledControls,
  watch,
} from './support.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watcher: ReturnType<typeof watch>;

// Names as the demo and the default catalogue give them in Mongolian.
const GRID_MN = 'ᠪᠠᠶᠠᠨ ᠣᠪᠣᠭ᠎ᠠ ᠭᠠᠴᠠᠭ᠎ᠠ ᠨᠢᠭᠡᠳᠦᠭᠡᠷ ᠪᠠᠭ';
const NEIGHBOUR_MN = 'ᠬᠥᠷᠰᠢ ᠶᠢᠨ ᠮᠠᠷᠭᠠᠭᠠᠨ';
const INFRASTRUCTURE_MN = 'ᠰᠠᠭᠤᠷᠢ ᠪᠠᠶᠢᠭᠤᠯᠤᠮᠵᠢ';

function writingMode(selector: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => getComputedStyle(el).writingMode);
}

/**
 * Elements of `selector` whose text is cut off: content overflowing the element itself, or the
 * element reaching outside the visible height of the page (vertical text must fit the height).
 */
async function cutOff(selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((elements) => {
    const out: string[] = [];
    const content = document.querySelector('.content')?.getBoundingClientRect();
    for (const el of elements as HTMLElement[]) {
      const rect = el.getBoundingClientRect();
      const name = `${el.className}: ${(el.textContent ?? '').slice(0, 30)}`;
      if (el.scrollHeight > el.clientHeight + 1) out.push(`${name} overflows its height`);
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${name} overflows its width`);
      if (content && (rect.top < content.top - 1 || rect.bottom > content.bottom + 1)) {
        out.push(
          `${name} reaches outside the page (${rect.top}–${rect.bottom} of ${content.top}–${content.bottom})`,
        );
      }
    }
    return out;
  });
}

describe.skipIf(!runBrowserTests)('resident app in traditional Mongolian (ᠮᠣᠩᠭᠣᠯ)', () => {
  beforeAll(async () => {
    ({ server, browser } = await startStage('resident'));
    context = await newContext(browser, 'phone', server.url);
    await context.setGeolocation({
      longitude: DEMO_PLACES.pastoralGrid.lng,
      latitude: DEMO_PLACES.pastoralGrid.lat,
    });
    page = await context.newPage();
    watcher = watch(page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('writes the sign-in screen, header and all, vertically', async () => {
    await page.goto('/');
    await page.getByLabel('语言').selectOption('mn');
    await page.getByRole('heading', { name: 'ᠨᠡᠪᠲᠡᠷᠡᠬᠦ' }).waitFor();
    await page.evaluate(() => document.fonts.ready);
    expect(await writingMode('.top .brand')).toBe('vertical-lr');
    expect(await writingMode('.content')).toBe('vertical-lr');
    expect(await cutOff('.field')).toEqual([]);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'resident-mn-sign-in');
    await page.getByLabel('ᠭᠠᠷ ᠤᠲᠠᠰᠤᠨ ᠤ ᠨᠣᠮᠧᠷ').fill('herder');
    await page.getByLabel('ᠨᠢᠭᠤᠴᠠ ᠦᠭᠡ').fill(DEMO_PASSWORD);
    await page.locator('.content').getByRole('button', { name: 'ᠨᠡᠪᠲᠡᠷᠡᠬᠦ' }).click();
    await page.getByRole('heading', { name: 'ᠠᠰᠠᠭᠤᠳᠠᠯ ᠪᠤᠶᠤ ᠮᠠᠷᠭᠠᠭᠠᠨ ᠢ ᠮᠡᠳᠡᠭᠦᠯᠬᠦ' }).waitFor();
    watcher.assertClean();
  });

  it('shows the report screen with its tab bar and toasts vertical, case types and the grid in Mongolian', async () => {
    expect(await writingMode('.top .brand')).toBe('vertical-lr');
    expect(await writingMode('.tabs .adm-tab-bar-item-title')).toBe('vertical-lr');
    await page.locator('.chip', { hasText: NEIGHBOUR_MN }).waitFor();
    expect(await page.locator('.chip', { hasText: '邻里纠纷' }).count()).toBe(0);
    // Sending with nothing filled in says what is missing, in a toast.
    await page.getByRole('button', { name: 'ᠢᠯᠡᠭᠡᠬᠦ', exact: true }).click();
    const toast = page.locator('.adm-toast-main');
    await toast.waitFor();
    expect(await toast.textContent()).toBe('ᠠᠩᠭᠢᠯᠠᠯ ᠢᠶᠠᠨ ᠰᠣᠩᠭᠣᠨ᠎ᠠ ᠤᠤ');
    expect(await writingMode('.adm-toast-main')).toBe('vertical-lr');
    await screenshot(page, 'resident-mn-toast');
    await toast.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'ᠣᠳᠣᠬᠢ ᠪᠠᠶᠢᠷᠢ ᠶᠢ ᠬᠡᠷᠡᠭᠯᠡᠬᠦ' }).click();
    await page.getByTestId('grid').filter({ hasText: GRID_MN }).waitFor();
    expect(await cutOff('.field')).toEqual([]);
    await screenshot(page, 'resident-mn-report');
    watcher.assertClean();
  });

  it('shows my cases and a case page with its timeline vertical and nothing cut off', async () => {
    const reported = await reportCase(
      server,
      { description: '冬季草场饮水点结冰，牲畜无法饮水，请尽快处理。' },
      'accepted',
      { caseType: 'infrastructure' },
    );

    await page.locator('.tabs').getByText('ᠮᠢᠨᠦ ᠬᠡᠷᠡᠭ').click();
    const card = page.locator(`.case-card[data-case-no="${reported.caseNo}"]`);
    await card.waitFor();
    expect(await writingMode(`.case-card[data-case-no="${reported.caseNo}"]`)).toBe('vertical-lr');
    expect(await cutOff('.case-card')).toEqual([]);
    await screenshot(page, 'resident-mn-cases');

    await card.click();
    const timeline = page.locator('.timeline');
    await timeline.getByText(`ᠬᠡᠷᠡᠭ ᠪᠣᠯᠭᠠᠨ ᠪᠦᠷᠢᠳᠬᠡᠪᠡ᠄ ${INFRASTRUCTURE_MN}`).waitFor();
    await page.locator('.case .meta', { hasText: GRID_MN }).waitFor();
    expect(await writingMode('.timeline')).toBe('vertical-lr');
    expect(await cutOff('.timeline, .case .description, .case .meta, .case h1')).toEqual([]);
    await screenshot(page, 'resident-mn-case');
    // The page scrolls sideways: the timeline's columns, all of them in view.
    await page.locator('.content').evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await page.waitForFunction(() => {
      const el = document.querySelector('.content') as HTMLElement;
      return el.scrollLeft + el.clientWidth >= el.scrollWidth - 1;
    });
    await screenshot(page, 'resident-mn-case-timeline');

    await page.locator('.tabs').getByText('ᠪᠢ', { exact: true }).click();
    await page.getByRole('heading', { name: 'ᠪᠢ' }).waitFor();
    expect(await cutOff('.account p, .account .adm-notice-bar')).toEqual([]);
    await screenshot(page, 'resident-mn-account');
    watcher.assertClean();
  });
});
