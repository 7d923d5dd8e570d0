/**
 * The 百姓管家 grid-worker app offers traditional Mongolian too (issue 7 #16): the language switch
 * has it, every string of the today screen and a case page is in Mongolian script, written vertically,
 * and so are the names of case types and handling levels (issue 8).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PLACES } from '../../src/server/modules/demo/seed.ts';
import { newContext, runBrowserTests, screenshot, startStage, type TestServer, watch } from './support.ts';

let server: TestServer;
let browser: Browser;
let page: Page;

async function apiAs(username: string) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const { token, user } = (await login.json()) as {
    token: string;
    user: { id: string; displayName: string };
  };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    userId: user.id,
    displayName: user.displayName,
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
    page.setDefaultTimeout(15_000);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('switches to Mongolian from the today screen and shows it in Mongolian script, vertically', async () => {
    const watcher = watch(page);
    const herder = await apiAs('herder');
    const chief = await apiAs('grid.chief');
    const worker = await apiAs('grid.worker');
    const reported = await herder.post('/api/v1/cases', {
      description: '牧道上的水泥桥出现裂缝，牛羊通过有危险。',
      lng: DEMO_PLACES.pastoralGrid.lng,
      lat: DEMO_PLACES.pastoralGrid.lat,
    });
    expect(reported.status).toBe(201);
    const id: string = reported.body.id;
    expect(
      (await chief.post(`/api/v1/cases/${id}/actions/register`, { caseType: 'infrastructure' })).status,
    ).toBe(200);
    expect(
      (await chief.post(`/api/v1/cases/${id}/actions/dispatch`, { handlerIds: [worker.userId] })).status,
    ).toBe(200);

    await page.goto('/worker/');
    await page.getByLabel('账号或手机号').fill('grid.worker');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('我的任务').waitFor();

    await page.getByRole('button', { name: 'ᠮᠣᠩᠭᠣᠯ' }).click();
    await page.getByText('ᠮᠢᠨᠦ ᠠᠵᠢᠯ').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('mn-Mong');
    await page.evaluate(() => document.fonts.ready);
    expect(await page.getByText('ᠮᠢᠨᠦ ᠠᠵᠢᠯ').evaluate((el) => getComputedStyle(el).writingMode)).toBe(
      'vertical-lr',
    );
    expect(await hanOutsideData([worker.displayName, reported.body.title])).toEqual([]);
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
