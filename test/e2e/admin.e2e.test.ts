/**
 * The console's administration pages in a real browser against the real product: the area tree,
 * list, map and checks (a cap violation appears once a grid holds too many households); people and
 * their posts; departments, case types, time limits, the working calendar and the routing table —
 * each edit seen again after a reload. A town centre operator sees only its own town.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CODES } from '../../src/server/modules/demo/layout.ts';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/roster.ts';
import {
  animationsSettled,
  chooseOption,
  chooseTreeNode,
  newContext,
  runBrowserTests,
  screenshot,
  signInConsole,
  startStage,
  type TestServer,
  unlabelledControls,
  watch,
} from './support.ts';

let server: TestServer;
let browser: Browser;

const TOWNS = ['嘎鲁图镇', '乌审召镇', '图克镇', '乌兰陶勒盖镇', '无定河镇', '苏力德苏木'];

/** Calls the API as a demo account (or with another password). */
async function login(username: string, password = DEMO_PASSWORD): Promise<Response> {
  return fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

/** Picks an option of the antd Select labelled `label` (inside `scope`, e.g. a dialog). */
async function choose(
  page: Page,
  label: string,
  option: string,
  scope: Page | Locator = page,
): Promise<void> {
  await chooseOption(page, scope.getByLabel(label, { exact: true }), option);
}

/**
 * Fails on any console error except the browser's own log line for a refusal the test provoked on
 * purpose (a 400 or 409 the page then shows next to the field).
 */
function assertCleanApartFrom(watcher: ReturnType<typeof watch>, statuses: number[]): void {
  const expected = new RegExp(
    `Failed to load resource: the server responded with a status of (${statuses.join('|')})`,
  );
  const rest = watcher.problems.filter((p) => !expected.test(p));
  expect(rest).toEqual([]);
}

/** Waits for antd's tab and table transitions to finish, so a screenshot shows the settled page. */
async function settled(page: Page): Promise<void> {
  await animationsSettled(page);
}

/** The visible area tree's node titles. */
async function treeTitles(page: Page): Promise<string[]> {
  return page.locator('.ant-tree-treenode .ant-tree-title').allTextContents();
}

/** Moves enough households into a grid, straight in the database, to break its cap of 50. */
function crowdGrid(gridCode: string, extra: number): void {
  const db = new Database(path.join(server.dataDir, 'zhizhi.db'));
  try {
    const grid = db.prepare('SELECT id FROM area WHERE code = ?').get(gridCode) as { id: string };
    const home = db.prepare('SELECT lng, lat FROM household WHERE grid_id = ? LIMIT 1').get(grid.id) as {
      lng: number;
      lat: number;
    };
    const insert = db.prepare(
      'INSERT INTO household (id, grid_id, address, lng, lat, members, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const now = new Date().toISOString();
    for (let i = 0; i < extra; i++) {
      insert.run(randomUUID(), grid.id, `新迁入牧户 ${i + 1}`, home.lng, home.lat, 3, now);
    }
  } finally {
    db.close();
  }
}

function householdsIn(gridCode: string): number {
  const db = new Database(path.join(server.dataDir, 'zhizhi.db'), { readonly: true });
  try {
    const row = db
      .prepare('SELECT count(*) AS n FROM household h JOIN area a ON a.id = h.grid_id WHERE a.code = ?')
      .get(gridCode) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

describe.skipIf(!runBrowserTests)('the console administration pages', () => {
  let admin: BrowserContext;

  beforeAll(async () => {
    ({ server, browser } = await startStage('console'));
    admin = await newContext(browser, 'desktop', server.url);
    // Sign in once through the console's sign-in page; the other pages share the session.
    await (await signInConsole(admin, 'admin', '/console/admin/areas')).close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the area tree with the six towns, their households, a map and clean checks', async () => {
    const page = await admin.newPage();
    const watcher = watch(page);
    const mapCode: string[] = [];
    page.on('request', (r) => {
      if (/\/assets\/(AreaMap|maplibre)/.test(r.url())) mapCode.push(r.url());
    });
    await page.goto('/console/admin/areas');
    await page.getByText('苏力德苏木').first().waitFor();
    const titles = await treeTitles(page);
    expect(titles[0]).toContain('乌审旗');
    for (const town of TOWNS) expect(titles.join('|')).toContain(town);
    expect(titles).toHaveLength(7);

    // The list: the banner's six towns with their codes, kinds and household counts.
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(6);
    const first = await rows.first().locator('td').allTextContents();
    expect(first.slice(0, 3)).toEqual(['150626100', '嘎鲁图镇', '苏木镇']);
    expect(Number(first[3])).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.ant-table-summary').textContent()).toContain('共 6 个下级区域');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'admin-areas-list');

    // Open a town from the tree: its villages are listed.
    await page.locator('.ant-tree-title', { hasText: '乌审召镇' }).click();
    await expect.poll(() => page.getByTestId('selected-area').textContent()).toBe('乌审旗 › 乌审召镇');
    await expect
      .poll(async () => (await rows.first().locator('td').first().textContent()) ?? '')
      .toMatch(/^150626101\d{3}$/);
    expect(await page.locator('.ant-descriptions').textContent()).toContain('150626101');

    // The map: the town's villages drawn as polygons over a plain background. MapLibre is loaded
    // only now, when the map is shown.
    expect(mapCode).toEqual([]);
    await page.getByRole('tab', { name: '地图' }).click();
    const map = page.getByTestId('area-map');
    await expect.poll(() => map.getAttribute('data-shapes')).toMatch(/^[1-9]\d*$/);
    expect(await map.locator('canvas.maplibregl-canvas').count()).toBe(1);
    expect(mapCode.some((url) => url.includes('/AreaMap-'))).toBe(true);
    const villages = Number(await map.getAttribute('data-shapes'));
    await expect.poll(() => map.locator('.admin-map-label').count()).toBe(villages);
    expect(await map.locator('.admin-map-label').first().textContent()).toBe('巴音敖包嘎查');
    await settled(page);
    await screenshot(page, 'admin-areas-map');

    // The checks: the demo data keeps every rule.
    await page.getByRole('tab', { name: '规则检查' }).click();
    await page.getByText('没有发现问题').waitFor();
    expect(await page.getByTestId('checks-count').textContent()).toBe('共 0 项问题');
    watcher.assertClean();
    await page.close();
  });

  it('lists a cap violation once a grid holds more than 50 households', async () => {
    const before = householdsIn(DEMO_CODES.pastoralGrid);
    crowdGrid(DEMO_CODES.pastoralGrid, 51 - before + 2);
    expect(householdsIn(DEMO_CODES.pastoralGrid)).toBe(53);

    const page = await admin.newPage();
    const watcher = watch(page);
    await page.goto('/console/admin/areas');
    await page.getByRole('tab', { name: '规则检查' }).click();
    const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: DEMO_CODES.pastoralGrid });
    await row.waitFor();
    expect(await page.getByTestId('checks-count').textContent()).toBe('共 1 项问题');
    expect(await row.textContent()).toContain('超过户数上限');
    expect(await row.textContent()).toContain('53 户，超过上限 50 户');
    expect(await unlabelledControls(page)).toEqual([]);
    await settled(page);
    await screenshot(page, 'admin-areas-checks');
    // The code opens the crowded grid itself.
    await row.getByRole('button', { name: DEMO_CODES.pastoralGrid }).click();
    await expect
      .poll(() => page.getByTestId('selected-area').textContent())
      .toBe('乌审旗 › 乌审召镇 › 巴音敖包嘎查 › 巴音敖包嘎查一社');
    await expect.poll(() => page.locator('.ant-descriptions').textContent()).toContain('户数53');
    watcher.assertClean();
    await page.close();
  });

  it('lets an administrator create an area, with a taken code shown on the code field', async () => {
    const page = await admin.newPage();
    const watcher = watch(page);
    await page.goto('/console/admin/areas');
    await page.locator('.ant-tree-title', { hasText: '乌审召镇' }).click();
    await expect.poll(() => page.getByTestId('selected-area').textContent()).toBe('乌审旗 › 乌审召镇');
    await page.getByRole('button', { name: '新建下级区域' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('在「乌审召镇」下新建区域').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);

    // A code that is taken: the error sits under the code field.
    await dialog.getByLabel('编码').fill(DEMO_CODES.storyVillage);
    await dialog.getByLabel('中文名称').fill('测试嘎查');
    await dialog.getByLabel('英文名称').fill('Test Gacha');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const codeItem = dialog.locator('.ant-form-item', { has: page.getByLabel('编码') });
    await expect
      .poll(() => codeItem.locator('.ant-form-item-explain-error').textContent())
      .toContain(DEMO_CODES.storyVillage);
    await screenshot(page, 'admin-areas-form-error');

    await dialog.getByLabel('编码').fill('150626101299');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect
      .poll(() => page.getByTestId('selected-area').textContent())
      .toBe('乌审旗 › 乌审召镇 › 测试嘎查');
    await page.reload();
    await page.locator('.ant-tree-title', { hasText: '乌审召镇' }).click();
    await page.locator('.ant-tree-treenode', { hasText: '乌审召镇' }).locator('.ant-tree-switcher').click();
    await page.locator('.ant-tree-title', { hasText: '测试嘎查' }).waitFor();
    expect(await page.locator('.ant-table-tbody').textContent()).toContain('150626101299');
    assertCleanApartFrom(watcher, [409]);
    await page.close();
  });

  it('lists people with masked phones, shows a full number, creates a person and manages posts', async () => {
    const page = await admin.newPage();
    const watcher = watch(page);
    await page.goto('/console/admin/people');
    await page.getByText('共 29 人').waitFor();
    await choose(page, '角色', '网格长');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.getByText('共 2 人').waitFor();
    const chief = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '网格长 巴图' });
    expect(await chief.textContent()).toMatch(/139\*{4}\d{4}/);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'admin-people');
    await chief.getByRole('button', { name: '显示完整号码' }).click();
    await expect.poll(() => chief.getByTestId('phone-full').textContent()).toMatch(/^139477\d{5}$/);

    // A new person with a post in the pastoral grid.
    await page.getByRole('button', { name: '新建人员' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('grid.newcomer');
    await dialog.getByLabel('姓名').fill('网格员 新来的');
    await dialog.getByLabel('初始密码').fill('first-password-1');
    await dialog.getByLabel('手机号').fill('12345');
    await choose(page, '角色', '专职网格员', dialog);
    await chooseTreeNode(page, dialog.getByLabel('区域'), '乌审召镇');
    expect(await unlabelledControls(page)).toEqual([]);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    // The server refuses the phone number: the message sits under the phone field.
    const phoneItem = dialog.locator('.ant-form-item', { has: page.getByLabel('手机号') });
    await expect
      .poll(() => phoneItem.locator('.ant-form-item-explain-error').textContent())
      .toContain('11 位手机号');
    await dialog.getByLabel('手机号').fill('13947700999');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const newcomer = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '网格员 新来的' });
    await newcomer.waitFor();
    expect(await newcomer.textContent()).toContain('139****0999');
    expect(await newcomer.textContent()).toContain('专职网格员');

    // Add a post, then take it away again.
    await newcomer.getByRole('button', { name: '岗位' }).click();
    const posts = page.getByRole('dialog');
    await posts.getByText('网格员 新来的 的岗位').waitFor();
    await choose(page, '角色', '兼职网格员', posts);
    await chooseTreeNode(page, posts.getByLabel('区域'), '图克镇');
    await posts.getByRole('button', { name: '添加岗位' }).click();
    await expect.poll(() => posts.getByTestId('assignment').count()).toBe(2);
    expect(await posts.getByTestId('assignment').allTextContents()).toContain('兼职网格员图克镇');
    await screenshot(page, 'admin-people-posts');
    await posts
      .locator('.ant-list-item', { hasText: '兼职网格员' })
      .getByRole('button', { name: /移\s*除/ })
      .click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /是/ }).click();
    await expect.poll(() => posts.getByTestId('assignment').count()).toBe(1);
    await page.locator('.ant-modal-close').click();

    // Reset the password: the new one signs in, the old one no longer does.
    await newcomer.getByRole('button', { name: '重置密码' }).click();
    const reset = page.getByRole('dialog', { name: '重置 网格员 新来的 的密码' });
    await reset.getByLabel('新密码', { exact: true }).fill('second-password-2');
    await reset.getByLabel('再次输入新密码').fill('second-password-2');
    expect(await unlabelledControls(page)).toEqual([]);
    await reset.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已重置 网格员 新来的 的密码').waitFor();
    expect((await login('grid.newcomer', 'second-password-2')).status).toBe(200);
    expect((await login('grid.newcomer', 'first-password-1')).status).toBe(401);
    assertCleanApartFrom(watcher, [400]);
    await page.close();
  });

  it('shows departments and case types, and keeps an added department and a renamed type', async () => {
    const page = await admin.newPage();
    const watcher = watch(page);
    await page.goto('/console/admin/departments');
    await page.getByText('自然资源局').waitFor();
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(13);
    await page.getByRole('button', { name: '新增部门' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('代码').fill('Bad Code');
    await dialog.getByLabel('中文名称').fill('退役军人事务局');
    await dialog.getByLabel('英文名称').fill('Veterans Affairs');
    expect(await unlabelledControls(page)).toEqual([]);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const codeItem = dialog.locator('.ant-form-item', { has: page.getByLabel('代码') });
    await expect.poll(() => codeItem.locator('.ant-form-item-explain-error').textContent()).toBeTruthy();
    await dialog.getByLabel('代码').fill('veterans_affairs');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('退役军人事务局').waitFor();
    await page.reload();
    await page.getByText('退役军人事务局').waitFor();
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(14);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'admin-departments');

    await page.goto('/console/admin/case-types');
    await page.getByText('土地草牧场纠纷').waitFor();
    const types = await page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(3)').allTextContents();
    expect(types).toEqual(expect.arrayContaining(['邻里纠纷', '劳资纠纷', '婚姻家庭纠纷', '治安隐患']));
    await page
      .locator('.ant-table-tbody tr.ant-table-row', { hasText: '物业纠纷' })
      .getByRole('button', { name: /编\s*辑/ })
      .click();
    const edit = page.getByRole('dialog');
    await edit.getByLabel('中文名称').fill('物业服务纠纷');
    expect(await unlabelledControls(page)).toEqual([]);
    await edit.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('物业服务纠纷').waitFor();
    await page.reload();
    await page.getByText('物业服务纠纷').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'admin-case-types');
    assertCleanApartFrom(watcher, [400]);
    await page.close();
  });

  it('edits the time-limit table and keeps the change', async () => {
    const page = await admin.newPage();
    const watcher = watch(page);
    await page.goto('/console/admin/deadlines');
    const firstAmount = page.getByLabel('第 1 行的时限');
    await firstAmount.waitFor();
    const rows = await page.locator('.ant-table-tbody tr.ant-table-row').count();
    expect(rows).toBeGreaterThan(5);
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').first().textContent()).toContain(
      '案件建立',
    );
    expect(await unlabelledControls(page)).toEqual([]);

    await firstAmount.fill('6');
    await page.getByRole('button', { name: '保存时限表' }).click();
    await page.getByText('已保存').waitFor();
    await page.reload();
    await page.getByLabel('第 1 行的时限').waitFor();
    expect(await page.getByLabel('第 1 行的时限').inputValue()).toBe('6');
    const rules = (await (
      await fetch(`${server.url}/api/v1/deadline-rules`, {
        headers: { authorization: `Bearer ${await tokenOf('admin')}` },
      })
    ).json()) as { rules: { step: string; level: number | null; caseType: string | null; amount: number }[] };
    expect(
      rules.rules.find((r) => r.step === 'register' && r.level === null && r.caseType === null)?.amount,
    ).toBe(6);

    // Two rules for the same step, level and type: the server names the row.
    await page.getByRole('button', { name: '添加一条' }).click();
    await choose(page, `第 ${rows + 1} 行的环节`, '案件建立');
    await page.getByRole('button', { name: '保存时限表' }).click();
    await page.getByText('已有相同环节、层级和事项类型的规则').waitFor();
    await screenshot(page, 'admin-deadlines');
    assertCleanApartFrom(watcher, [400]);
    await page.close();
  });

  it('shows the working calendar and keeps an added holiday', async () => {
    const page = await admin.newPage();
    const watcher = watch(page);
    await page.goto('/console/admin/calendar');
    await choose(page, '年份', '2026');
    await page.getByText('元旦调休上班').waitFor();
    const newYear = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '2026-01-01' });
    expect(await newYear.textContent()).toContain('法定节假日');
    expect(await newYear.textContent()).toContain('元旦');
    expect(await newYear.textContent()).toContain('周四');
    const summary = (await page.getByTestId('calendar-summary').textContent()) ?? '';
    const holidays = Number(/(\d+) 天节假日/.exec(summary)?.[1]);
    expect(holidays).toBeGreaterThan(10);
    expect(await unlabelledControls(page)).toEqual([]);

    await page.getByLabel('日期').fill('2026-07-15');
    await page.getByLabel('名称').fill('那达慕大会');
    await page.getByRole('button', { name: /登\s*记/ }).click();
    await page.getByText('那达慕大会').waitFor();
    await page.reload();
    await choose(page, '年份', '2026');
    const naadam = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '2026-07-15' });
    await naadam.waitFor();
    expect(await naadam.textContent()).toContain('那达慕大会');
    expect(await page.getByTestId('calendar-summary').textContent()).toContain(`${holidays + 1} 天节假日`);
    await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
    await screenshot(page, 'admin-calendar');

    await naadam.getByRole('button', { name: /删\s*除/ }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /是/ }).click();
    await expect.poll(() => naadam.count()).toBe(0);
    watcher.assertClean();
    await page.close();
  });

  it('edits the level-4 routing table and keeps the new row', async () => {
    const page = await admin.newPage();
    const watcher = watch(page);
    await page.goto('/console/admin/routing');
    await page.getByLabel('第 1 行的案件类型').waitFor();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    const before = await rows.count();
    expect(before).toBeGreaterThan(0);
    expect(await page.locator('.ant-table-tbody').textContent()).toContain('全旗');
    expect(await unlabelledControls(page)).toEqual([]);

    await page.getByRole('button', { name: '添加一行' }).click();
    await choose(page, `第 ${before + 1} 行的案件类型`, '基础设施');
    await chooseTreeNode(page, page.getByLabel(`第 ${before + 1} 行的区域`), '乌审召镇');
    await choose(page, `第 ${before + 1} 行的承办部门`, '住房和城乡建设局');
    await page.getByRole('button', { name: '保存分流规则' }).click();
    await page.getByText('已保存').waitFor();
    await page.reload();
    await page.getByLabel('第 1 行的案件类型').waitFor();
    await expect.poll(() => rows.count()).toBe(before + 1);
    const added = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '基础设施' });
    await expect.poll(() => added.textContent()).toContain('乌审召镇');
    expect(await added.textContent()).toContain('住房和城乡建设局');
    await screenshot(page, 'admin-routing');
    watcher.assertClean();
    await page.close();
  });

  it('shows a town centre operator only its town in the tree and the checks', async () => {
    const context = await newContext(browser, 'desktop', server.url);
    const page = await signInConsole(context, 'town.operator', '/console/admin/areas');
    const watcher = watch(page);
    await expect.poll(() => page.getByTestId('selected-area').textContent()).toBe('乌审旗 › 乌审召镇');
    await page.getByText('巴音敖包嘎查').first().waitFor();
    const titles = await treeTitles(page);
    expect(titles[0]).toContain('乌审召镇');
    for (const town of TOWNS.filter((t) => t !== '乌审召镇')) expect(titles.join('|')).not.toContain(town);
    expect(titles.join('|')).not.toContain('乌审旗');
    expect(await page.getByRole('button', { name: '新建下级区域' }).count()).toBe(0);
    await page.getByRole('tab', { name: '规则检查' }).click();
    await page.locator('.ant-table-tbody tr.ant-table-row', { hasText: DEMO_CODES.pastoralGrid }).waitFor();
    expect(await page.getByTestId('checks-count').textContent()).toBe('共 1 项问题');
    await settled(page);
    await screenshot(page, 'admin-areas-town-operator');
    watcher.assertClean();
    await context.close();

    // The seat's centre sees its own town, where no grid is over its cap.
    const seat = await newContext(browser, 'desktop', server.url);
    const seatPage = await signInConsole(seat, 'galutu.operator', '/console/admin/areas');
    await expect.poll(() => seatPage.getByTestId('selected-area').textContent()).toBe('乌审旗 › 嘎鲁图镇');
    expect((await treeTitles(seatPage))[0]).toContain('嘎鲁图镇');
    await seatPage.getByRole('tab', { name: '规则检查' }).click();
    await seatPage.getByText('没有发现问题').waitFor();
    await seat.close();
  });

  it('speaks English when the shell switches language', async () => {
    const page = await admin.newPage();
    const watcher = watch(page);
    await page.goto('/console/admin/areas');
    await page.evaluate(() => localStorage.setItem('zhizhi.lang', 'en'));
    await page.reload();
    await page.getByText('Area tree').waitFor();
    await page.getByText('Galutu', { exact: false }).first().waitFor();
    expect(await page.locator('.ant-table-thead').textContent()).toContain('Households');
    await page.getByRole('tab', { name: 'Checks' }).click();
    await page.getByText('Household cap exceeded').waitFor();
    await settled(page);
    await screenshot(page, 'admin-areas-english');
    await page.evaluate(() => localStorage.setItem('zhizhi.lang', 'zh'));
    watcher.assertClean();
    await page.close();
  });
});

async function tokenOf(username: string): Promise<string> {
  return ((await (await login(username)).json()) as { token: string }).token;
}
