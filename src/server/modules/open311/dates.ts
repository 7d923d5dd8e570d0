/**
 * Times as GeoReport v2 wants them: W3C date-time with a zone. Output is in China Standard Time
 * (+08:00), the zone the county works in; input accepts any zone, or a bare date (then +08:00).
 */

const CST_OFFSET_MS = 8 * 3_600_000;

/** `2026-11-23T01:30:00.000Z` → `2026-11-23T09:30:00+08:00`. */
export function toW3c(iso: string): string {
  const local = new Date(Date.parse(iso) + CST_OFFSET_MS).toISOString();
  return `${local.slice(0, 19)}+08:00`;
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2})))?$/;

/**
 * A W3C date-time (`YYYY-MM-DDThh:mm[:ss[.s]]TZD`) or date (`YYYY-MM-DD`, read as midnight in
 * +08:00) as an instant, or undefined when it is not one or names an impossible day or time.
 */
export function parseW3c(text: string): Date | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone, zh = '00', zm = '00'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  if (Number(zh) > 14 || Number(zm) > 59) return undefined;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  let offsetMin = 8 * 60; // a bare date is a day in the county's zone
  if (zone === 'Z') offsetMin = 0;
  else if (zone) offsetMin = (zone.startsWith('-') ? -1 : 1) * (Number(zh) * 60 + Number(zm));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMin * 60_000;
  return new Date(utc);
}
