/**
 * The five-level escalation story of SPEC §5 (五级环链解纷) with every level climbed in the console
 * by the role that holds the power there: a herder's grassland-boundary dispute goes from the grid
 * to the banner government, is settled jointly, verified, rated by the herder and archived.
 *
 * The resident's and the grid team's steps (report, grid dispatch, grid mediation, the return visit)
 * belong to the phone apps, which are built in parallel; they are driven through the same HTTP API
 * here. Every console step is a person clicking the action button and filling its form.
 */
import fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLACES } from '../../src/server/modules/demo/places.ts';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/roster.ts';
import {
  launchBrowser,
  newContext,
  runBrowserTests,
  screenshot,
  startServer,
  type TestServer,
  watch,
} from './support.ts';

let server: TestServer;
let browser: Browser;

async function apiAs(username: string) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`cannot sign in as ${username}: ${await login.text()}`);
  const { token, user } = (await login.json()) as { token: string; user: { id: string } };
  const request = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as { id: string; status: string };
    if (!res.ok) throw new Error(`${method} ${path} as ${username}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    userId: user.id,
    post: (path: string, body: unknown) => request('POST', path, body),
    act: (id: string, action: string, body: unknown = {}) =>
      request('POST', `/api/v1/cases/${id}/actions/${action}`, body),
  };
}

/** Signs in to the console as `username`, opens the case, does `action` through its form. */
async function actInConsole(
  username: string,
  caseId: string,
  action: string,
  expectedStatus: string,
  fill: (dialog: Locator, page: Page) => Promise<void> = async () => undefined,
): Promise<void> {
  const context = await newContext(browser, 'desktop', server.url);
  const page = await context.newPage();
  const watcher = watch(page);
  await page.goto(`/console/cases/${caseId}`);
  await page.getByLabel('用户名或手机号').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('case-no').waitFor();
  await page.locator(`[data-action="${action}"]`).click();
  const dialog = page.getByRole('dialog');
  await fill(dialog, page);
  await dialog.getByRole('button', { name: /提\s*交/ }).click();
  await expect
    .poll(() => page.getByTestId('case-status').textContent(), { timeout: 10_000 })
    .toBe(expectedStatus);
  watcher.assertClean();
  await context.close();
}

async function pick(dialog: Locator, page: Page, label: string, search: string, option: string) {
  await dialog.getByLabel(label).click();
  await dialog.getByLabel(label).fill(search);
  await page.locator('.ant-select-item-option', { hasText: option }).click();
  await page.keyboard.press('Escape');
}

const note = (text: string) => async (dialog: Locator) => {
  await dialog.getByLabel('说明').fill(text);
};

describe.skipIf(!runBrowserTests)(
  'the five-level chain story, through the console',
  { timeout: 300_000 },
  () => {
    beforeAll(async () => {
      if (!fs.existsSync('dist/web/console/index.html')) {
        throw new Error('build the console first: node bin/run-ts.js scripts/build-web.ts --app=console');
      }
      server = await startServer();
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('climbs from the grid to the banner government, is settled, rated and archived', async () => {
      // L1 grid (phone apps, through the API): reported, registered, dispatched, mediation fails, escalated.
      const herder = await apiAs('herder');
      const chief = await apiAs('grid.chief');
      const worker = await apiAs('grid.worker');
      const { id } = await herder.post('/api/v1/cases', {
        title: '草场边界纠纷',
        description: '邻居把网围栏往我家草场移了二十米，多次协商未果。',
        caseType: 'land_grassland',
        lng: DEMO_PLACES.pastoralGrid.lng,
        lat: DEMO_PLACES.pastoralGrid.lat,
      });
      await chief.act(id, 'register', { caseType: 'land_grassland', difficulty: 'difficult' });
      await chief.act(id, 'dispatch', { handlerIds: [worker.userId] });
      await worker.act(id, 'accept');
      await worker.act(id, 'mediate', { outcome: 'failed', note: '双方对界桩位置各执一词' });
      await (await apiAs('grid.guide')).act(id, 'escalate', {
        reason: 'mediation_failed',
        note: '网格调解未果',
      });

      // L2 gacha: the gacha centre dispatches to a 五老; the session fails; the gacha guide escalates.
      await actInConsole('village.operator', id, 'dispatch', '已派遣', async (dialog, page) => {
        await pick(dialog, page, '处置人员', '达来', '五老 达来');
      });
      const elder = await apiAs('village.elder');
      await elder.act(id, 'accept');
      await elder.act(id, 'mediate', { outcome: 'failed', note: '五老调解两次未果' });
      await actInConsole('village.guide', id, 'escalate', '已立案', async (dialog) => {
        await dialog.getByLabel('调解未果').check();
        await dialog.getByLabel('说明').fill('嘎查调解未果，提交苏木镇');
      });

      // L3 town: the town centre dispatches to the judicial office, which mediates in the console and fails.
      await actInConsole('town.operator', id, 'dispatch', '已派遣', async (dialog, page) => {
        await pick(dialog, page, '处置人员', '斯琴', '司法所 斯琴');
      });
      await actInConsole('town.judicial', id, 'accept', '处置中');
      await actInConsole('town.judicial', id, 'mediate', '处置中', async (dialog) => {
        await dialog.getByLabel('调解未果').check();
        await dialog.getByLabel('说明').fill('司法所、派出所、信访办多元调解未果');
      });
      await actInConsole('town.guide', id, 'escalate', '已立案', async (dialog) => {
        await dialog.getByLabel('超出本级权限').check();
        await dialog.getByLabel('说明').fill('涉及草原确权，超出镇级权限');
      });

      // L4 banner centre: routed by case type (分流分调) to natural resources, which cannot settle it alone.
      await actInConsole('banner.operator', id, 'dispatch', '已派遣');
      await actInConsole('dept.natres', id, 'accept', '处置中');
      await actInConsole('banner.operator', id, 'escalate', '已立案', async (dialog) => {
        await dialog.getByLabel('超出本级权限').check();
        await dialog.getByLabel('说明').fill('需旗委政府联管联调');
      });

      // L5 banner government: joint handling by two departments; the result is verified.
      await actInConsole('leader', id, 'dispatch', '已派遣', async (dialog, page) => {
        await pick(dialog, page, '职能部门', '自然', '自然资源局');
        await pick(dialog, page, '职能部门', '林业', '林业和草原局');
      });
      await (await apiAs('dept.forestry')).act(id, 'accept');
      await actInConsole('dept.natres', id, 'feedback', '待核查', async (dialog) => {
        await dialog.getByLabel('处置结果').fill('联合勘界，重新埋设界桩，双方签字确认');
      });
      await actInConsole('banner.guide', id, 'verify', '待回访', note('现场核实界桩已埋设'));

      // The herder rates it from "My cases" (resident app, through the API); the centre archives it.
      await herder.act(id, 'visit', { satisfied: true, rating: 5, comment: '满意' });
      await actInConsole('banner.operator', id, 'close', '已归档', async (dialog, page) => {
        await dialog.getByLabel('最终难度').click();
        await page.locator('.ant-select-item-option', { hasText: '积案' }).click();
      });

      // The whole story on the case page: four escalations with their reasons, and an intact history.
      const context = await newContext(browser, 'desktop', server.url);
      const page = await context.newPage();
      await page.goto(`/console/cases/${id}`);
      await page.getByLabel('用户名或手机号').fill('leader');
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.locator('[data-event="archived"]').waitFor();
      expect(await page.getByTestId('case-status').textContent()).toBe('已归档');
      expect(await page.getByTestId('case-level').textContent()).toContain('第 5 级');
      const timeline = (await page.getByTestId('timeline').textContent()) ?? '';
      for (const [from, to] of [
        [1, 2],
        [2, 3],
        [3, 4],
        [4, 5],
      ]) {
        expect(timeline).toContain(`从第 ${from} 级上报到第 ${to} 级`);
      }
      expect(timeline).toContain('按类型分流');
      expect(timeline).toContain('回访满意');
      expect(await page.locator('[data-event="mediation_recorded"]').count()).toBe(3);
      await expect.poll(() => page.getByTestId('verification').getAttribute('data-status')).toBe('intact');
      expect(await page.locator('[data-testid="case-actions"] [data-action]').count()).toBe(0);
      await screenshot(page, 'story-archived-case');
      await context.close();
    });
  },
);
