/**
 * The evidence reaches the people who act (issue 7 #11): a herder reports with a photo in the
 * resident app; the grid worker (百姓管家) and the town's centre operator (console) each see its
 * thumbnail, open it full size and see the case on a small map; the worker, with no signal, gives
 * feedback with an "after" photo; back online it is uploaded, and the console shows it exactly once.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLACES } from '../../src/server/modules/demo/places.ts';
import {
  apiAs,
  newContext,
  runBrowserTests,
  screenshot,
  signInResident,
  signInWorker,
  startStage,
  submitConsoleSignIn,
  type TestServer,
  walkCase,
  watch,
} from './support.ts';

let server: TestServer;
let browser: Browser;

/** A JPEG drawn in the page (a "camera" photo), as base64. */
function drawPhoto(page: Page, colour: string): Promise<Buffer> {
  return page
    .evaluate((fill) => {
      const canvas = document.createElement('canvas');
      canvas.width = 1600;
      canvas.height = 1200;
      const g = canvas.getContext('2d') as CanvasRenderingContext2D;
      g.fillStyle = fill;
      g.fillRect(0, 0, 1600, 1200);
      g.fillStyle = '#5a4632';
      for (let x = 100; x < 1600; x += 200) g.fillRect(x, 600, 14, 400);
      return canvas.toDataURL('image/jpeg', 0.9).split(',')[1] ?? '';
    }, colour)
    .then((b64) => Buffer.from(b64, 'base64'));
}

/** The full view opened from the first thumbnail of `kind` shows a decoded image, then closes. */
async function openFullView(page: Page, kind: string): Promise<void> {
  await page.locator(`[data-testid="photo-thumb"][data-kind="${kind}"]`).first().click();
  const full = page.getByTestId('photo-full');
  await full.waitFor();
  await page.waitForFunction(() => {
    const img = document.querySelector('[data-testid="photo-full"]') as HTMLImageElement | null;
    return img?.complete && img.naturalWidth > 0;
  });
  const dialog = page.getByRole('dialog', { name: /照片大图/ });
  expect(await dialog.count()).toBe(1);
  await dialog.getByRole('button', { name: '关闭' }).click();
  await full.waitFor({ state: 'detached' });
}

/** The case map has drawn (MapLibre loaded, the grid outline and pin on a canvas) at the case's point. */
async function expectMap(page: Page, lng: number, lat: number): Promise<void> {
  const map = page.locator('[data-testid="case-map"][data-loaded="true"]');
  await map.waitFor();
  expect(await map.locator('canvas.maplibregl-canvas').count()).toBe(1);
  expect(await map.locator('.maplibregl-marker').count()).toBe(1);
  expect(Number(await map.getAttribute('data-lng'))).toBeCloseTo(lng, 4);
  expect(Number(await map.getAttribute('data-lat'))).toBeCloseTo(lat, 4);
}

