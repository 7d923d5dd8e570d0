/**
 * The 百姓管家 grid-worker app offers traditional Mongolian too (issue 7 #16): the language switch
 * has it, every string of the today screen and a case page is in Mongolian script, written vertically,
 * and so are the names of case types and handling levels (issue 8).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiAs,
  newContext,
  reportCase,
  runBrowserTests,
  screenshot,
  signInWorker,
  startStage,
  type TestServer,
  watch,
} from './support.ts';

let server: TestServer;
let browser: Browser;
let page: Page;

/**
 * Text of the page written in Han characters, other than data: `names[0]` the person's name, and
 * texts quoting any later name (case titles).
 */
function hanOutsideData(names: string[]): Promise<string[]> {
  return page.evaluate((names) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const raw = node.textContent ?? '';
      // Server messages quoting a case (notices) become translated codes with issue 7 #13.
      if (names.slice(1).some((title) => raw.includes(title))) continue;
      const text = raw.replaceAll(names[0] ?? '', '');
      if (!/[\u4e00-\u9fff]/.test(text)) continue;
      const el = node.parentElement;
      if (el?.closest('[data-user-text], .case-card .title, h1, .adm-nav-bar-title, .language-switch'))
        continue;
      out.push(text.trim());
    }
    return out;
  }, names);
}

describe.skipIf(!runBrowserTests)('grid-worker app in traditional Mongolian (ᠮᠣᠩᠭᠣᠯ)', () => {
  beforeAll(async () => {
    ({ server, browser } = await startStage('worker'));
    const context = await newContext(browser, 'phone', server.url);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('switches to Mongolian from the today screen and shows it in Mongolian script, vertically', async () => {
    const watcher = watch(page);
    const worker = await apiAs(server, 'grid.worker');
    const reported = await reportCase(
      server,
      { description: '牧道上的水泥桥出现裂缝，牛羊通过有危险。' },
      'dispatched',
      {
        caseType: 'infrastructure',
      },
    );
    const id: string = reported.id;

    await signInWorker(page, 'grid.worker');

    await page.getByRole('button', { name: 'ᠮᠣᠩᠭᠣᠯ' }).click();
    await page.getByText('ᠮᠢᠨᠦ ᠠᠵᠢᠯ').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('mn-Mong');
    await page.evaluate(() => document.fonts.ready);
    expect(await page.getByText('ᠮᠢᠨᠦ ᠠᠵᠢᠯ').evaluate((el) => getComputedStyle(el).writingMode)).toBe(
      'vertical-lr',
    );
    expect(await hanOutsideData([worker.displayName, reported.title])).toEqual([]);
    await screenshot(page, 'worker-mn-today');
    // The other languages stay one tap away.
    expect(await page.getByRole('button', { name: '中文' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'English' }).count()).toBe(1);

    await page.goto(`/worker/#/case/${id}`);
    await page.getByText('ᠰᠢᠢᠳᠪᠦᠷᠢᠯᠡᠭᠰᠡᠨ ᠶᠠᠪᠤᠴᠠ').waitFor();
    await page.getByRole('button', { name: 'ᠠᠵᠢᠯ ᠢ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠬᠤ' }).waitFor();
    // The case type and the handling level by their Mongolian names (issue 8), not 基础设施 / 社组/网格.
    await page.locator('[data-case-type]').getByText('ᠰᠠᠭᠤᠷᠢ ᠪᠠᠶᠢᠭᠤᠯᠤᠮᠵᠢ', { exact: true }).waitFor();
    const meta = (await page.locator('.case-meta').textContent()) ?? '';
    expect(meta).toContain('1 ᠳᠦᠭᠡᠷ ᠱᠠᠲᠤ · ᠰᠦᠯᠵᠢᠶ᠎ᠡ');
    expect(meta).not.toMatch(/[\u4e00-\u9fff]/);
    await screenshot(page, 'worker-mn-case');

    // And back: the choice is the person's.
    await page.goto('/worker/');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByText('我的任务').waitFor();
    watcher.assertClean();
  });
});
