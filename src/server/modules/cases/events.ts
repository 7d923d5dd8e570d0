/**
 * The closed catalogue of case history events (案件履历): each type with the TypeBox schema of its
 * payload. Every event the case module appends to the ledger is checked against it (a wrong payload
 * is a bug: it throws before anything is written), the actions' event names are mapped to their
 * actions here and nowhere else, and the history API's entry schema is built from it.
 */

import type { Transaction } from 'kysely';
import { type Static, type TObject, type TProperties, Type } from 'typebox';
import { Value } from 'typebox/value';
import type { Dialect } from '../../platform/db/dialect.ts';
import type { CasesTables } from './schema.ts';
import type { CaseAction } from './state-machine.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Tx = Transaction<CasesTables>;

const Str = Type.String();
const OptStr = Type.Optional(Type.String());
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(t: T) =>
  Type.Union([t, Type.Null()]);
const Ids = Type.Array(Type.String());

/** What apply() adds to every action's entry: the status it left and entered, and the level after. */
const Transition = {
  fromStatus: OptStr,
  toStatus: OptStr,
  level: Type.Optional(Type.Integer()),
};

/** A payload with exactly these fields (and the transition fields of an action). */
const payload = <P extends TProperties>(fields: P) =>
  Type.Object({ ...fields, ...Transition }, { additionalProperties: false });

export const CASE_EVENTS = {
  // 信息采集 intake
  reported: Type.Object(
    { caseNo: Str, title: Str, caseType: Nullable(Str), gridId: Str, source: Str, anonymous: Type.Boolean() },
    { additionalProperties: false },
  ),
  resolved_on_spot: payload({ result: Str, difficulty: Nullable(Str) }),
  // the six-step loop and its side flows (one per action, see ACTION_EVENTS)
  registered: payload({ caseType: Str, difficulty: Str, title: OptStr, note: OptStr }),
  rejected: payload({ reason: Str }),
  merged: payload({ intoCaseId: Str, intoCaseNo: Str, reason: OptStr }),
  dispatched: payload({
    handlerIds: Ids,
    departmentIds: Ids,
    routed: Type.Boolean(),
    joint: Type.Boolean(),
    dueAt: OptStr,
    note: OptStr,
  }),
  accepted: payload({ note: OptStr, departmentIds: Type.Optional(Ids) }),
  sent_back: payload({ reason: Str, dispatcherId: Nullable(Str), departmentIds: Type.Optional(Ids) }),
  progress_recorded: payload({ note: Str }),
  mediation_recorded: payload({
    outcome: Type.Union([Type.Literal('success'), Type.Literal('failed'), Type.Literal('partial')]),
    participants: Type.Optional(Ids),
    venue: OptStr,
    note: OptStr,
  }),
  collaborators_linked: payload({ userIds: Ids, departmentIds: Ids, note: OptStr }),
  feedback_submitted: payload({
    result: Str,
    departmentIds: Type.Optional(Ids),
    partsOutstanding: Type.Optional(Type.Boolean()),
  }),
  verified: payload({ note: OptStr }),
  rework_requested: payload({ reason: Str }),
  reminded: payload({ message: OptStr, to: Ids }),
  supervised: payload({ orderId: Str, reason: Str, dueAt: Str }),
  escalated: payload({
    fromLevel: Type.Integer(),
    toLevel: Type.Integer(),
    reason: Str,
    note: Str,
    handlingAreaId: Str,
  }),
  extension_requested: payload({ requestId: Str, hours: Type.Number(), reason: Str }),
  extension_approved: payload({ requestId: Str, hours: Nullable(Type.Number()), dueAt: Str, note: OptStr }),
  extension_refused: payload({ requestId: Str, note: OptStr }),
  suspended: payload({ reason: Str }),
  resumed: payload({ note: OptStr, stoppedWorkingMinutes: Type.Number(), status: Str }),
  void_requested: payload({ requestId: Str, reason: Str }),
  voided: payload({ requestId: Str, reason: Str, note: OptStr }),
  void_refused: payload({ requestId: Str, note: OptStr }),
  visited: payload({ satisfied: Type.Literal(true), rating: Type.Optional(Type.Integer()), comment: OptStr }),
  reopened: payload({
    satisfied: Type.Literal(false),
    rating: Type.Optional(Type.Integer()),
    comment: OptStr,
  }),
  archived: payload({ finalDifficulty: Str, note: OptStr }),
  // the clock (jobs and rule changes)
  deadline_near: payload({ step: Nullable(Str), dueAt: Nullable(Str) }),
  overdue: payload({ step: Nullable(Str), dueAt: Nullable(Str), flaggedTo: Ids }),
  supervision_overdue: payload({ orderId: Str, dueAt: Str }),
  deadline_changed: payload({ step: Nullable(Str), reason: Str, fromDueAt: Nullable(Str), toDueAt: Str }),
} satisfies Record<string, TObject>;

