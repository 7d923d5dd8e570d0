/**
 * Issue 7 #13 in a real browser: a Chinese reader of the console sees server messages in Chinese
 * (a wrong password, a validation error) and times in local Asia/Shanghai format, never English
 * sentences, raw codes or ISO timestamps.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLACES } from '../../src/server/modules/demo/places.ts';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/roster.ts';
import { newContext, runBrowserTests, startStage, type TestServer, watch } from './support.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;

/** Calls the API as a demo account. */
async function apiAs(username: string) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`cannot sign in as ${username}: ${await login.text()}`);
  const { token, user } = (await login.json()) as { token: string; user: { id: string } };
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { id: string };
    if (!res.ok) throw new Error(`POST ${path} as ${username}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    userId: user.id,
    post,
    act: (id: string, action: string, body: unknown = {}) =>
      post(`/api/v1/cases/${id}/actions/${action}`, body),
  };
}

/** Fills the console's sign-in form and submits it. */
async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名或手机号').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** Shown in local time: 12月2日 14:15 (the year only when it is not this one). */
const LOCAL_TIME = /(\d{4}年)?\d{1,2}月\d{1,2}日 \d\d:\d\d/;
const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d/;

describe.skipIf(!runBrowserTests)(
  'messages in the reader’s language (issue 7 #13)',
  { timeout: 60_000 },
  () => {
    beforeAll(async () => {
      ({ server, browser } = await startStage('console'));
      context = await newContext(browser, 'desktop', server.url);
    });
    afterAll(async () => {
      await context?.close();
      await browser?.close();
      await server?.stop();
    });

    it('a wrong password and a validation error are shown in Chinese, with no English', async () => {
      const page = await context.newPage();
      const problems = watch(page);
      await page.goto('/console/');
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
      await submitSignIn(page, 'town.operator', 'not the password');
      expect((await answer).status()).toBe(401);
      const alert = page.getByRole('alert');
      await alert.getByText('用户名或密码错误').waitFor();
      expect((await alert.textContent()) ?? '').not.toMatch(/[A-Za-z]/);

      const invalid = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
      await submitSignIn(page, 'x'.repeat(101), 'whatever');
      expect((await invalid).status()).toBe(400);
      await alert.getByText('用户名最多 100 个字符').waitFor();
      expect((await alert.textContent()) ?? '').not.toMatch(/must|characters|username/);
      // only the two refused sign-ins, nothing else, went wrong on the page
      expect(problems.problems.every((p) => p.includes('401') || p.includes('400'))).toBe(true);
      await page.close();
    });

    it('a supervision order’s deadline and status read 12月2日 14:15 · 未办结, not ISO or "open"', async () => {
      const herder = await apiAs('herder');
      const chief = await apiAs('grid.chief');
      const worker = await apiAs('grid.worker');
      const inspector = await apiAs('village.inspector');
      const place = { lng: DEMO_PLACES.pastoralGrid.lng, lat: DEMO_PLACES.pastoralGrid.lat };
      const c = await herder.post('/api/v1/cases', {
        description: '水井抽水泵坏了',
        caseType: 'neighbour',
        ...place,
      });
      await chief.act(c.id, 'register', { caseType: 'neighbour' });
      await chief.act(c.id, 'dispatch', { handlerIds: [worker.userId] });
      await worker.act(c.id, 'accept');
      await inspector.act(c.id, 'supervise', { reason: '群众反映强烈', dueInWorkdays: 1 });

      const page = await context.newPage();
      await page.goto(`/console/cases/${c.id}`);
      await submitSignIn(page, 'town.operator', DEMO_PASSWORD);
      const order = page.getByText(/^群众反映强烈 · /);
      await order.waitFor();
      const text = (await order.textContent()) ?? '';
      expect(text).toMatch(LOCAL_TIME);
      expect(text).toContain('未办结');
      expect(text).not.toMatch(ISO);
      expect(text).not.toMatch(/open/);

      // the handler's notification says the same in Chinese, from its message code
      const handler = await context.browser()?.newContext({ baseURL: server.url, locale: 'zh-CN' });
      if (!handler) throw new Error('no browser');
      const notes = await handler.newPage();
      await notes.goto('/console/notifications');
      await submitSignIn(notes, 'grid.worker', DEMO_PASSWORD);
      const note = notes.getByText(/^督办单：群众反映强烈（期限 /);
      await note.waitFor();
      expect((await note.textContent()) ?? '').toMatch(new RegExp(`（期限 ${LOCAL_TIME.source}）$`));
      await handler.close();
      await page.close();
    });

    it('a deadline’s date picker shows Chinese months and weekdays, not "Dec / Su Mo Tu"', async () => {
      const herder = await apiAs('herder');
      const chief = await apiAs('grid.chief');
      const place = { lng: DEMO_PLACES.pastoralGrid.lng, lat: DEMO_PLACES.pastoralGrid.lat };
      const c = await herder.post('/api/v1/cases', {
        description: '牧道被堵',
        caseType: 'neighbour',
        ...place,
      });
      await chief.act(c.id, 'register', { caseType: 'neighbour' });

      // A context of its own: the earlier tests left this one signed in as someone else.
      const own = await newContext(browser, 'desktop', server.url);
      const page = await own.newPage();
      await page.goto(`/console/cases/${c.id}`);
      await submitSignIn(page, 'grid.chief', DEMO_PASSWORD);
      await page.locator('[data-action="dispatch"]').click();
      await page.getByRole('dialog').getByLabel('办结时限').click();
      const panel = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
      await panel.locator('thead').waitFor();
      const weekdays = (await panel.locator('thead').textContent()) ?? '';
      expect(weekdays.replace(/\s/g, '')).toBe('一二三四五六日');
      const header = (await panel.locator('.ant-picker-header').first().textContent()) ?? '';
      expect(header).toMatch(/\d{4}年/);
      expect(header).not.toMatch(/Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/);
      await own.close();
    });
  },
);
