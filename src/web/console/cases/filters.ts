/**
 * The case list's filters as they live in the address bar (so a reload keeps them and a link
 * shares them), and as the `GET /api/v1/cases` query they become.
 */
import { CASE_STATUSES, type CaseStatus } from '../../../shared/domain.ts';

/** Cases per page. */
export const PAGE_SIZE = 20;

export interface CaseFilters {
  areaId?: string;
  level?: number;
  status: CaseStatus[];
  caseType?: string;
  overdue: boolean;
  supervised: boolean;
  q?: string;
  /** 1-based. */
  page: number;
}

const isStatus = (s: string): s is CaseStatus => (CASE_STATUSES as readonly string[]).includes(s);

/** Reads the filters from a query string, ignoring what is not valid. */
export function filtersFromSearch(search: URLSearchParams): CaseFilters {
  const level = Number(search.get('level'));
  const page = Number(search.get('page'));
  return {
    areaId: search.get('area') || undefined,
    level: Number.isInteger(level) && level >= 1 && level <= 5 ? level : undefined,
    status: (search.get('status') ?? '').split(',').filter(isStatus),
    caseType: search.get('type') || undefined,
    overdue: search.get('overdue') === '1',
    supervised: search.get('supervised') === '1',
    q: search.get('q')?.trim() || undefined,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** Writes the filters as a query string (`?…`, or '' when none is set). */
export function searchOfFilters(f: CaseFilters): string {
  const p = new URLSearchParams();
  if (f.areaId) p.set('area', f.areaId);
  if (f.level) p.set('level', String(f.level));
  if (f.status.length) p.set('status', f.status.join(','));
  if (f.caseType) p.set('type', f.caseType);
  if (f.overdue) p.set('overdue', '1');
  if (f.supervised) p.set('supervised', '1');
  if (f.q) p.set('q', f.q);
  if (f.page > 1) p.set('page', String(f.page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The API query for these filters. */
export function apiQueryOf(f: CaseFilters) {
  return {
    ...(f.areaId ? { areaId: f.areaId } : {}),
    ...(f.level ? { level: f.level } : {}),
    ...(f.status.length ? { status: f.status } : {}),
    ...(f.caseType ? { caseType: f.caseType } : {}),
    ...(f.overdue ? { overdue: true } : {}),
    ...(f.supervised ? { supervised: true } : {}),
    ...(f.q ? { q: f.q } : {}),
    limit: PAGE_SIZE,
    offset: (f.page - 1) * PAGE_SIZE,
  };
}
