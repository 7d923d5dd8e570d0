/** A history entry's payload in words: reasons, notes, results, levels, named people and departments. */
import { type ConsoleKey, labelOf } from '../i18n.ts';

export interface Namer {
  t(key: ConsoleKey, vars?: Record<string, string | number>): string;
  person(id: string): string | undefined;
  department(id: string): string | undefined;
  caseType(code: string): string | undefined;
  when(iso: string): string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const ids = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Lines such as "原因：…" for one entry's payload; fields not meant for people (ids, hashes) are left out. */
export function describePayload(type: string, payload: unknown, n: Namer): string[] {
  if (!payload || typeof payload !== 'object') return [];
  const p = payload as Record<string, unknown>;
  const { t } = n;
  const lines: string[] = [];
  const line = (key: ConsoleKey, value: string | undefined) => {
    if (value) lines.push(`${t(key)}：${value}`);
  };
  if (typeof p.fromLevel === 'number' && typeof p.toLevel === 'number') {
    lines.push(t('payload.levels', { from: p.fromLevel, to: p.toLevel }));
  }
  if (type === 'escalated')
    line('payload.reason', str(p.reason) && labelOf(t, 'escalation', String(p.reason)));
  else line('payload.reason', str(p.reason));
  line('payload.title', type === 'reported' ? undefined : str(p.title));
  line('payload.caseType', str(p.caseType) && (n.caseType(String(p.caseType)) ?? String(p.caseType)));
  line('payload.difficulty', str(p.difficulty) && labelOf(t, 'difficulty', String(p.difficulty)));
  line(
    'payload.finalDifficulty',
    str(p.finalDifficulty) && labelOf(t, 'difficulty', String(p.finalDifficulty)),
  );
  line('payload.outcome', str(p.outcome) && labelOf(t, 'outcome', String(p.outcome)));
  line('payload.participants', ids(p.participants).join('、') || undefined);
  line('payload.venue', str(p.venue));
  const people = [...ids(p.handlerIds), ...ids(p.userIds)].map((id) => n.person(id) ?? id.slice(0, 8));
  line('payload.handlers', people.join('、') || undefined);
  const departments = ids(p.departmentIds).map((id) => n.department(id) ?? id.slice(0, 8));
  line('payload.departments', departments.join('、') || undefined);
  if (p.routed === true) lines.push(t('payload.routed'));
  line('payload.dueAt', str(p.dueAt) && n.when(String(p.dueAt)));
  line('payload.hours', typeof p.hours === 'number' ? String(p.hours) : undefined);
  if (typeof p.satisfied === 'boolean')
    lines.push(t(p.satisfied ? 'payload.satisfied' : 'payload.unsatisfied'));
  line('payload.rating', typeof p.rating === 'number' ? '★'.repeat(p.rating) : undefined);
  line('payload.intoCaseNo', str(p.intoCaseNo));
  line(
    'payload.source',
    type === 'reported' && str(p.source) ? labelOf(t, 'source', String(p.source)) : undefined,
  );
  if (type === 'reported' && p.anonymous === true) lines.push(t('payload.anonymous'));
  line('payload.result', str(p.result));
  line('payload.message', str(p.message));
  line('payload.comment', str(p.comment));
  line('payload.note', str(p.note));
  return lines;
}
