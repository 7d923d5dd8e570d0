/**
 * Issue 7 #13 in a real browser: a Chinese reader of the console sees server messages in Chinese
 * (a wrong password, a validation error) and times in local Asia/Shanghai format, never English
 * sentences, raw codes or ISO timestamps.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiAs,
  newContext,
  reportCase,
  runBrowserTests,
  startStage,
  submitConsoleSignIn,
  type TestServer,
  watch,
} from './support.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;

/** Shown in local time: 12月2日 14:15 (the year only when it is not this one). */
const LOCAL_TIME = /(\d{4}年)?\d{1,2}月\d{1,2}日 \d\d:\d\d/;
const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d/;

describe.skipIf(!runBrowserTests)('messages in the reader’s language (issue 7 #13)', () => {
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
    await submitConsoleSignIn(page, 'town.operator', 'not the password');
    expect((await answer).status()).toBe(401);
    const alert = page.getByRole('alert');
    await alert.getByText('用户名或密码错误').waitFor();
    expect((await alert.textContent()) ?? '').not.toMatch(/[A-Za-z]/);

    const invalid = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await submitConsoleSignIn(page, 'x'.repeat(101), 'whatever');
    expect((await invalid).status()).toBe(400);
    await alert.getByText('用户名最多 100 个字符').waitFor();
    expect((await alert.textContent()) ?? '').not.toMatch(/must|characters|username/);
    // only the two refused sign-ins, nothing else, went wrong on the page
    expect(problems.problems.every((p) => p.includes('401') || p.includes('400'))).toBe(true);
    await page.close();
  });

  it('a supervision order’s deadline and status read 12月2日 14:15 · 未办结, not ISO or "open"', async () => {
    const c = await reportCase(server, { description: '水井抽水泵坏了', caseType: 'neighbour' }, 'accepted');
    const inspector = await apiAs(server, 'village.inspector');
    await inspector.act(c.id, 'supervise', { reason: '群众反映强烈', dueInWorkdays: 1 });

    const page = await context.newPage();
    await page.goto(`/console/cases/${c.id}`);
    await submitConsoleSignIn(page, 'town.operator');
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
    await submitConsoleSignIn(notes, 'grid.worker');
    const note = notes.getByText(/^督办单：群众反映强烈（期限 /);
    await note.waitFor();
    expect((await note.textContent()) ?? '').toMatch(new RegExp(`（期限 ${LOCAL_TIME.source}）$`));
    await handler.close();
    await page.close();
  });

  it('a deadline’s date picker shows Chinese months and weekdays, not "Dec / Su Mo Tu"', async () => {
    const c = await reportCase(server, { description: '牧道被堵', caseType: 'neighbour' }, 'registered');

    // A context of its own: the earlier tests left this one signed in as someone else.
    const own = await newContext(browser, 'desktop', server.url);
    const page = await own.newPage();
    await page.goto(`/console/cases/${c.id}`);
    await submitConsoleSignIn(page, 'grid.chief');
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
});
