/**
 * The filters of `GET /requests` as the spec defines them: `service_request_id` (comma-delimited,
 * overrides the rest), `service_code` and `status` (comma-delimited), `start_date` / `end_date`
 * (W3C, at most 90 days apart). With no dates it returns the last 90 days, at most 1000 requests.
 */
import { parseW3c } from './dates.ts';
import { invalidInput } from './errors.ts';
import { FieldReader, type Fields } from './form.ts';
import type { RequestFilter } from './status.ts';

/** Longest span between start_date and end_date, and the default window. */
export const MAX_SPAN_DAYS = 90;
/** Most requests one answer holds. */
export const MAX_REQUESTS = 1000;

const DAY_MS = 86_400_000;

function date(r: FieldReader, name: string): Date | undefined {
  const text = r.text(name, 40);
  if (text === undefined) return undefined;
  const parsed = parseW3c(text);
  if (!parsed) r.problems.push(`${name} must be a W3C date-time such as 2026-11-23T09:30:00+08:00`);
  return parsed;
}

/** Reads the list filters; throws a 400 listing every problem. */
export function parseListQuery(fields: Fields, now: Date): RequestFilter {
  const r = new FieldReader(fields);
  const ids = r.list('service_request_id', 100, 40);
  const serviceCodes = r.list('service_code', 50, 40);
  const statusList = r.list('status', 2, 10);
  const statuses: ('open' | 'closed')[] = [];
  for (const s of statusList ?? []) {
    if (s === 'open' || s === 'closed') statuses.push(s);
    else r.problems.push(`status must be open or closed, not ${s.slice(0, 10)}`);
  }
  const startDate = date(r, 'start_date');
  const endDate = date(r, 'end_date');
  r.text('jurisdiction_id', 100);
  if (r.problems.length > 0) throw invalidInput(r.problems);
  if (ids) return { ids, limit: MAX_REQUESTS };

  const span = MAX_SPAN_DAYS * DAY_MS;
  let start = startDate;
  let end = endDate;
  if (!start && !end) {
    end = now;
    start = new Date(now.getTime() - span);
  } else if (start && !end) end = new Date(start.getTime() + span);
  else if (end && !start) start = new Date(end.getTime() - span);
  const from = start as Date;
  const to = end as Date;
  if (to < from) throw invalidInput(['end_date must not be before start_date']);
  if (to.getTime() - from.getTime() > span)
    throw invalidInput([`start_date and end_date may be at most ${MAX_SPAN_DAYS} days apart`]);
  return {
    ...(serviceCodes ? { serviceCodes } : {}),
    ...(statuses.length > 0 ? { statuses } : {}),
    start: from.toISOString(),
    end: to.toISOString(),
    limit: MAX_REQUESTS,
  };
}
