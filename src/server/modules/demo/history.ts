/**
 * A year of the living county for the demo (issue 7 #18): a few thousand cases over every town,
 * type and level, worked through the SAME service commands the API uses — `cases.report` and
 * `cases.act` as the right person for each step — with a manual clock moved through the working days
 * of the past year and the deadline jobs run as it goes (so lateness flags and overdue escalations
 * happen as they would). The ledger therefore verifies. Deterministic from the seed.
 */

import type { Db } from '../../database.ts';
import type { ManualClock } from '../../platform/clock.ts';
import type { CaseService } from '../cases/service.ts';
import type { Scheduler } from '../jobs/scheduler.ts';
import type { Actor } from '../people/actor.ts';
import { nextMove } from './history-moves.ts';
import {
  ARCHETYPES,
  addWorkingHours,
  type CaseCourse,
  type DayKinds,
  drawCourse,
  toWorkingTime,
} from './history-plan.ts';
import { ensureHistoryStaff, type HistoryArea, type HistoryStaff, levelThreeGrid } from './history-staff.ts';
import { type HistorySummary, summarizeHistory } from './history-summary.ts';
import { DEMO_CODES } from './layout.ts';
import { seededRandom } from './shapes.ts';

export type { HistorySummary } from './history-summary.ts';

export interface HistoryOptions {
  /** How many cases to report over the year. */
  cases: number;
  /** Same seed → same year. */
  seed: number;
  /** The end of the history ("now"); it starts 365 days before. */
  end: Date;
  /** Hash of the demo password, for the history staff's accounts. */
  passwordHash: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface HistoryDeps {
  db: Db;
  cases: CaseService;
  scheduler: Scheduler;
  /** The clock the services use; the history moves it from a year ago to `end`. */
  clock: ManualClock;
}

/** A grid where cases are reported, with a point inside it (a household's). */
interface Spot {
  gridId: string;
  townId: string;
  lng: number;
  lat: number;
  address: string;
}

/** One case being lived through: its course and what has happened so far. */
export interface LivingCase {
  index: number;
  course: CaseCourse;
  spot: Spot;
  caseType: string;
  typeName: string;
  reporter: Actor;
  id?: string;
  /** Things done once (rework, send-back, …), by name. */
  done: Set<string>;
  /** Departments (or users) that have given feedback at the current level. */
  reported: Set<string>;
}

/** The years's context the moves need: who is who, and the cases reported so far per grid. */
export interface HistoryWorld {
  db: Db;
  staff: HistoryStaff;
  /** The latest full-loop case reported in each town (a duplicate is merged into it). */
  lastOpenInTown: Map<string, string>;
  departmentFor(caseType: string): string;
  random: () => number;
}

/** A min-heap of (time, sequence) → case. */
class Agenda {
  private items: { at: number; seq: number; c: LivingCase }[] = [];
  private seq = 0;
  get size() {
    return this.items.length;
  }
  push(at: number, c: LivingCase) {
    const items = this.items;
    items.push({ at, seq: this.seq++, c });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      [items[i], items[parent]] = [items[parent] as never, items[i] as never];
      i = parent;
    }
  }
  pop(): { at: number; c: LivingCase } | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.less(l, m)) m = l;
        if (r < items.length && this.less(r, m)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m] as never, items[i] as never];
        i = m;
      }
    }
    return top;
  }
  private less(a: number, b: number) {
    const x = this.items[a] as { at: number; seq: number };
    const y = this.items[b] as { at: number; seq: number };
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }
}

const DAY = 86_400_000;
const STORY_GRIDS: readonly string[] = [
  DEMO_CODES.pastoralGrid,
  DEMO_CODES.otherGrid,
  DEMO_CODES.galutuCommunityGrid,
];

async function spotsByTown(db: Db, areas: Map<string, HistoryArea>): Promise<Map<string, Spot[]>> {
  const households = await db
    .selectFrom('household')
    .select(['grid_id', 'lng', 'lat', 'address'])
    .orderBy('address')
    .orderBy('lng')
    .orderBy('lat')
    .execute();
  const byTown = new Map<string, Spot[]>();
  for (const h of households) {
    const grid = areas.get(h.grid_id);
    const townId = grid?.path.split('/').filter(Boolean)[1];
    if (!townId) continue;
    const list = byTown.get(townId) ?? [];
    list.push({ gridId: h.grid_id, townId, lng: h.lng, lat: h.lat, address: h.address });
    byTown.set(townId, list);
  }
  return byTown;
}

/**
 * Lives through a year of cases. The database must hold the demo (areas, households, accounts) and
 * the default catalogue; the clock is left at `end`.
 */
