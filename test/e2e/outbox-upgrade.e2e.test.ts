/**
 * A grid worker's phone queued requests with no signal, then the app was updated before they were
 * sent. The outbox used to store each request as a URL (IndexedDB version 1); it now stores the
 * API route and its parameters, sent through the typed client. The update must lose nothing: the
 * queued action and report are still listed on the Sync page, sent once when the worker syncs, and
 * reach the server as what the worker did.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLACES } from '../../src/server/modules/demo/places.ts';
import {
  apiAs,
  newContext,
  reportCase,
  runBrowserTests,
  signInWorker,
  startStage,
  type TestServer,
  watch,
} from './support.ts';

/** An outbox row as version 1 of the worker app stored it. */
interface StoredV1 {
  id: string;
  seq: number;
  label: string;
  method: 'POST';
  url: string;
  body: unknown;
  status: 'waiting';
  createdAt: string;
}

describe.skipIf(!runBrowserTests)('the outbox across an app update', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startStage('worker'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sends what a phone queued before the update, once each, and the Sync page shows it', async () => {
    const task = await reportCase(
      server,
      { title: '冬营盘水井结冰', description: '冬营盘的水井结冰，牲畜饮水困难，请网格员来看看。' },
      'dispatched',
      { caseType: 'land_grassland' },
    );
    const actionKey = randomUUID();
    const reportKey = randomUUID();
    const queued: StoredV1[] = [
      {
        id: actionKey,
        seq: 1,
        label: `接收任务 · ${task.caseNo}`,
        method: 'POST',
        url: `/api/v1/cases/${encodeURIComponent(task.id)}/actions/accept`,
        body: {},
        status: 'waiting',
        createdAt: new Date().toISOString(),
      },
      {
        id: reportKey,
        seq: 2,
        label: '上报：草场被越界放牧',
        method: 'POST',
        url: '/api/v1/cases',
        body: {
          title: '草场被越界放牧',
          description: '邻嘎查的羊群越过网围栏进了我们的草场。',
          lng: DEMO_PLACES.pastoralGrid.lng,
          lat: DEMO_PLACES.pastoralGrid.lat,
          crs: 'wgs84',
          source: 'worker_app',
        },
        status: 'waiting',
        createdAt: new Date().toISOString(),
      },
    ];

    const context = await newContext(browser, 'phone', server.url);
    const page = await context.newPage();
    const watcher = watch(page);
    // The phone as the old app left it: a page of the app's origin that does not run the app, and
    // the outbox database at version 1 (Dexie stores version n as IndexedDB version 10·n).
    await page.route('**/worker/before-the-update', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><link rel="icon" href="data:,">' }),
    );
    await page.goto('/worker/before-the-update');
    await page.evaluate(
      (items) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('zhizhi-outbox-worker', 10);
          open.onupgradeneeded = () => {
            const store = open.result.createObjectStore('items', { keyPath: 'id' });
            store.createIndex('seq', 'seq');
            store.createIndex('status', 'status');
          };
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('items', 'readwrite');
            for (const item of items) tx.objectStore('items').put(item);
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      queued,
    );

    // The updated app: sign in, open Sync.
    await page.goto('/worker/');
    await signInWorker(page, 'grid.worker');
    await page.goto('/worker/#/sync');
    const items = page.locator('.outbox-item');
    await expect.poll(() => items.count()).toBe(2);
    await page.getByRole('button', { name: '立即同步' }).click();
    await page.getByTestId('sync-counts').getByText('待发送 0 · 已发送 2 · 被拒绝 0').waitFor();
    expect(await items.nth(0).textContent()).toContain(`接收任务 · ${task.caseNo}`);
    expect(await items.nth(1).textContent()).toContain('上报：草场被越界放牧');

    // The server has each once, as the worker did it.
    const worker = await apiAs(server, 'grid.worker');
    const accepted = await worker.get(`/api/v1/cases/${task.id}`);
    expect(accepted.body.status).toBe('handling');
    const history = await worker.get(`/api/v1/cases/${task.id}/history`);
    const acceptances = (history.body as { type: string }[]).filter(
      (e: { type: string }) => e.type === 'accepted',
    );
    expect(acceptances).toHaveLength(1);
    const chief = await apiAs(server, 'grid.chief');
    const reports = await chief.get(`/api/v1/cases?q=${encodeURIComponent('草场被越界放牧')}`);
    expect(reports.body.items.map((c: { title: string }) => c.title)).toEqual(['草场被越界放牧']);
    const report = await chief.get(`/api/v1/cases/${reports.body.items[0].id}`);
    expect(report.body.source).toBe('worker_app');
    watcher.assertClean();
    await context.close();
  });
});
