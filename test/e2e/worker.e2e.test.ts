/**
 * Browser tests of the 百姓管家 grid-worker app (/worker/) on a phone viewport against the real
 * product: Today with a dispatched task and its traffic light, a case page with exactly the actions
 * of the signed-in role (a grid chief dispatches, a grid worker does not), and the offline story —
 * with the context offline the worker records an action and a new report (and one action the
 * server will refuse); back online, everything is sent once, in order, and the app says so.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/shared/messages/format.ts';
import {
  type Api,
  apiAs,
  cached,
  newContext,
  reportCase,
  runBrowserTests,
  screenshot,
  signInWorker,
  startStage,
  type TestServer,
  unlabelledControls,
  walkCase,
  watch,
} from './support.ts';

describe.skipIf(!runBrowserTests)('百姓管家 grid-worker app', () => {
  let server: TestServer;
  let browser: Browser;
  let chief: Api;
  let worker: Api;
  let guide: Api;
  let workerContext: BrowserContext;
  let workerPage: Page;
  let workerWatch: ReturnType<typeof watch>;

  /** A herder's report in the pastoral grid, registered by the grid chief; dispatched to the worker unless told not to. */
  async function caseFor(title: string, dispatch = true): Promise<string> {
    const report = {
      title,
      description: `${title}：牧户反映的情况，需要网格员上门了解。`,
      caseType: 'land_grassland',
    };
    const { id } = await reportCase(server, report, 'registered', { caseType: 'land_grassland' });
    if (dispatch) {
      const dispatched = await walkCase(server, id, 'dispatched', {}, 'registered');
      expect(dispatched.status).toBe('dispatched');
    }
    return id;
  }

  beforeAll(async () => {
    ({ server, browser } = await startStage());
    chief = await apiAs(server, 'grid.chief');
    worker = await apiAs(server, 'grid.worker');
    guide = await apiAs(server, 'grid.guide');
    workerContext = await newContext(browser, 'phone', server.url);
    workerPage = await workerContext.newPage();
    workerWatch = watch(workerPage);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the grid worker a task dispatched to them, with its traffic light in colour and words', async () => {
    const id = await caseFor('草场网围栏被破坏');
    const page = workerPage;
    await page.goto('/worker/');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'worker-sign-in');
    await signInWorker(page, 'grid.worker');

    const task = page.locator('.tasks .case-card', { hasText: '草场网围栏被破坏' });
    await task.waitFor();
    await task.getByText('待接收').waitFor();
    const light = task.locator('[data-light]');
    expect(await light.getAttribute('data-light')).toBe('green');
    expect(await light.textContent()).toContain('正常');
    expect(await light.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 181, 120)');
    await page.getByText('所在网格：').waitFor();
    // the dispatch notice is addressed to the worker
    await page.locator('.notices').getByText('新案件派给您：草场网围栏被破坏').waitFor();
    await screenshot(page, 'worker-today');
    // English is complete: the same screen in the other language, then back
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('My tasks').waitFor();
    expect(await light.textContent()).toContain('On time');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByText('我的任务').waitFor();

    await task.click();
    await page.getByRole('heading', { name: '草场网围栏被破坏' }).waitFor();
    expect(page.url()).toContain(`#/case/${id}`);
    // exactly the worker's powers: accept or send back — no dispatch, no decision
    const actions = await page
      .locator('.case-actions [data-action]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions.sort()).toEqual(['accept', 'request_extension', 'send_back']);
    await page.getByText('任务派遣 · 网格长').waitFor();

    await page.getByRole('button', { name: '接收任务' }).click();
    expect(await unlabelledControls(page)).toEqual([]);
    await page.locator('.action-form').getByRole('button', { name: '提交' }).click();
    await page.locator('.adm-tag', { hasText: '处置中' }).waitFor();
    await page.getByRole('button', { name: '记录进展' }).waitFor();
    await screenshot(page, 'worker-case');
    expect((await worker.get(`/api/v1/cases/${id}`)).body.status).toBe('handling');
    workerWatch.assertClean();
  });

  it('shows a grid chief the dispatch button and lets them pick the grid worker', async () => {
    const id = await caseFor('牧道被占用', false);
    const context = await newContext(browser, 'phone', server.url);
    const page = await context.newPage();
    const watcher = watch(page);
    await signInWorker(page, 'grid.chief');
    await page.goto(`/worker/#/case/${id}`);
    await page.getByRole('heading', { name: '牧道被占用' }).waitFor();
    const actions = await page
      .locator('.case-actions [data-action]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions).toContain('dispatch');
    expect(actions).not.toContain('accept');

    await page.getByRole('button', { name: '一键派单' }).click();
    await page.getByText('网格员 巴特尔（专职网格员）').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'worker-chief-dispatch');
    await page.getByText('网格员 巴特尔（专职网格员）').click();
    await page.locator('.action-form').getByRole('button', { name: '提交' }).click();
    await page.locator('.adm-tag', { hasText: '待接收' }).waitFor();
    const after = (await chief.get(`/api/v1/cases/${id}`)).body;
    expect(after.status).toBe('dispatched');
    expect(after.parties.map((p: { user: { id: string } }) => p.user.id)).toEqual([worker.userId]);
    watcher.assertClean();
    await context.close();
  });

  it('works offline: opens as last synced, records an action and a report, and syncs each once on reconnecting', async () => {
    const page = workerPage;
    const handling = (await worker.get('/api/v1/cases?assigned=true&status=handling')).body.items[0];
    expect(handling.title).toBe('草场网围栏被破坏');
    const refusedId = await caseFor('饮水井抽水泵损坏');

    // Online once so the lists, the case pages and the app shell (service worker) are on the phone.
    await page.goto('/worker/');
    await page.locator('.tasks .case-card', { hasText: '饮水井抽水泵损坏' }).waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.locator('.tasks .case-card', { hasText: '饮水井抽水泵损坏' }).waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // the background prefetch has put both case pages (details and history) on the phone
    await cached(
      page,
      [handling.id, refusedId].flatMap((id) => [`case:${id}`, `history:${id}`]),
    );
    // the accept sent in the first test is listed as sent until cleared
    await page.goto('/worker/#/sync');
    await page.getByTestId('sync-counts').getByText('待发送 0 · 已发送 1 · 被拒绝 0').waitFor();
    await page.getByRole('button', { name: '清除已完成' }).click();
    await page.getByText('没有待发送的内容').waitFor();
    await page.goto('/worker/#/');
    await page.locator('.tasks .case-card', { hasText: '饮水井抽水泵损坏' }).waitFor();
    // the signal goes once the case pages are on the phone
    await page.waitForLoadState('networkidle');

    // No signal: the app still opens, with the tasks as last synced.
    await workerContext.setOffline(true);
    await page.reload();
    await page
      .getByText(/离线：显示 .* 同步的数据/)
      .first()
      .waitFor();
    await page.locator('.tasks .case-card', { hasText: '草场网围栏被破坏' }).waitFor();
    await page.locator('.tasks .case-card', { hasText: '饮水井抽水泵损坏' }).waitFor();
    await screenshot(page, 'worker-today-offline');

    // 1. record progress on the case being handled
    await page.locator('.tasks .case-card', { hasText: '草场网围栏被破坏' }).click();
    await page.getByRole('heading', { name: '草场网围栏被破坏' }).waitFor();
    await page.getByRole('button', { name: '记录进展' }).click();
    await page.getByLabel('说明').fill('已到现场，围栏东侧约二十米被推倒，已拍照取证。');
    await page.locator('.action-form').getByRole('button', { name: '提交' }).click();
    await page.locator('.outbox-item', { hasText: '记录进展' }).getByText('待发送').waitFor();

    // 2. accept the other task (someone else will have moved it on before the signal returns)
    await page.goto(`/worker/#/case/${refusedId}`);
    await page.getByRole('heading', { name: '饮水井抽水泵损坏' }).waitFor();
    await page.getByRole('button', { name: '接收任务' }).click();
    await page.locator('.action-form').getByRole('button', { name: '提交' }).click();
    await page.locator('.outbox-item', { hasText: '接收任务' }).getByText('待发送').waitFor();

    // 3. report a case found on patrol
    await page.goto('/worker/#/report');
    await page.getByLabel('标题').fill('巡查发现：围栏桩倒伏');
    await page.getByLabel('情况描述').fill('巡查时发现三号草场东侧围栏桩倒伏五根，需要联系牧户修复。');
    // the catalogue was synced too: the case type can be picked offline
    await page.locator('.adm-selector-item', { hasText: '土地草牧场纠纷' }).click();
    await page
      .getByTestId('report-point')
      .filter({ hasText: /\d+\.\d+, \d+\.\d+/ })
      .waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'worker-report-offline');
    await page.getByRole('button', { name: '上报', exact: true }).click();
    await page.getByTestId('sync-counts').getByText('待发送 3 · 已发送 0 · 被拒绝 0').waitFor();
    await page.locator('.adm-toast-mask').waitFor({ state: 'detached' });
    await screenshot(page, 'worker-sync-waiting');

    // Meanwhile the guide escalates the pump case: the worker's accept can no longer go through.
    const escalated = await guide.post(`/api/v1/cases/${refusedId}/actions/escalate`, {
      reason: 'beyond_authority',
      note: '需要嘎查协调水利站',
    });
    expect(escalated.status).toBe(200);

    // Signal again: the outbox sends everything once, in order.
    await workerContext.setOffline(false);
    await page.getByTestId('sync-counts').getByText('待发送 0 · 已发送 2 · 被拒绝 1').waitFor();
    const rows = page.locator('.outbox .outbox-item');
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual([
      'sent',
      'refused',
      'sent',
    ]);
    const refusal = await worker.post(`/api/v1/cases/${refusedId}/actions/accept`, {});
    expect(refusal.status).toBeGreaterThanOrEqual(400);
    // The refusal is shown as the server's message code, in the worker's language (issue 7 #13).
    const reason = formatMessage('zh', refusal.body.error.key, refusal.body.error.params);
    await rows.nth(1).getByText(`服务器拒绝：${reason}`).waitFor();
    await rows
      .nth(2)
      .getByText(/案件编号 \S+/)
      .waitFor();
    await page.locator('.adm-toast-mask').waitFor({ state: 'detached' });
    await screenshot(page, 'worker-sync-done');

    // The server holds exactly one new case and exactly one progress entry.
    const found = await chief.get(`/api/v1/cases?q=${encodeURIComponent('围栏桩倒伏')}`);
    expect(found.body.total).toBe(1);
    expect(found.body.items[0].status).toBe('reported');
    expect(found.body.items[0].caseType).toBe('land_grassland');
    const history = (await worker.get(`/api/v1/cases/${handling.id}/history`)).body as {
      type: string;
      payload: { note?: string };
    }[];
    const progress = history.filter((e) => e.type === 'progress_recorded');
    expect(progress).toHaveLength(1);
    expect(progress[0]?.payload.note).toBe('已到现场，围栏东侧约二十米被推倒，已拍照取证。');
    // Chromium logs the refused request's status as a console error; that one, and nothing else
    // (besides its own notes that the network was off — the premise of this test, e.g. the service
    // worker's update check while offline).
    const offlineNoise = /net::ERR_INTERNET_DISCONNECTED/;
    expect(workerWatch.problems.filter((p) => !offlineNoise.test(p))).toEqual([
      `console error: Failed to load resource: the server responded with a status of ${refusal.status} (Forbidden)`,
    ]);
  });
});
