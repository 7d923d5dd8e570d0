/**
 * Times in Beijing time as digits, the same in every interface language (Node's and the browsers'
 * `Intl` have no traditional-Mongolian locale).
 */
function partsOf(iso: string): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Shanghai',
  }).formatToParts(new Date(iso));
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

/** `MM-DD HH:mm`, e.g. when something was last synced. */
export function shortTime(iso: string): string {
  const p = partsOf(iso);
  return `${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `YYYY-MM-DD HH:mm`, e.g. a step of a case's timeline. */
export function fullTime(iso: string): string {
  const p = partsOf(iso);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `YYYY-MM-DD`. */
export function dayOf(iso: string): string {
  const p = partsOf(iso);
  return `${p.year}-${p.month}-${p.day}`;
}
