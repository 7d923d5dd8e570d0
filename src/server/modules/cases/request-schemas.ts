/** The request bodies of the case endpoints: a report, and each workflow action's own body. */
import { type TSchema, Type } from 'typebox';
import { CASE_SOURCES, DIFFICULTIES } from '../../../shared/domain.ts';
import type { CaseAction } from './state-machine.ts';

export const text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
const note = Type.Optional(text(2000));
const reason = text(2000);
export const uuid = Type.String({ format: 'uuid' });
export const literalUnion = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const ReportBody = Type.Object(
  {
    description: text(5000),
    title: Type.Optional(text(200)),
    caseType: Type.Optional(text(40)),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    crs: Type.Optional(literalUnion(['wgs84', 'gcj02'])),
    anonymous: Type.Optional(Type.Boolean()),
    contactPhone: Type.Optional(text(20)),
    // `open311` is the Open311 endpoint's own; residents may name only `resident_app` (403 otherwise).
    source: Type.Optional(literalUnion(CASE_SOURCES.filter((s) => s !== 'open311'))),
    onTheSpot: Type.Optional(
      Type.Object(
        { result: text(5000), difficulty: Type.Optional(literalUnion(DIFFICULTIES)) },
        {
          additionalProperties: false,
          description: '即知即调: settled on the spot; goes straight to the return visit',
        },
      ),
    ),
  },
  { additionalProperties: false },
);

/** Each action's body schema and what it is, for validation and the OpenAPI document. */
export const ACTION_SCHEMAS: { [A in CaseAction]: { summary: string; body: TSchema } } = {
  register: {
    summary: '案件建立 register as a case: type, difficulty',
    body: Type.Object({
      caseType: text(40),
      title: Type.Optional(text(200)),
      difficulty: Type.Optional(literalUnion(DIFFICULTIES)),
      note,
    }),
  },
  reject: { summary: 'reject the report, with a reason the reporter sees', body: Type.Object({ reason }) },
  merge: {
    summary: 'merge as a duplicate of another case',
    body: Type.Object({ intoCaseId: uuid, reason: Type.Optional(reason) }),
  },
  dispatch: {
    summary:
      '一键派单 dispatch to handlers (L1–L3), route by type (L4, no handlers named) or to several departments jointly (L5)',
    body: Type.Object({
      handlerIds: Type.Optional(Type.Array(uuid, { maxItems: 20 })),
      departmentIds: Type.Optional(Type.Array(uuid, { maxItems: 20 })),
      dueAt: Type.Optional(Type.String({ format: 'date-time' })),
      note,
    }),
  },
  accept: { summary: 'the handler accepts the case', body: Type.Object({ note }) },
  send_back: {
    summary: '退单 send back as not ours, to whoever dispatched it',
    body: Type.Object({ reason }),
  },
  progress: { summary: 'record progress', body: Type.Object({ note: text(5000) }) },
  mediate: {
    summary: 'record a mediation session',
    body: Type.Object({
      outcome: literalUnion(['success', 'failed', 'partial']),
      participants: Type.Optional(Type.Array(text(100), { maxItems: 50 })),
      venue: Type.Optional(text(200)),
      note,
    }),
  },
  link: {
    summary: '一键联动 pull in other people or departments as collaborators',
    body: Type.Object({
      userIds: Type.Optional(Type.Array(uuid, { maxItems: 20 })),
      departmentIds: Type.Optional(Type.Array(uuid, { maxItems: 20 })),
      note,
    }),
  },
  feedback: { summary: 'report the result of handling', body: Type.Object({ result: text(5000) }) },
  verify: { summary: '一键决策 accept the result', body: Type.Object({ note }) },
  rework: { summary: '返工 send back to the handler for rework', body: Type.Object({ reason }) },
  remind: { summary: '催办 remind the handlers', body: Type.Object({ message: Type.Optional(text(500)) }) },
  supervise: {
    summary: '一键督办 issue a supervision order (督办单) with its own deadline',
    body: Type.Object({
      reason,
      dueInWorkdays: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 60 })),
    }),
  },
  escalate: {
    summary: 'escalate one level up the five-level chain, saying why',
    body: Type.Object({ reason: literalUnion(['mediation_failed', 'beyond_authority']), note: text(2000) }),
  },
  request_extension: {
    summary: '延期 ask for more working hours',
    body: Type.Object({ hours: Type.Number({ exclusiveMinimum: 0, maximum: 2000 }), reason }),
  },
  approve_extension: { summary: 'approve the pending extension', body: Type.Object({ note }) },
  refuse_extension: { summary: 'refuse the pending extension', body: Type.Object({ note }) },
  suspend: { summary: '挂账 suspend: the clock stops', body: Type.Object({ reason }) },
  resume: {
    summary: 'resume a suspended case; its deadline moves by the time suspended',
    body: Type.Object({ note }),
  },
  request_void: { summary: '作废 ask to void the case', body: Type.Object({ reason }) },
  approve_void: { summary: 'approve voiding', body: Type.Object({ note }) },
  refuse_void: { summary: 'refuse voiding', body: Type.Object({ note }) },
  visit: {
    summary: '回访 return visit: satisfied archives next; not satisfied reopens for rework',
    body: Type.Object({
      satisfied: Type.Boolean(),
      rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
      comment: Type.Optional(text(2000)),
    }),
  },
  close: {
    summary: '归档 archive with the final difficulty tier',
    body: Type.Object({ finalDifficulty: Type.Optional(literalUnion(DIFFICULTIES)), note }),
  },
};
