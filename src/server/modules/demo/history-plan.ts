/**
 * The shape of the demo's year, decided before anything runs and only from the seed: when each case
 * is reported, where, of which type, and what happens to it (its "course": resolved on the spot,
 * rejected, merged, voided, or the full loop with escalations, send-backs, rework, suspension,
 * extension, mediation, a reopening, lateness). Working time is the deadline calendar's: Asia/Shanghai
 * working periods on working days (holidays and make-up days from the calendar).
 */
import { WORKING_HOURS } from '../deadlines/calendar.ts';

export type CaseEnd = 'loop' | 'on_the_spot' | 'rejected' | 'merged' | 'voided';

/** What happens to one case. */
export interface CaseCourse {
  end: CaseEnd;
  /** Highest level it is escalated to by a decision (1 = handled where reported). */
  escalateTo: 1 | 2 | 3 | 4 | 5;
  sendBack: boolean;
  rework: boolean;
  suspend: boolean;
  extension: boolean;
  mediate: boolean;
  /** Not satisfied at the return visit (不满意): back to handling once. */
  reopen: boolean;
  /** The handler takes far longer than the deadline. */
  late: boolean;
  /** Reported through the hotline (the banner's operator), the resident app or the worker app. */
  channel: 'resident' | 'worker' | 'hotline';
}

const PLAIN: CaseCourse = {
  end: 'loop',
  escalateTo: 1,
  sendBack: false,
  rework: false,
  suspend: false,
  extension: false,
  mediate: false,
  reopen: false,
  late: false,
  channel: 'resident',
};

/** One case of each kind first, so even a small history shows every outcome. */
export const ARCHETYPES: readonly CaseCourse[] = [
  PLAIN,
  { ...PLAIN, end: 'on_the_spot', channel: 'worker' },
  { ...PLAIN, end: 'rejected' },
  { ...PLAIN, end: 'merged' },
  { ...PLAIN, end: 'voided', channel: 'hotline' },
  { ...PLAIN, late: true },
  { ...PLAIN, rework: true },
  { ...PLAIN, sendBack: true },
  { ...PLAIN, suspend: true },
  { ...PLAIN, extension: true },
  { ...PLAIN, mediate: true, escalateTo: 2 },
  { ...PLAIN, reopen: true },
  { ...PLAIN, escalateTo: 3, channel: 'hotline' },
  { ...PLAIN, escalateTo: 4 },
  { ...PLAIN, escalateTo: 5, mediate: true },
];

/** A course drawn with the shares a county sees. */
export function drawCourse(random: () => number): CaseCourse {
  const r = random();
  const channel = random() < 0.45 ? 'resident' : random() < 0.8 ? 'worker' : 'hotline';
  if (r < 0.12) return { ...PLAIN, end: 'on_the_spot', channel: 'worker' };
  if (r < 0.16) return { ...PLAIN, end: 'rejected', channel };
  if (r < 0.19) return { ...PLAIN, end: 'merged', channel };
  if (r < 0.21) return { ...PLAIN, end: 'voided', channel };
  const e = random();
  const escalateTo = e < 0.68 ? 1 : e < 0.83 ? 2 : e < 0.93 ? 3 : e < 0.98 ? 4 : 5;
  return {
    end: 'loop',
    escalateTo,
    sendBack: random() < 0.06,
    rework: random() < 0.08,
    suspend: random() < 0.04,
    extension: random() < 0.07,
    mediate: random() < (escalateTo >= 2 ? 0.5 : 0.1),
    reopen: random() < 0.05,
    late: random() < 0.12,
    channel,
  };
}

const HOUR = 3_600_000;
const SHANGHAI = WORKING_HOURS.utcOffsetHours * HOUR;
const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return ((h as number) * 60 + (m as number)) * 60_000;
};
/** The working periods of a day, in ms since local midnight (the deadline calendar's own). */
const PERIODS = WORKING_HOURS.periods.map((p) => ({ from: minutes(p.from), to: minutes(p.to) }));

/** Holidays and make-up working days (调休) by local date 'YYYY-MM-DD', from the deadline calendar. */
export type DayKinds = ReadonlyMap<string, 'holiday' | 'workday'>;

function isWorkday(midnight: number, days: DayKinds): boolean {
  const local = new Date(midnight + SHANGHAI);
  const kind = days.get(local.toISOString().slice(0, 10));
  const weekday = local.getUTCDay();
  return kind ? kind === 'workday' : weekday !== 0 && weekday !== 6;
}

/** The UTC instant of local midnight of the day holding t. */
function midnightOf(t: number): number {
  const l = t + SHANGHAI;
  return t - (((l % 86_400_000) + 86_400_000) % 86_400_000);
}

/** The same instant if it is working time, else the start of the next working period. */
export function toWorkingTime(t: number, days: DayKinds = new Map()): number {
  for (let midnight = midnightOf(t); ; midnight += 86_400_000) {
    if (!isWorkday(midnight, days)) continue;
    for (const p of PERIODS) {
      if (t < midnight + p.to) return Math.max(t, midnight + p.from);
    }
  }
}

/** `hours` of working time after t. */
export function addWorkingHours(t: number, hours: number, days: DayKinds = new Map()): number {
  let at = toWorkingTime(t, days);
  let left = hours * HOUR;
  for (;;) {
    const midnight = midnightOf(at);
    const period = PERIODS.find((p) => at < midnight + p.to) as { to: number };
    const room = midnight + period.to - at;
    if (left < room) return at + Math.round(left);
    left -= room;
    at = toWorkingTime(midnight + period.to, days);
  }
}
