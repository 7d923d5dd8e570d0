/**
 * Issue 7 #14 in the browser: the grid chief merges a duplicate in the worker app by typing the other
 * case's number (no internal id), and the console's dispatch list offers the area's handlers only —
 * never the reporting resident, nor the operator or leaders.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLACES } from '../../src/server/modules/demo/places.ts';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/roster.ts';
import { newContext, runBrowserTests, screenshot, startStage, type TestServer, watch } from './support.ts';

let server: TestServer;
let browser: Browser;

/** Calls the API as a demo account. */
async function apiAs(username: string) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`cannot sign in as ${username}: ${await login.text()}`);
  const { token, user } = (await login.json()) as { token: string; user: { id: string } };
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected freely
  const request = async (method: string, path: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path} as ${username}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    userId: user.id,
    get: (path: string) => request('GET', path),
    post: (path: string, body: unknown) => request('POST', path, body),
    act: (id: string, action: string, body: unknown = {}) =>
      request('POST', `/api/v1/cases/${id}/actions/${action}`, body),
  };
}

const pastoral = { lng: DEMO_PLACES.pastoralGrid.lng, lat: DEMO_PLACES.pastoralGrid.lat };

describe.skipIf(!runBrowserTests)(
  'merging by case number, dispatching to handlers only',
  { timeout: 90_000 },
  () => {
    beforeAll(async () => {
      ({ server, browser } = await startStage('worker'));
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('the grid chief merges a duplicate in the worker app by typing the first case’s number', async () => {
      const herder = await apiAs('herder');
      const first = await herder.post('/api/v1/cases', {
        title: '牧道被围栏挡住',
        description: '去冬营盘的牧道被新围栏挡住了。',
        ...pastoral,
      });
      const duplicate = await herder.post('/api/v1/cases', {
        title: '牧道不通',
        description: '冬营盘的牧道被人拦了，又来反映一次。',
        ...pastoral,
      });

      const context = await newContext(browser, 'phone', server.url);
      const page: Page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const watcher = watch(page);
      await page.goto('/worker/');
      await page.getByLabel('账号或手机号').fill('grid.chief');
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByText('我的任务').waitFor();
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

      const merged = await herder.get(`/api/v1/cases/${duplicate.id}`);
      expect(merged.status).toBe('merged');
      expect(JSON.stringify(merged)).toContain(first.id);
      watcher.assertClean();
      await context.close();
    });

    it('the console offers the area’s handlers to dispatch to, not the reporting resident or the operators', async () => {
      // A case escalated to the gacha: the village operator dispatches it from the console.
      const herder = await apiAs('herder');
      const c = await herder.post('/api/v1/cases', {
        title: '草场边界争议',
        description: '两户草场边界说法不一。',
        ...pastoral,
      });
      await (await apiAs('grid.chief')).act(c.id, 'register', { caseType: 'land_grassland' });
      await (await apiAs('grid.guide')).act(c.id, 'escalate', {
        reason: 'beyond_authority',
        note: '需要嘎查协调',
      });

      const context = await newContext(browser, 'desktop', server.url);
      const page = await context.newPage();
      const watcher = watch(page);
      await page.goto(`/console/cases/${c.id}`);
      await page.getByLabel('用户名或手机号').fill('village.operator');
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
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
  },
);
