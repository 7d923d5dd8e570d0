/**
 * The five-level escalation story of SPEC §5 (五级环链解纷), every step through the apps by the person
 * who holds the power there: a herder reports a grassland-boundary dispute on the 智治乌审 phone app;
 * the grid team registers, dispatches, fails to mediate and escalates it on the 百姓管家 phone app;
 * a 五老 mediates at the gacha on the same phone app; the gacha, town and banner centres, the judicial
 * office, the departments and the banner leaders move it up to the banner government in the console,
 * where it is settled jointly and verified; the herder rates it from "My cases"; the banner centre
 * archives it, and its timeline shows all four escalations with their reasons.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLACES } from '../../src/server/modules/demo/places.ts';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/roster.ts';
import {
  chooseOption,
  E2E_TEST_TIMEOUT_MS,
  launchBrowser,
  newContext,
  pick,
  runBrowserTests,
  screenshot,
  startServer,
  type TestServer,
  unlabelledControls,
  watch,
} from './support.ts';

let server: TestServer;
let browser: Browser;

/** One person's browser page, watched for console errors. */
interface Screen {
  context: BrowserContext;
  page: Page;
  watcher: ReturnType<typeof watch>;
}

async function openScreen(kind: 'phone' | 'desktop'): Promise<Screen> {
  const context = await newContext(browser, kind, server.url);
  await context.setGeolocation({
    longitude: DEMO_PLACES.pastoralGrid.lng,
    latitude: DEMO_PLACES.pastoralGrid.lat,
  });
  const page = await context.newPage();
  return { context, page, watcher: watch(page) };
}

/** Waits until opening and closing animations (dialogs, drop-downs, toasts) are over. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY,
      ),
  );
}

/** A screenshot of the page at rest (no phone toast, no animation half-way). */
async function shoot(page: Page, name: string): Promise<void> {
  await page.locator('.adm-toast-mask').waitFor({ state: 'detached' });
  await page.evaluate(() => window.scrollTo(0, 0));
  await settled(page);
  await screenshot(page, name);
}

async function expectLabelled(page: Page): Promise<void> {
  expect(await unlabelledControls(page)).toEqual([]);
}

// ── 百姓管家 (the grid-worker app, phone) ────────────────────────────────────────────────────────

/** Signs in to the worker app as `username` and opens the case from Today's list. */
async function workerOpensCase(
  username: string,
  title: string,
  list: '.tasks' | '.grid-cases',
): Promise<Screen> {
  const screen = await openScreen('phone');
  const { page } = screen;
  await page.goto('/worker/');
  await page.getByLabel('账号或手机号').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await expectLabelled(page);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByText('我的任务').waitFor();
  const card = page.locator(`${list} .case-card`, { hasText: title });
  await card.waitFor();
  await card.click();
  await page.getByRole('heading', { name: title }).waitFor();
  return screen;
}

/** The status tag and the level line of the worker app's case page. */
function workerCase(page: Page) {
  const head = page.locator('.adm-card', { has: page.locator('.case-title') });
  return {
    status: () => head.locator('.adm-tag').first().textContent(),
    level: () => head.locator('.case-meta').textContent(),
  };
}

/** The buttons the worker app offers (exactly `allowedActions`). */
async function workerActions(page: Page): Promise<string[]> {
  return page
    .locator('.case-actions [data-action]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-action') ?? ''));
}

/** Opens the action's form, fills it, submits it and waits until the outbox says it went through. */
async function actInWorker(
  page: Page,
  action: string,
  label: string,
  fill: (form: Locator) => Promise<void>,
  shot?: string,
): Promise<void> {
  await page.locator(`.case-actions [data-action="${action}"]`).click();
  const form = page.locator('.action-form');
  await form.waitFor();
  await fill(form);
  await expectLabelled(page);
  if (shot) await shoot(page, shot);
  await form.getByRole('button', { name: '提交' }).click();
  await page.locator('.outbox-item[data-status="sent"]', { hasText: label }).waitFor();
}

// ── The console (综治中心工作台, desktop) ────────────────────────────────────────────────────────

const consoleScreens = new Map<string, Screen>();