export async function seedDemoHistory(deps: HistoryDeps, options: HistoryOptions): Promise<HistorySummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const random = seededRandom(options.seed);
  const end = options.end.getTime();
  const start = end - 365 * DAY;
  deps.clock.set(new Date(start));
  const staff = await ensureHistoryStaff(deps.db, options.passwordHash, new Date(start).toISOString());
  const types = await deps.db
    .selectFrom('case_type')
    .select(['code', 'name_zh'])
    .where('active', '=', 1)
    .orderBy('code')
    .execute();
  const byTown = await spotsByTown(deps.db, staff.areas);
  const storyGrids = new Set(
    [...staff.areas.values()]
      .filter(
        (a) =>
          STORY_GRIDS.includes(a.code) ||
          STORY_GRIDS.some((code) => a.code.startsWith(code) && a.kind === 'micro_grid'),
      )
      .map((a) => a.id),
  );
  const storySpots = [...byTown.values()].flat().filter((s) => storyGrids.has(s.gridId));
  const calendar = await deps.db.selectFrom('calendar_day').select(['day', 'kind']).execute();
  const days: DayKinds = new Map(calendar.map((d) => [d.day, d.kind as 'holiday' | 'workday']));
  const towns = [...byTown.keys()].sort((a, b) =>
    (staff.areas.get(a)?.code ?? '') < (staff.areas.get(b)?.code ?? '') ? -1 : 1,
  );
  const routed = await deps.db
    .selectFrom('routing_rule')
    .innerJoin('department', 'department.id', 'routing_rule.department_id')
    .select(['routing_rule.case_type', 'department.id'])
    .orderBy('routing_rule.case_type')
    .execute();
  const routeOf = new Map(routed.map((r) => [r.case_type, r.id]));
  const fallback = staff.departmentIds.get('civil_affairs') ?? [...staff.departmentIds.values()][0] ?? '';
  const world: HistoryWorld = {
    db: deps.db,
    staff,
    lastOpenInTown: new Map(),
    departmentFor: (caseType) => routeOf.get(caseType) ?? fallback,
    random,
  };

  const agenda = new Agenda();
  for (let i = 0; i < options.cases; i++) {
    const course = i < ARCHETYPES.length ? (ARCHETYPES[i] as CaseCourse) : drawCourse(random);
    // Every town and every type early on; the archetypes in the first half of the year so they finish.
    // One case in ten in the grids whose teams the demo accounts are (their lists are never empty).
    const town = i < towns.length ? towns[i] : towns[Math.floor(random() * towns.length)];
    const inStory = i >= towns.length && random() < 0.1 && storySpots.length > 0;
    const spots = inStory ? storySpots : (byTown.get(town as string) as Spot[]);
    const spot = spots[Math.floor(random() * spots.length)] as Spot;
    const type = i < types.length ? types[i] : types[Math.floor(random() * types.length)];
    const span = i < Math.max(ARCHETYPES.length, types.length, towns.length) ? 0.5 : 1;
    // Reports come all year, a few more in the last three weeks: the work in hand today.
    const recent = span === 1 && random() < 0.05;
    const anyDay = toWorkingTime(start + Math.floor(random() * span * 365 * DAY), days);
    const lately = toWorkingTime(end - (2 + random() * 19) * DAY, days);
    const reportAt = recent && lately < end ? lately : anyDay;
    const reporter =
      course.channel === 'worker' || course.end === 'on_the_spot'
        ? staff.at('grid_worker', levelThreeGrid(staff, spot.gridId))
        : course.channel === 'hotline'
          ? staff.at('centre_operator', spot.townId)
          : staff.resident(spot.townId);
    agenda.push(reportAt, {
      index: i,
      course,
      spot,
      caseType: type?.code ?? 'other',
      typeName: type?.name_zh ?? '其他',
      reporter,
      done: new Set(),
      reported: new Set(),
    });
  }

  let jobsRunAt = start;
  let moves = 0;
  let refused = 0;
  let lastLogged = start;
  while (agenda.size > 0) {
    const next = agenda.pop() as { at: number; c: LivingCase };
    if (next.at > end) continue;
    // Deadline jobs (reminders, overdue flags and escalations) run every two hours of working time.
    if (next.at - jobsRunAt >= 2 * 3_600_000) {
      jobsRunAt = next.at;
      deps.clock.set(new Date(next.at));
      while ((await deps.scheduler.runOnce()) > 0) {}
    }
    deps.clock.set(new Date(next.at));
    const result = await nextMove(deps.cases, world, next.c);
    moves += result.moves;
    refused += result.refused;
    if (result.after !== undefined) agenda.push(addWorkingHours(next.at, result.after, days), next.c);
    if (next.at - lastLogged >= 30 * DAY) {
      lastLogged = next.at;
      log(`  history: ${new Date(next.at).toISOString().slice(0, 10)} — ${moves} steps so far`);
    }
  }
  deps.clock.set(new Date(Math.max(jobsRunAt, end)));
  while ((await deps.scheduler.runOnce()) > 0) {}
  deps.clock.set(options.end);
  const summary = await summarizeHistory(deps.db, {
    moves,
    refused,
    ms: Math.round(performance.now() - started),
  });
  log(
    `  history: ${summary.cases} cases, ${moves} steps through the case service, ${summary.open} still open, in ${(summary.ms / 1000).toFixed(1)} s`,
  );
  return summary;
}
