/**
 * The console (综治中心工作台) in a real browser against the real product: a town centre operator
 * sees only its town's cases, filters live in the address bar, the case page shows the timeline,
 * the chain check and only the allowed buttons, and an action done through the UI changes the case.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLACES } from '../../src/server/modules/demo/places.ts';
import {
  apiAs,
  chooseOption,
  newContext,
  pick,
  reportCase,
  runBrowserTests,
  screenshot,
  signInConsole,
  startStage,
  submitConsoleSignIn,
  type TestServer,
  unlabelledControls,
  watch,
} from './support.ts';

let server: TestServer;
let browser: Browser;

const galutu = { lng: DEMO_PLACES.galutuCommunity.lng, lat: DEMO_PLACES.galutuCommunity.lat };

let townCaseId: string;
let escalatedCaseId: string;

describe.skipIf(!runBrowserTests)('the console (综治中心工作台)', () => {
  beforeAll(async () => {
    ({ server, browser } = await startStage('console'));
    townCaseId = (
      await reportCase(server, {
        title: '网围栏越界纠纷',
        description: '邻居把网围栏往我家草场移了二十米。',
        caseType: 'land_grassland',
      })
    ).id;
    const noise = await (await apiAs(server, 'galutu.worker')).post('/api/v1/cases', {
      title: '小区夜间噪音扰民',
      description: '楼下烧烤店每晚营业到凌晨两点。',
      ...galutu,
    });
    expect(noise.status).toBe(201);
    // A case the grid could not settle: escalated to the gacha (level 2), awaiting its dispatch.
    escalatedCaseId = (
      await reportCase(
        server,
        { title: '饮水井使用纠纷', description: '两户共用的饮水井，一户加了锁。' },
        'accepted',
      )
    ).id;
    const worker = await apiAs(server, 'grid.worker');
    await worker.act(escalatedCaseId, 'mediate', { outcome: 'failed', note: '双方不让步' });
    await (await apiAs(server, 'grid.guide')).act(escalatedCaseId, 'escalate', {
      reason: 'mediation_failed',
      note: '网格调解未果，提交嘎查',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a town operator only its town’s cases, with its area in the header', async () => {
    const context = await newContext(browser, 'desktop', server.url);
    const page = await context.newPage();
    const watcher = watch(page);
    await page.goto('/console/');
    await page.getByText('登录综治中心工作台').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'console-signin');
    await submitConsoleSignIn(page, 'town.operator');

    const who = page.getByTestId('who-am-i');
    await expect.poll(() => who.textContent()).toContain('镇综治中心受理员 高娃');
    expect(await who.textContent()).toContain('综治中心受理员 · 乌审召镇');
    expect(new URL(page.url()).pathname).toBe('/console/cases');
    await page.getByText('网围栏越界纠纷').waitFor();
    const table = page.locator('.ant-table-tbody');
    expect(await table.textContent()).toContain('饮水井使用纠纷');
    expect(await table.textContent()).not.toContain('小区夜间噪音扰民');
    expect(await page.getByTestId('case-total').textContent()).toBe('共 2 件');
    expect(await page.locator('.ant-table-tbody [data-light]').count()).toBeGreaterThan(0);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'console-case-list');

    // The banner centre sees the seat's case too.
    const banner = await signInConsole(
      await newContext(browser, 'desktop', server.url),
      'banner.operator',
      '/console/cases',
    );
    await banner.getByText('小区夜间噪音扰民').waitFor();
    expect(await banner.locator('.ant-table-tbody').textContent()).toContain('网围栏越界纠纷');
    watcher.assertClean();
    await context.close();
  });

  it('keeps the filters in the address bar across a reload', async () => {
    const context = await newContext(browser, 'desktop', server.url);
    const page = await signInConsole(context, 'town.operator', '/console/cases');
    const watcher = watch(page);
    await page.getByText('网围栏越界纠纷').waitFor();

    await chooseOption(page, page.getByLabel('层级'), '2 · 嘎查村社区');
    await expect.poll(() => new URL(page.url()).searchParams.get('level')).toBe('2');
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
    expect(await page.locator('.ant-table-tbody').textContent()).toContain('饮水井使用纠纷');

    await page.getByLabel('搜索').fill('饮水井');
    await page.getByLabel('搜索').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('饮水井');

    await page.reload();
    await page.getByText('饮水井使用纠纷').waitFor();
    expect(new URL(page.url()).searchParams.get('level')).toBe('2');
    expect(await page.getByLabel('搜索').inputValue()).toBe('饮水井');
    expect(await page.locator('.ant-select-content', { hasText: '2 · 嘎查村社区' }).count()).toBe(1);
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
    expect(await page.getByTestId('case-total').textContent()).toBe('共 1 件');

    // A filter that matches nothing says so.
    await page.goto('/console/cases?level=5');
    await page.getByText('没有符合条件的案件').waitFor();
    watcher.assertClean();
    await context.close();
  });

  it('shows the case page: timeline, an intact history and only the allowed buttons', async () => {
    const context = await newContext(browser, 'desktop', server.url);
    const page = await signInConsole(context, 'town.operator', `/console/cases/${townCaseId}`);
    const watcher = watch(page);
    await page.getByTestId('case-no').waitFor();
    await page.locator('[data-event="reported"]').waitFor();
    expect(await page.getByTestId('timeline').textContent()).toContain('信息采集（上报）');
    expect(await page.getByTestId('timeline').textContent()).toContain('牧民 宝音 · 群众');
    const verification = page.getByTestId('verification');
    await verification.waitFor();
    expect(await verification.getAttribute('data-status')).toBe('intact');
    expect(await verification.textContent()).toContain('完整：1 条记录的哈希校验全部通过');
    expect(await page.getByTestId('case-status').textContent()).toBe('待受理');

    const allowed = (await (await apiAs(server, 'town.operator')).get(`/api/v1/cases/${townCaseId}`)).body
      .allowedActions;
    const shown = await page
      .locator('[data-testid="case-actions"] [data-action]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(shown).toEqual(allowed);
    expect(shown).not.toContain('dispatch'); // level 1 is the grid's to dispatch
    await screenshot(page, 'console-case-page');

    // The same page in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('History chain check').waitFor();
    expect(await verification.textContent()).toContain('Intact: all 1 entries pass the hash check');
    expect(await page.getByTestId('timeline').textContent()).toContain('Reported');
    await page.getByRole('button', { name: '中文' }).click();
    watcher.assertClean();
    await context.close();
  });

  it('dispatches an escalated case through the UI, and the status on screen changes', async () => {
    const context = await newContext(browser, 'desktop', server.url);
    const page = await signInConsole(context, 'village.operator', `/console/cases/${escalatedCaseId}`);
    const watcher = watch(page);
    await page.getByTestId('case-no').waitFor();
    expect(await page.getByTestId('case-status').textContent()).toBe('待派遣');
    expect(await page.getByTestId('case-level').textContent()).toContain('第 2 级');
    const timeline = page.getByTestId('timeline');
    await page.locator('[data-event="escalated"]').waitFor();
    expect(await timeline.textContent()).toContain('从第 1 级上报到第 2 级');
    expect(await timeline.textContent()).toContain('原因：调解未果');
    expect(await timeline.textContent()).toContain('网格调解未果，提交嘎查');

    await page.locator('[data-action="dispatch"]').click();
    const dialog = page.getByRole('dialog');
    await pick(dialog, page, '处置人员', '达来', '五老 达来');
    await dialog.getByLabel('说明').fill('请五老入户调解');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'console-dispatch-dialog');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();

    await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('待接收');
    await expect.poll(() => page.locator('[data-event="dispatched"]').count()).toBe(2);
    expect(await timeline.textContent()).toContain('处置人员：五老 达来');
    expect(await page.getByTestId('case-details').textContent()).toContain('五老 达来');
    await expect.poll(() => page.getByTestId('verification').textContent()).toContain('7 条记录');
    expect(await page.locator('[data-action="dispatch"]').count()).toBe(0);
    await screenshot(page, 'console-after-dispatch');

    const after = (await (await apiAs(server, 'village.elder')).get(`/api/v1/cases/${escalatedCaseId}`)).body;
    expect(after.status).toBe('dispatched');
    expect(after.allowedActions).toContain('accept');
    watcher.assertClean();
    await context.close();
  });
});