/** The case page in the console, signed in as `username` (each person keeps their own browser). */
async function consoleOpensCase(username: string, caseId: string): Promise<Screen> {
  let screen = consoleScreens.get(username);
  if (!screen) {
    screen = await openScreen('desktop');
    consoleScreens.set(username, screen);
    await screen.page.goto(`/console/cases/${caseId}`);
    await screen.page.getByLabel('用户名或手机号').fill(username);
    await screen.page.getByLabel('密码').fill(DEMO_PASSWORD);
    await screen.page.getByRole('button', { name: /登\s*录/ }).click();
  } else {
    await screen.page.goto(`/console/cases/${caseId}`);
  }
  await screen.page.getByTestId('case-no').waitFor();
  return screen;
}

interface ConsoleStep {
  username: string;
  action: string;
  /** What the case page shows before the person acts. */
  before: { status: string; level: string };
  /** The status it shows afterwards. */
  after: string;
  fill?: (dialog: Locator, page: Page) => Promise<void>;
  /** Screenshot of the filled-in dialog. */
  dialogShot?: string;
  /** Screenshot of the case page once done. */
  shot?: string;
}

/** A person opens the case in the console, sees its state, does `action` through its form. */
async function actInConsole(caseId: string, step: ConsoleStep): Promise<Page> {
  const { page, watcher } = await consoleOpensCase(step.username, caseId);
  const status = page.getByTestId('case-status');
  expect(await status.textContent()).toBe(step.before.status);
  expect(await page.getByTestId('case-level').textContent()).toBe(step.before.level);
  await page.locator(`[data-testid="case-actions"] [data-action="${step.action}"]`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await step.fill?.(dialog, page);
  await expectLabelled(page);
  if (step.dialogShot) await shoot(page, step.dialogShot);
  await dialog.getByRole('button', { name: /提\s*交/ }).click();
  await expect.poll(() => status.textContent()).toBe(step.after);
  await dialog.waitFor({ state: 'detached' });
  await expectLabelled(page);
  if (step.shot) await shoot(page, step.shot);
  watcher.assertClean();
  return page;
}

const LEVEL = {
  2: '第 2 级 · 嘎查村社区',
  3: '第 3 级 · 苏木镇',
  4: '第 4 级 · 旗综治中心',
  5: '第 5 级 · 旗委政府',
} as const;

describe.skipIf(!runBrowserTests)(
  'the five-level chain story, through the three apps',
  { timeout: 2 * E2E_TEST_TIMEOUT_MS },
  () => {
    beforeAll(async () => {
      for (const app of ['resident', 'worker', 'console']) {
        if (!fs.existsSync(`dist/web/${app}/index.html`)) {
          throw new Error(`build the ${app} app first: node bin/run-ts.js scripts/build-web.ts --app=${app}`);
        }
      }
      server = await startServer();
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('climbs from the grid to the banner government, is settled, rated and archived', async () => {
      // ── The herder reports the dispute on the 智治乌审 phone app. ──
      const resident = await openScreen('phone');
      const herder = resident.page;
      await herder.goto('/');
      await herder.getByRole('heading', { name: '登录' }).waitFor();
      await expectLabelled(herder);
      await herder.getByLabel('手机号').fill('herder');
      await herder.getByLabel('密码').fill(DEMO_PASSWORD);
      await herder.getByRole('button', { name: '登录' }).click();
      await herder.getByRole('heading', { name: '反映问题或纠纷' }).waitFor();
      await herder.getByText('土地草牧场纠纷').click();
      await herder
        .getByLabel('情况描述')
        .fill('草场边界纠纷：邻居把网围栏往我家草场移了二十米，多次协商未果。');
      await herder.getByRole('button', { name: '使用当前定位' }).click();
      await herder.getByTestId('grid').waitFor();
      expect(await herder.getByTestId('grid').textContent()).toContain('一社');
      await herder.getByLabel('联系电话（选填）').fill('13947700001');
      await expectLabelled(herder);
      await shoot(herder, 'story-01-resident-report');
      await herder.getByRole('button', { name: '提交' }).click();
      await herder.getByText('收到您的反映').waitFor();
      const caseId = decodeURIComponent(new URL(herder.url()).hash.split('/')[2] ?? '');
      expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
      await expect.poll(() => herder.getByTestId('status').textContent()).toBe('待受理');
      const caseNo =
        /编号 (\S+)/.exec(
          (await herder
            .locator('.case .meta')
            .getByText(/^编号 /)
            .textContent()) ?? '',
        )?.[1] ?? '';
      expect(caseNo).not.toBe('');
      const title = (await herder.locator('.case h1').textContent()) ?? '';
      expect(title).toContain('草场边界纠纷');
      await shoot(herder, 'story-02-resident-received');
      resident.watcher.assertClean();

      // ── L1 grid, on the 百姓管家 phone app: the grid chief registers and dispatches (一键派单权). ──
      const chief = await workerOpensCase('grid.chief', title, '.grid-cases');
      expect(await workerCase(chief.page).status()).toBe('待受理');
      expect(await workerCase(chief.page).level()).toContain('第1级 · 社组/网格');
      expect(await workerActions(chief.page)).toContain('register');
      await actInWorker(chief.page, 'register', '登记立案', async (form) => {
        await form.locator('.adm-selector-item', { hasText: '土地草牧场纠纷' }).click();
        await form.locator('.adm-selector-item', { hasText: '疑难' }).click();
      });
      await expect.poll(() => workerCase(chief.page).status()).toBe('待派遣');
      await actInWorker(
        chief.page,
        'dispatch',
        '一键派单',
        async (form) => {
          await form.getByText('网格员 巴特尔（专职网格员）').click();
        },
        'story-03-worker-chief-dispatch',
      );
      await expect.poll(() => workerCase(chief.page).status()).toBe('待接收');
      await chief.page.getByText('网格员 巴特尔（主办）').waitFor();
      chief.watcher.assertClean();
      await chief.context.close();

      // The grid worker accepts the task and records the failed mediation.
      const worker = await workerOpensCase('grid.worker', title, '.tasks');
      expect(await workerCase(worker.page).status()).toBe('待接收');
      expect((await workerActions(worker.page)).sort()).toEqual(['accept', 'request_extension', 'send_back']);
      await actInWorker(worker.page, 'accept', '接收任务', async () => undefined);
      await expect.poll(() => workerCase(worker.page).status()).toBe('处置中');
      await actInWorker(worker.page, 'mediate', '记录调解', async (form) => {
        await form.locator('.adm-selector-item', { hasText: '调解不成' }).click();
        await form.getByLabel('地点').fill('巴音敖包嘎查一社草场');
        await form.getByLabel('说明').fill('双方对界桩位置各执一词');
      });
      await worker.page.locator('.timeline-words', { hasText: '双方对界桩位置各执一词' }).waitFor();
      expect(await worker.page.locator('.adm-steps').textContent()).toContain('调解 · 处置人');
      await shoot(worker.page, 'story-04-worker-mediation-failed');
      worker.watcher.assertClean();
      await worker.context.close();

      // The grid guide decides (一键决策权): escalate to the gacha.
      const guide = await workerOpensCase('grid.guide', title, '.grid-cases');
      expect(await workerActions(guide.page)).toContain('escalate');
      await actInWorker(
        guide.page,
        'escalate',
        '上报上一级',
        async (form) => {
          await form.locator('.adm-selector-item', { hasText: '调解不成' }).click();
          await form.getByLabel('说明').fill('网格调解未果，提交嘎查');
        },
        'story-05-worker-guide-escalate',
      );
      await expect.poll(() => workerCase(guide.page).level()).toContain('第2级 · 嘎查村社区');
      expect(await workerCase(guide.page).status()).toBe('待派遣');
      guide.watcher.assertClean();
      await guide.context.close();

      // ── L2 gacha: the gacha centre dispatches to a 五老 in the console. ──
      const gacha = await actInConsole(caseId, {
        username: 'village.operator',
        action: 'dispatch',
        before: { status: '待派遣', level: LEVEL[2] },
        after: '待接收',
        fill: (dialog, page) => pick(dialog, page, '处置人员', '达来', '五老 达来'),
        dialogShot: 'story-06-console-gacha-dispatch',
      });
      expect(await gacha.getByTestId('case-details').textContent()).toContain('五老 达来 · 嘎查村社区');

      // The 五老 works on the phone app: accepts, talks it through, and fails.
      const elder = await workerOpensCase('village.elder', title, '.tasks');
      expect(await workerCase(elder.page).status()).toBe('待接收');
      expect(await workerCase(elder.page).level()).toContain('第2级 · 嘎查村社区');
      await elder.page.getByText('五老 达来（主办）').waitFor();
      await actInWorker(elder.page, 'accept', '接收任务', async () => undefined);
      await expect.poll(() => workerCase(elder.page).status()).toBe('处置中');
      await actInWorker(elder.page, 'mediate', '记录调解', async (form) => {
        await form.locator('.adm-selector-item', { hasText: '调解不成' }).click();
        await form.getByLabel('说明').fill('五老调解两次未果');
      });
      await elder.page.locator('.timeline-words', { hasText: '五老调解两次未果' }).waitFor();
      await shoot(elder.page, 'story-07-worker-elder-mediation');
      elder.watcher.assertClean();
      await elder.context.close();

      // The gacha guide escalates to the town.
      await actInConsole(caseId, {
        username: 'village.guide',
        action: 'escalate',
        before: { status: '处置中', level: LEVEL[2] },
        after: '待派遣',
        fill: async (dialog) => {
          await dialog.getByLabel('调解未果').check();
          await dialog.getByLabel('说明').fill('嘎查调解未果，提交苏木镇');
        },
      });

      // ── L3 town: the town centre dispatches to the judicial office, which mediates and fails. ──
      const town = await actInConsole(caseId, {
        username: 'town.operator',
        action: 'dispatch',
        before: { status: '待派遣', level: LEVEL[3] },
        after: '待接收',
        fill: (dialog, page) => pick(dialog, page, '处置人员', '斯琴', '司法所 斯琴'),
      });
      expect(await town.getByTestId('case-details').textContent()).toContain('司法所 斯琴 · 苏木镇');
      await actInConsole(caseId, {
        username: 'town.judicial',
        action: 'accept',
        before: { status: '待接收', level: LEVEL[3] },
        after: '处置中',
      });
      await actInConsole(caseId, {
        username: 'town.judicial',
        action: 'mediate',
        before: { status: '处置中', level: LEVEL[3] },
        after: '处置中',
        fill: async (dialog) => {
          await dialog.getByLabel('调解未果').check();
          await dialog.getByLabel('说明').fill('司法所、派出所、信访办多元调解未果');
        },
        dialogShot: 'story-08-console-town-mediation',
      });
      await actInConsole(caseId, {
        username: 'town.guide',
        action: 'escalate',
        before: { status: '处置中', level: LEVEL[3] },
        after: '待派遣',
        fill: async (dialog) => {
          await dialog.getByLabel('超出本级权限').check();
          await dialog.getByLabel('说明').fill('涉及草原确权，超出镇级权限');
        },
      });

      // ── L4 banner centre: routed by case type (分流分调) to natural resources, which cannot settle it alone. ──
      const routed = await actInConsole(caseId, {
        username: 'banner.operator',
        action: 'dispatch',
        before: { status: '待派遣', level: LEVEL[4] },
        after: '待接收',
        fill: async (dialog) => {
          expect(await dialog.getByLabel('按案件类型分流到职能部门').isChecked()).toBe(true);
        },
        dialogShot: 'story-09-console-banner-route',
      });
      expect(await routed.getByTestId('case-details').textContent()).toContain('自然资源局');
      await routed.locator('[data-event="dispatched"]', { hasText: '按类型分流' }).waitFor();
      await actInConsole(caseId, {
        username: 'dept.natres',
        action: 'accept',
        before: { status: '待接收', level: LEVEL[4] },
        after: '处置中',
      });
      await actInConsole(caseId, {
        username: 'banner.operator',
        action: 'escalate',
        before: { status: '处置中', level: LEVEL[4] },
        after: '待派遣',
        fill: async (dialog) => {
          await dialog.getByLabel('超出本级权限').check();
          await dialog.getByLabel('说明').fill('需旗委政府联管联调');
        },
      });

      // ── L5 banner government: joint handling by two departments (联管联调); the result is verified. ──
      const joint = await actInConsole(caseId, {
        username: 'leader',
        action: 'dispatch',
        before: { status: '待派遣', level: LEVEL[5] },
        after: '待接收',
        fill: async (dialog, page) => {
          await pick(dialog, page, '职能部门', '自然', '自然资源局');
          await pick(dialog, page, '职能部门', '林业', '林业和草原局');
        },
        dialogShot: 'story-10-console-leader-joint-dispatch',
      });
      const parties = (await joint.getByTestId('case-details').textContent()) ?? '';
      expect(parties).toContain('自然资源局 · 旗委政府');
      expect(parties).toContain('林业和草原局 · 旗委政府');
      await actInConsole(caseId, {
        username: 'dept.forestry',
        action: 'accept',
        before: { status: '待接收', level: LEVEL[5] },
        after: '处置中',
      });
      // Each department accepts and reports its own part; the case waits for both (issue 7 #21).
      await actInConsole(caseId, {
        username: 'dept.natres',
        action: 'accept',
        before: { status: '处置中', level: LEVEL[5] },
        after: '处置中',
      });
      await actInConsole(caseId, {
        username: 'dept.forestry',
        action: 'feedback',
        before: { status: '处置中', level: LEVEL[5] },
        after: '处置中',
        fill: async (dialog) => {
          await dialog.getByLabel('处置结果').fill('林地界线核实无误');
        },
      });
      const settled = await actInConsole(caseId, {
        username: 'dept.natres',
        action: 'feedback',
        before: { status: '处置中', level: LEVEL[5] },
        after: '待核查',
        fill: async (dialog) => {
          await dialog.getByLabel('处置结果').fill('联合勘界，重新埋设界桩，双方签字确认');
        },
      });
      expect(await settled.getByTestId('case-details').textContent()).toContain('联合勘界，重新埋设界桩');
      await actInConsole(caseId, {
        username: 'banner.guide',
        action: 'verify',
        before: { status: '待核查', level: LEVEL[5] },
        after: '待回访',
        fill: async (dialog) => {
          await dialog.getByLabel('说明').fill('现场核实界桩已埋设');
        },
        shot: 'story-11-console-verified',
      });

      // ── The herder follows it in "My cases" and rates it (回访). ──
      await herder.locator('.tabs').getByText('我的事项').click();
      await herder.getByRole('heading', { name: '我的事项' }).waitFor();
      const card = herder.locator(`.case-card[data-case-no="${caseNo}"]`);
      await card.waitFor();
      expect(await card.textContent()).toContain('待回访');
      await expectLabelled(herder);
      await shoot(herder, 'story-12-resident-my-cases');
      await card.click();
      await herder.getByRole('heading', { name: '回访评价' }).waitFor();
      const plain = (await herder.locator('.timeline').textContent()) ?? '';
      expect(plain).toContain('已派给 网格员 巴特尔 处理');
      expect(plain).toContain('上报到嘎查村（社区），因为调解未成功（网格调解未果，提交嘎查）');
      expect(plain).toContain('上报到苏木镇，因为调解未成功（嘎查调解未果，提交苏木镇）');
      expect(plain).toContain('上报到旗综治中心，因为超出本级处理权限（涉及草原确权，超出镇级权限）');
      expect(plain).toContain('上报到旗委政府，因为超出本级处理权限（需旗委政府联管联调）');
      expect(plain).toContain('处理结果已核实');
      expect(await herder.locator('.result').textContent()).toContain('联合勘界，重新埋设界桩，双方签字确认');
      await herder.getByLabel('4 星').check();
      await herder.getByLabel('意见（选填）').fill('界桩重新埋好了，谢谢各级调解。');
      await expectLabelled(herder);
      await shoot(herder, 'story-13-resident-return-visit');
      await herder.getByRole('button', { name: '满意', exact: true }).click();
      await herder.getByText('您的评价：满意').waitFor();
      await expect.poll(() => herder.getByTestId('status').textContent()).toBe('待归档');
      expect(await herder.locator('.timeline').textContent()).toContain('回访：满意');
      await shoot(herder, 'story-14-resident-rated');
      resident.watcher.assertClean();

      // ── The banner centre sees it can be archived and closes it. ──
      await actInConsole(caseId, {
        username: 'banner.operator',
        action: 'close',
        before: { status: '待归档', level: LEVEL[5] },
        after: '已办结',
        fill: async (dialog, page) => {
          await chooseOption(page, dialog.getByLabel('最终难度'), '积案');
        },
      });

      // ── The whole story on the case page: four escalations with their reasons, and an intact history. ──
      const { page, watcher } = await consoleOpensCase('leader', caseId);
      await page.locator('[data-event="archived"]').waitFor();
      expect(await page.getByTestId('case-status').textContent()).toBe('已办结');
      expect(await page.getByTestId('case-level').textContent()).toBe(LEVEL[5]);
      const timeline = (await page.getByTestId('timeline').textContent()) ?? '';
      for (const [from, to] of [
        [1, 2],
        [2, 3],
        [3, 4],
        [4, 5],
      ]) {
        expect(timeline).toContain(`从第 ${from} 级上报到第 ${to} 级`);
      }
      expect(await page.locator('[data-event="escalated"]').count()).toBe(4);
      expect(timeline).toContain('按类型分流');
      expect(timeline).toContain('回访满意');
      expect(await page.locator('[data-event="mediation_recorded"]').count()).toBe(3);
      await expect.poll(() => page.getByTestId('verification').getAttribute('data-status')).toBe('intact');
      expect(await page.locator('[data-testid="case-actions"] [data-action]').count()).toBe(0);
      await expectLabelled(page);
      await shoot(page, 'story-15-console-archived');
      watcher.assertClean();
    });
  },
);