describe.skipIf(!runBrowserTests)('evidence on the case page (现场证据)', () => {
  let caseId = '';
  let location = { lng: 0, lat: 0 };

  beforeAll(async () => {
    ({ server, browser } = await startStage('worker'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a herder reports a dispute with a photo in the resident app', async () => {
    const context = await newContext(browser, 'phone', server.url);
    await context.setGeolocation({
      longitude: DEMO_PLACES.pastoralGrid.lng,
      latitude: DEMO_PLACES.pastoralGrid.lat,
    });
    const page = await context.newPage();
    await signInResident(page);
    await page.getByText('土地草牧场纠纷').click();
    await page.getByLabel('情况描述').fill('邻居的网围栏压到我家草场二十米，照片为证。');
    await page
      .getByLabel('添加照片')
      .setInputFiles({ name: 'fence.jpg', mimeType: 'image/jpeg', buffer: await drawPhoto(page, '#9cc9f0') });
    await page.locator('.thumb img').first().waitFor();
    await page.getByRole('button', { name: '使用当前定位' }).click();
    await page.getByTestId('grid').waitFor();
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/cases') && r.request().method() === 'POST' && r.status() === 201,
    );
    const photoSent = page.waitForResponse((r) => /\/photos$/.test(r.url()) && r.status() === 201);
    await page.getByRole('button', { name: '提交' }).click();
    caseId = ((await (await created).json()) as { id: string }).id;
    await photoSent;
    const herder = await apiAs(server, 'herder');
    location = (await herder.get(`/api/v1/cases/${caseId}`)).body.location;
    expect(location.lng).toBeCloseTo(DEMO_PLACES.pastoralGrid.lng, 4);
    expect(
      (await herder.get(`/api/v1/cases/${caseId}/photos`)).body.map((p: { kind: string }) => p.kind),
    ).toEqual(['report']);
    await context.close();

    // The grid chief registers it and dispatches it to the grid worker; the worker accepts.
    await walkCase(server, caseId, 'accepted', { caseType: 'land_grassland' });
  });

  it('the grid worker sees the photo, opens it, sees the map and a link to navigate there; offline feedback with an "after" photo is sent once', async () => {
    const context = await newContext(browser, 'phone', server.url);
    const page = await context.newPage();
    const watcher = watch(page);
    await signInWorker(page, 'grid.worker');
    await page.goto(`/worker/#/case/${caseId}`);
    await page.getByRole('button', { name: '反馈结果' }).waitFor();

    const thumb = page.locator('[data-testid="photo-thumb"][data-kind="report"]');
    await thumb.locator('img').waitFor();
    expect(await thumb.count()).toBe(1);
    await openFullView(page, 'report');
    await expectMap(page, location.lng, location.lat);
    const navigate = page.getByRole('link', { name: '导航前往' });
    const href = (await navigate.getAttribute('href')) ?? '';
    expect(href).toMatch(/^geo:/);
    const [lat, lng] = href.slice(4).split('?')[0]?.split(',').map(Number) ?? [];
    expect(lat).toBeCloseTo(location.lat, 5);
    expect(lng).toBeCloseTo(location.lng, 5);
    await screenshot(page, 'evidence-worker-case');

    // No signal: feedback with an "after" photo waits in the outbox, both of them.
    await context.setOffline(true);
    await page.getByRole('button', { name: '反馈结果' }).click();
    await page.getByLabel('处置结果').fill('已协调双方，围栏已挪回原界线。');
    await page
      .getByLabel('处置后照片（选填）')
      .setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: await drawPhoto(page, '#b7eb8f') });
    await page.locator('.photo-picker[data-kind="after"] img').waitFor();
    await screenshot(page, 'evidence-worker-feedback-offline');
    await page.locator('.action-form').getByRole('button', { name: '提交' }).click();
    await expect.poll(() => page.locator('.outbox-item[data-status="waiting"]').count()).toBe(2);

    // Signal again: the feedback, then its photo, each sent once.
    const uploaded = page.waitForResponse((r) => /\/photos\?kind=after$/.test(r.url()) && r.status() === 201);
    await context.setOffline(false);
    await uploaded;
    await page.locator('.outbox-item[data-status="sent"]').nth(1).waitFor();
    expect(await page.locator('.outbox-item[data-status="sent"]').count()).toBe(2);
    await page.locator('[data-testid="photo-thumb"][data-kind="after"] img').waitFor();
    expect(await page.locator('[data-testid="photo-thumb"][data-kind="after"]').count()).toBe(1);
    await screenshot(page, 'evidence-worker-after-sent');
    const offlineNoise = /net::ERR_INTERNET_DISCONNECTED/;
    expect(watcher.problems.filter((p) => !offlineNoise.test(p))).toEqual([]);
    await context.close();
  });

  it('the centre operator sees the reported photo and the "after" photo exactly once, full size, and the map', async () => {
    const context = await newContext(browser, 'desktop', server.url);
    const page = await context.newPage();
    const watcher = watch(page);
    await page.goto(`/console/cases/${caseId}`);
    await submitConsoleSignIn(page, 'town.operator');
    await page.getByTestId('case-evidence').waitFor();
    await page.locator('[data-testid="photo-thumb"][data-kind="after"] img').waitFor();
    expect(await page.locator('[data-testid="photo-thumb"][data-kind="report"]').count()).toBe(1);
    expect(await page.locator('[data-testid="photo-thumb"][data-kind="after"]').count()).toBe(1);
    await openFullView(page, 'report');
    await openFullView(page, 'after');
    await expectMap(page, location.lng, location.lat);
    await screenshot(page, 'evidence-console-case');
    const operator = await apiAs(server, 'town.operator');
    const photos = (await operator.get(`/api/v1/cases/${caseId}/photos`)).body;
    const kinds = photos.map((p: { kind: string }) => p.kind);
    expect(kinds.sort()).toEqual(['after', 'report']);
    watcher.assertClean();
    await context.close();
  });
});
