/**
 * Issue 7 #14 in the browser: the grid chief merges a duplicate in the worker app by typing the other
 * case's number (no internal id), and the console's dispatch list offers the area's handlers only —
 * never the reporting resident, nor the operator or leaders.
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
  submitConsoleSignIn,
  type TestServer,
  watch,
} from './support.ts';

let server: TestServer;
let browser: Browser;

describe.skipIf(!runBrowserTests)('merging by case number, dispatching to handlers only', () => {
  beforeAll(async () => {
    ({ server, browser } = await startStage('worker'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the grid chief merges a duplicate in the worker app by typing the first case’s number', async () => {
    const first = await reportCase(server, {
      title: '牧道被围栏挡住',
      description: '去冬营盘的牧道被新围栏挡住了。',
    });
    const duplicate = await reportCase(server, {
      title: '牧道不通',
      description: '冬营盘的牧道被人拦了，又来反映一次。',
    });

    const context = await newContext(browser, 'phone', server.url);
    const page: Page = await context.newPage();
    const watcher = watch(page);
    await signInWorker(page, 'grid.chief');
    await page.goto(`/worker/#/case/${duplicate.id}`);
    await page.getByRole('heading', { name: '牧道不通' }).waitFor();
    await page.getByRole('button', { name: '合并重复' }).click();

    // No internal id anywhere: the chief types part of the case number and picks the case.
    const search = page.getByLabel('并入的案件');
    await search.fill(first.caseNo.slice(-5));
    const option = page.locator('.adm-radio', { hasText: `${first.caseNo} 牧道被围栏挡住` });
    await option.waitFor();
    // the case being merged is not offered as its own target
    expect(await page.locator('.adm-radio', { hasText: duplicate.caseNo }).count()).toBe(0);
    await option.click();
    await page.getByLabel(/^理由/).fill('同一条牧道，重复反映');
    await screenshot(page, 'worker-merge-by-number');
    await page.locator('.action-form').getByRole('button', { name: '提交' }).click();
    await page.locator('.adm-tag', { hasText: '已合并' }).waitFor();

    const merged = (await (await apiAs(server, 'herder')).get(`/api/v1/cases/${duplicate.id}`)).body;
    expect(merged.status).toBe('merged');
    expect(JSON.stringify(merged)).toContain(first.id);
    watcher.assertClean();
    await context.close();
  });

  it('the console offers the area’s handlers to dispatch to, not the reporting resident or the operators', async () => {
    // A case escalated to the gacha: the village operator dispatches it from the console.
    const c = await reportCase(
      server,
      { title: '草场边界争议', description: '两户草场边界说法不一。' },
      'registered',
      {
        caseType: 'land_grassland',
      },
    );
    await (await apiAs(server, 'grid.guide')).act(c.id, 'escalate', {
      reason: 'beyond_authority',
      note: '需要嘎查协调',
    });

    const context = await newContext(browser, 'desktop', server.url);
    const page = await context.newPage();
    const watcher = watch(page);
    await page.goto(`/console/cases/${c.id}`);
    await submitConsoleSignIn(page, 'village.operator');
    await page.locator('[data-action="dispatch"]').click();
    const dialog = page.getByRole('dialog');
    const people = dialog.getByLabel('处置人员');
    await people.click();
    // the list has loaded: the gacha's 五老 and the grid worker below it are offered
    await people.fill('达来');
    await page.locator('.ant-select-item-option', { hasText: '五老 达来' }).waitFor();
    await people.fill('巴特尔');
    await page.locator('.ant-select-item-option', { hasText: '网格员 巴特尔' }).waitFor();
    // the reporting herder (a resident of the grid) and the operators are not
    for (const name of ['宝音', '受理员', '群众']) {
      await people.fill(name);
      await page.locator('.ant-select-item-empty').waitFor();
      expect(await page.locator('.ant-select-item-option').count(), name).toBe(0);
    }
    await screenshot(page, 'console-dispatch-handlers-only');
    watcher.assertClean();
    await context.close();
  });
});
