/**
 * Issue 7 #8 in a real browser: the three apps run under the Content-Security-Policy without a
 * single violation or console error — antd's injected styles, MapLibre's worker, photo previews
 * from blob:/data: URLs — and they stay signed in by the httpOnly cookie alone: no token where a
 * script could read it. Issue 7 #5: the resident sees the password rule before signing up.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  newContext,
  runBrowserTests,
  signInResident,
  startStage,
  submitConsoleSignIn,
  type TestServer,
  watch,
} from './support.ts';

let server: TestServer;
let browser: Browser;

/** Opens a page that records every CSP violation the browser reports. */
async function watchedPage(kind: 'phone' | 'desktop') {
  const context = await newContext(browser, kind, server.url);
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const page = await context.newPage();
  return { context, page, watcher: watch(page) };
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

/** What scripts on the page can read: every localStorage entry and document.cookie. */
const readableByScripts = (page: Page) =>
  page.evaluate(() => ({ storage: Object.entries(localStorage), cookie: document.cookie }));

describe.skipIf(!runBrowserTests)('the apps under the security headers (issue 7 #8)', () => {
  beforeAll(async () => {
    ({ server, browser } = await startStage('resident'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('serves the resident app with the policy; signs in by cookie only and shows the map and a photo', async () => {
    const { context, page, watcher } = await watchedPage('phone');
    const response = await page.goto('/');
    const headers = response?.headers() ?? {};
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    await signInResident(page);

    const session = (await context.cookies()).find((c) => c.name === 'zhizhi_session');
    expect(session?.httpOnly).toBe(true);
    const readable = await readableByScripts(page);
    expect(readable.cookie).not.toContain('zhizhi_session');
    expect(readable.storage.filter(([, value]) => value.includes(session?.value ?? '?'))).toEqual([]);
    expect(readable.storage.map(([key]) => key)).not.toContain('zhizhi.token');

    // A reload stays signed in: the cookie is enough.
    await page.reload();
    await page.getByRole('heading', { name: '反映问题或纠纷' }).waitFor();
    // MapLibre (its worker) and a photo preview (a blob: or data: URL).
    await page.getByRole('button', { name: '在地图上选点' }).click();
    await page.locator('canvas.maplibregl-canvas').waitFor();
    const jpeg = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 48;
      const g = canvas.getContext('2d') as CanvasRenderingContext2D;
      g.fillStyle = '#7a9a3a';
      g.fillRect(0, 0, 64, 48);
      return canvas.toDataURL('image/jpeg').split(',')[1] ?? '';
    });
    await page
      .getByLabel('添加照片')
      .setInputFiles({ name: 'a.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpeg, 'base64') });
    await page.locator('.thumb img').waitFor();
    expect(
      await page.locator('.thumb img').evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);
    watcher.assertClean();
    await context.close();
  });

  it('shows the password rule while signing up, before anything is sent', async () => {
    const { context, page, watcher } = await watchedPage('phone');
    let registrations = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/auth/register')) registrations++;
    });
    await page.goto('/');
    await page.getByRole('button', { name: '没有账号？用手机号注册' }).click();
    await page.getByLabel('手机号').fill('15947712345');
    await page.getByLabel('密码').fill('11111111');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('这是最常见的密码之一，请换一个');
    await page.getByLabel('密码').fill('x15947712345');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('密码不能包含手机号或用户名');
    await page.getByLabel('姓名').fill('巴雅尔');
    await page.getByRole('button', { name: '注册并登录' }).click();
    await page.getByText('密码不能包含手机号或用户名', { exact: true }).first().waitFor();
    expect(registrations).toBe(0);
    await page.getByLabel('密码').fill('grassland-spring-27');
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
    expect(await violations(page)).toEqual([]);
    watcher.assertClean();
    await context.close();
  });

  it('runs the worker app and the console (antd styles, the area map) without a violation', async () => {
    const worker = await watchedPage('phone');
    await worker.page.goto('/worker/');
    await worker.page.getByLabel('密码').waitFor();
    expect(await violations(worker.page)).toEqual([]);
    worker.watcher.assertClean();
    await worker.context.close();

    const { context, page, watcher } = await watchedPage('desktop');
    await page.goto('/console/admin/areas');
    await submitConsoleSignIn(page, 'admin');
    await page.getByTestId('who-am-i').waitFor();
    expect(await readableByScripts(page).then((r) => r.storage.map(([key]) => key))).not.toContain(
      'zhizhi.token',
    );
    await page.getByRole('tab', { name: '地图' }).click();
    const map = page.getByTestId('area-map');
    // The shapes count comes from MapLibre's worker: drawn means the worker ran under the policy.
    await expect.poll(() => map.getAttribute('data-shapes')).toMatch(/^[1-9]\d*$/);
    expect(await violations(page)).toEqual([]);
    watcher.assertClean();
    await context.close();
  });
});
