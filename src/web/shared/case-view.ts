/**
 * The case JSON of `GET /api/v1/cases/{id}` and of every case action, as the generated client types
 * it from the OpenAPI `Case` schema (server: cases/case-schema.ts, checked against the presenter at
 * compile time) — no hand-written mirror — and helpers the case pages share.
 */
import type { components } from './api-types.ts';

type Case = components['schemas']['Case'];

/** The case JSON the pages read: the OpenAPI `Case` schema, every field named (cases/case-schema.ts). */
export type CaseView = Case;
/** A person the case names (reporter, dispatcher, party, requester). */
export type NamedRef = NonNullable<Case['dispatcher']>;
/** A grid or handling area as the case names it. */
export type AreaRef = NonNullable<Case['grid']>;

/** Names of the people the case mentions, by user id (for the timeline's "who"). */
export function peopleOf(c: CaseView): Map<string, string> {
  const names = new Map<string, string>();
  const add = (ref: NamedRef | null) => {
    if (ref?.name) names.set(ref.id, ref.name);
  };
  add(c.reporter);
  add(c.dispatcher);
  for (const p of c.parties) add(p.user);
  for (const r of c.requests) add(r.requestedBy);
  return names;
}