export type CaseEventType = keyof typeof CASE_EVENTS;
export const CASE_EVENT_TYPES = Object.keys(CASE_EVENTS) as CaseEventType[];

/** One history event, its payload typed by its type. */
export type CaseEvent = {
  [K in CaseEventType]: { type: K; payload: Static<(typeof CASE_EVENTS)[K]> };
}[CaseEventType];

export function isCaseEventType(type: string): type is CaseEventType {
  return Object.hasOwn(CASE_EVENTS, type);
}

/** The events each action may record (an action with two outcomes has two). The one mapping. */
export const ACTION_EVENTS: { readonly [A in CaseAction]: readonly CaseEventType[] } = {
  register: ['registered'],
  reject: ['rejected'],
  merge: ['merged'],
  dispatch: ['dispatched'],
  accept: ['accepted'],
  send_back: ['sent_back'],
  progress: ['progress_recorded'],
  mediate: ['mediation_recorded'],
  link: ['collaborators_linked'],
  feedback: ['feedback_submitted'],
  verify: ['verified'],
  rework: ['rework_requested'],
  remind: ['reminded'],
  supervise: ['supervised'],
  escalate: ['escalated'],
  request_extension: ['extension_requested'],
  approve_extension: ['extension_approved'],
  refuse_extension: ['extension_refused'],
  suspend: ['suspended'],
  resume: ['resumed'],
  request_void: ['void_requested'],
  approve_void: ['voided'],
  refuse_void: ['void_refused'],
  visit: ['visited', 'reopened'],
  close: ['archived'],
};

/** Thrown for an event outside the catalogue or with a payload its schema refuses (a bug, so a 500). */
export class CaseEventError extends Error {}

/** Checks an event against the catalogue; throws CaseEventError naming the first problem. */
export function checkCaseEvent(type: string, payload: unknown): asserts type is CaseEventType {
  if (!isCaseEventType(type)) throw new CaseEventError(`unknown case event type ${JSON.stringify(type)}`);
  // What is stored is the canonical JSON: fields left undefined are not part of it.
  const stored = JSON.parse(JSON.stringify(payload ?? null));
  const schema = CASE_EVENTS[type];
  if (Value.Check(schema, stored)) return;
  const [first] = Value.Errors(schema, stored);
  throw new CaseEventError(
    `case event ${type}: ${first ? `${first.instancePath || '/'} ${first.message}` : 'invalid'}`,
  );
}

type Append<E> = (tx: Tx, dialect: Dialect, events: E[]) => Promise<unknown>;

/** The ledger's append with every event checked first, so a wrong payload writes nothing. */
export function checkedAppend<E extends { type: string; payload: unknown }>(append: Append<E>): Append<E> {
  return async (tx, dialect, events) => {
    for (const e of events) checkCaseEvent(e.type, e.payload);
    return append(tx, dialect, events);
  };
}

/** The fields every history entry has, whatever its type. */
const HISTORY_ENTRY_FIELDS = {
  seq: Type.Integer(),
  id: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  actorRole: Type.Union([Type.String(), Type.Null()]),
  at: Type.String(),
  hash: Type.String({ description: 'SHA-256 of the entry (docs/ledger.md)' }),
  prevHash: Type.String(),
};

/**
 * One entry of a case's history as the API gives it: a union discriminated by `type`, each with
 * the catalogue's payload — so an integrator's type generator gets every event's fields.
 */
export const CaseHistoryEntrySchema = Type.Union(
  CASE_EVENT_TYPES.map((t) =>
    Type.Object(
      { ...HISTORY_ENTRY_FIELDS, type: Type.Literal(t), payload: CASE_EVENTS[t] },
      { title: `history_${t}` },
    ),
  ),
  { $id: 'CaseHistoryEntry' },
);
