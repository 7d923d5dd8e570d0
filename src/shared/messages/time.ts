/**
 * Times as people here read them: Asia/Shanghai (UTC+8 all year, no daylight saving), in the
 * reader's language. Computed by hand rather than through `Intl`, which has no traditional
 * Mongolian and differs between ICU builds.
 */
import type { MessageLang } from './format.ts';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hh: string;
  mm: string;
}

function localParts(ms: number): LocalParts {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hh: String(d.getUTCHours()).padStart(2, '0'),
    mm: String(d.getUTCMinutes()).padStart(2, '0'),
  };
}

function datePart(p: LocalParts, lang: MessageLang, withYear: boolean): string {
  if (lang === 'zh') return `${withYear ? `${p.year}年` : ''}${p.month}月${p.day}日`;
  if (lang === 'en') return `${p.day} ${EN_MONTHS[p.month - 1]}${withYear ? ` ${p.year}` : ''}`;
  return `${withYear ? `${p.year}.` : ''}${p.month}.${p.day}`;
}

/**
 * A moment (ISO string, epoch ms or Date) as a local date and time, e.g. zh '12月2日 14:15',
 * en '2 Dec 14:15'; the year is added when it is not the current one. Anything that is not a time
 * is returned as it came.
 */
export function formatLocalTime(value: string | number | Date, lang: MessageLang, now = Date.now()): string {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(ms)) return String(value);
  const p = localParts(ms);
  return `${datePart(p, lang, p.year !== localParts(now).year)} ${p.hh}:${p.mm}`;
}

/** A moment as a local date only (zh '12月2日'), the year added when it is not the current one. */
export function formatLocalDate(value: string | number | Date, lang: MessageLang, now = Date.now()): string {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(ms)) return String(value);
  const p = localParts(ms);
  return datePart(p, lang, p.year !== localParts(now).year);
}
