/**
 * The 智治乌审 resident app in a real browser on a phone viewport, against the real product:
 * sign in, report a dispute with a photo and the GPS position, follow it in "My cases" while the grid
 * team works it, rate it; report offline and see it sent exactly once; Mongolian (vertical) and English.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLACES } from '../../src/server/modules/demo/places.ts';
import {
  apiAs,
  newContext,
  runBrowserTests,
  screenshot,
  signInResident,
  startStage,
  type TestServer,
  unlabelledControls,
  walkCase,
  watch,
} from './support.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watcher: ReturnType<typeof watch>;

async function expectLabelled(): Promise<void> {
  expect(await unlabelledControls(page)).toEqual([]);
}

describe.skipIf(!runBrowserTests)('智治乌审 resident app (phone)', () => {
  beforeAll(async () => {
    ({ server, browser } = await startStage());
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

  it('signs in the herder by phone/username and password, saying SMS codes are not there yet', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await page.getByText('短信验证码暂未开通').waitFor();
    await expectLabelled();
    await screenshot(page, 'resident-sign-in');
    await signInResident(page);
    watcher.assertClean();
  });

  let caseId = '';
  it('reports a grassland dispute with a photo and the GPS position, the grid shown before sending', async () => {
    await page.getByText('土地草牧场纠纷').click();
    await page.getByLabel('情况描述').fill('邻居把网围栏往我家草场移了二十米，协商未果。');
    // A 2000×1500 "camera" photo, made in the page; the app sends it at 1280×960.
    const photo = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 2000;
      canvas.height = 1500;
      const g = canvas.getContext('2d') as CanvasRenderingContext2D;
      const sky = g.createLinearGradient(0, 0, 0, 1500);
      sky.addColorStop(0, '#9cc9f0');
      sky.addColorStop(0.55, '#e8f1d0');
      sky.addColorStop(1, '#7a9a3a');
      g.fillStyle = sky;
      g.fillRect(0, 0, 2000, 1500);
      g.strokeStyle = '#5a4632';
      g.lineWidth = 18;
      for (let x = 100; x < 2000; x += 220) g.strokeRect(x, 800, 12, 420);
      g.beginPath();
      g.moveTo(0, 900);
      g.lineTo(2000, 980);
      g.stroke();
      return canvas.toDataURL('image/jpeg', 0.9).split(',')[1] ?? '';
    });
    await page
      .getByLabel('添加照片')
      .setInputFiles({ name: 'fence.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(photo, 'base64') });
    await expect.poll(() => page.locator('.thumb img').count()).toBe(1);
    await page.getByRole('button', { name: '使用当前定位' }).click();
    const grid = page.getByTestId('grid');
    await grid.waitFor();
    expect(await grid.textContent()).toContain('一社');
    await page.getByLabel('联系电话（选填）').fill('13947700001');
    await expectLabelled();
    await screenshot(page, 'resident-report');
    await page.getByRole('button', { name: '提交' }).click();

    // The app opens the new case: received, with its photo.
    await page.getByText('收到您的反映').waitFor();
    caseId = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('待受理');
    const herder = await apiAs(server, 'herder');
    await expect.poll(async () => (await herder.get(`/api/v1/cases/${caseId}/photos`)).body.length).toBe(1);
    const saved = (await herder.get(`/api/v1/cases/${caseId}`)).body;
    expect(saved).toMatchObject({ caseType: 'land_grassland', contactPhone: '139****0001' });
    expect(saved.location.lng).toBeCloseTo(DEMO_PLACES.pastoralGrid.lng, 5);
    await page.reload();
    await page.locator('.case img').first().waitFor();
    expect(
      await page
        .locator('.case img')
        .first()
        .evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBe(1280);
    watcher.assertClean();
  });

  it('shows the case in My cases with its timeline as the grid team works it, and takes the return visit', async () => {
    await walkCase(server, caseId, 'verified', {
      caseType: 'land_grassland',
      result: '网围栏已按原界线恢复，双方签字确认。',
    });

    await page.locator('.tabs').getByText('我的事项').click();
    await page.getByRole('heading', { name: '我的事项' }).waitFor();
    const card = page.locator('.case-card').first();
    // The list shows the last synced copy first, then the server's: wait for the server's status.
    await expect.poll(() => card.textContent()).toContain('待回访');
    await screenshot(page, 'resident-my-cases');
    await card.click();
    await page.getByText('登记为案件：土地草牧场纠纷').waitFor();
    const timeline = await page.locator('.timeline').textContent();
    expect(timeline).toContain('已派给');
    expect(timeline).toContain('处理人已接单');
    expect(timeline).toContain('处理结果已核实');
    expect(await page.locator('.result').textContent()).toContain('网围栏已按原界线恢复');
    await page.getByRole('heading', { name: '回访评价' }).waitFor();
    await page.getByLabel('5 星').check();
    await page.getByLabel('意见（选填）').fill('处理及时，谢谢网格员。');
    await expectLabelled();
    await screenshot(page, 'resident-case');
    await page.getByRole('button', { name: '满意', exact: true }).click();
    await page.getByText('您的评价：满意').waitFor();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('待归档');
    expect(await page.locator('.timeline').textContent()).toContain('回访：满意');
    const herder = await apiAs(server, 'herder');
    expect((await herder.get(`/api/v1/cases/${caseId}`)).body.status).toBe('visited');
    watcher.assertClean();
  });

  it('keeps a report made offline in the outbox and sends it exactly once when back online', async () => {
    const herder = await apiAs(server, 'herder');
    const before = (await herder.get('/api/v1/cases?mine=true&limit=500')).body.total as number;
    await page.goto('/#/report');
    await page.getByRole('heading', { name: '反映问题或纠纷' }).waitFor();
    await context.setOffline(true);
    await page.getByText('当前没有网络').waitFor();
    await page.getByText('邻里纠纷').click();
    await page.getByLabel('情况描述').fill('夜里有人在草场边烧荒，担心引发火灾。');
    await page.getByRole('button', { name: '使用当前定位' }).click();
    await page.getByText('离线：网格将在发送后确定').waitFor();
    await page.getByRole('button', { name: '提交' }).click();
    const item = page.locator('.outbox-item').last();
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('waiting');
    expect(await item.textContent()).toContain('等待网络');
    await screenshot(page, 'resident-outbox-waiting');
    expect((await herder.get('/api/v1/cases?mine=true&limit=500')).body.total).toBe(before);

    await context.setOffline(false);
    await expect.poll(() => item.getAttribute('data-status')).toBe('sent');
    expect(await item.textContent()).toContain('已发送');
    await screenshot(page, 'resident-outbox-sent');
    // Exactly one new case on the server, and it shows in the list.
    const after = (await herder.get('/api/v1/cases?mine=true&limit=500')).body;
    expect(after.total).toBe(before + 1);
    const burning = after.items.filter((c: { title: string }) => c.title.startsWith('夜里有人在草场边烧荒'));
    expect(burning).toHaveLength(1);
    await page.locator('.case-card', { hasText: '夜里有人在草场边烧荒' }).waitFor();
    // A second flush (the next 'online' event, a restart) sends nothing again: count the reports
    // the page sends until the reloaded list has come back.
    const resent: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/cases') resent.push(r.url());
    });
    const reloaded = page.waitForResponse(
      (r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/v1/cases',
    );
    // The 'online' event flushes the outbox again; the reload flushes once more on start and
    // fetches the list, whose answer is the point by which any resend would have gone out.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.reload();
    await reloaded;
    expect(resent).toEqual([]);
    expect((await herder.get('/api/v1/cases?mine=true&limit=500')).body.total).toBe(before + 1);
    watcher.assertClean();
  });

  it('offers a traditional-Mongolian interface written vertically, and a complete English one', async () => {
    await page.goto('/#/report');
    await page.getByLabel('语言').selectOption('mn');
    await page.getByRole('heading', { name: 'ᠠᠰᠠᠭᠤᠳᠠᠯ ᠪᠤᠶᠤ ᠮᠠᠷᠭᠠᠭᠠᠨ ᠢ ᠮᠡᠳᠡᠭᠦᠯᠬᠦ' }).waitFor();
    const mode = await page.locator('.content').evaluate((el) => getComputedStyle(el).writingMode);
    expect(mode).toBe('vertical-lr');
    expect(await page.locator('html').getAttribute('lang')).toBe('mn-Mong');
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans Mongolian"', 'ᠮᠣᠩᠭᠣᠯ'))).toBe(
      true,
    );
    await page.getByText('ᠬᠡᠷᠡᠭ ᠤᠨ ᠪᠠᠶᠢᠷᠢ', { exact: true }).waitFor();
    await expectLabelled();
    await screenshot(page, 'resident-report-mongolian');

    await page.getByLabel('ᠬᠡᠯᠡ').selectOption('en');
    await page.getByRole('heading', { name: 'Report a problem or dispute' }).waitFor();
    expect(await page.locator('.content').evaluate((el) => getComputedStyle(el).writingMode)).toBe(
      'horizontal-tb',
    );
    for (const text of ['Category', 'What happened', 'Location', 'Use my location', 'Send']) {
      await page.getByText(text, { exact: true }).first().waitFor();
    }
    await screenshot(page, 'resident-report-english');
    await page.goto('/#/cases');
    await page.getByRole('heading', { name: 'My cases' }).waitFor();
    expect(await page.locator('.case-card').first().textContent()).toMatch(/No\. /);
    await page.getByLabel('Language').selectOption('zh');
    watcher.assertClean();
  });
});
