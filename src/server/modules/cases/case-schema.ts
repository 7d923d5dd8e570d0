/**
 * The Case contract of the API (OpenAPI `Case` and `CaseSummary`): every field the presenter
 * writes, none open-ended. `presenter.ts` is type-checked against these schemas in both directions
 * (see the end of this file), so a field added there and forgotten here is a compile error — not a
 * field silently dropped by the response serializer.
 */
import { type Static, Type } from 'typebox';
import { CASE_ACTIONS } from './state-machine.ts';

const Str = Type.String();
const NullableStr = Type.Union([Type.String(), Type.Null()]);
const Names = Type.Object(
  { zh: Type.String(), en: Type.String(), mn: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false, description: 'the name in Chinese, English and traditional Mongolian' },
);
const Person = Type.Object(
  { id: Str, name: NullableStr },
  { additionalProperties: false, description: 'a person by id and display name' },
);
const AreaRef = Type.Object(
  { id: Str, code: Str, kind: Str, name: Names },
  { additionalProperties: false, description: 'an area by id, national code, kind and names' },
);

export const CaseSummarySchema = Type.Object(
  {
    id: Str,
    caseNo: Type.String({ description: '案件编号, e.g. WS20261123-0001' }),
    title: Str,
    caseType: NullableStr,
    status: Type.String({ description: 'one of the case statuses (src/shared/domain.ts CASE_STATUSES)' }),
    level: Type.Integer({
      minimum: 1,
      maximum: 5,
      description: 'the handling level, grid (1) to county (5)',
    }),
    gridId: Str,
    handlingAreaId: Str,
    step: Type.Union([Type.String(), Type.Null()], { description: 'the loop step whose clock runs' }),
    stepDueAt: NullableStr,
    light: Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red'), Type.Null()]),
    supervised: Type.Boolean(),
    overdue: Type.Boolean(),
    difficulty: NullableStr,
    finalDifficulty: NullableStr,
    createdAt: Str,
    updatedAt: Str,
  },
  { $id: 'CaseSummary', additionalProperties: false, description: 'A case as lists show it' },
);

const Party = Type.Object(
  {
    kind: Type.String({ description: 'handler, joint, collaborator, supervisor, …' }),
    level: Type.Integer(),
    active: Type.Boolean(),
    user: Type.Union([Person, Type.Null()]),
    department: Type.Union([
      Type.Object({ id: Str, name: Type.Union([Names, Type.Null()]) }, { additionalProperties: false }),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);

const CaseRequest = Type.Object(
  {
    id: Str,
    kind: Type.String({ description: 'extension, void, …' }),
    status: Str,
    reason: Str,
    hours: Type.Union([Type.Number(), Type.Null()], {
      description: 'extension: the working hours asked for',
    }),
    requestedBy: Person,
    createdAt: Str,
    decidedAt: NullableStr,
  },
  { additionalProperties: false },
);

const SupervisionOrder = Type.Object(
  { id: Str, reason: Str, dueAt: Str, status: Str, createdAt: Str },
  { additionalProperties: false, description: '督办单 supervision order' },
);

export const CaseSchema = Type.Object(
  {
    ...CaseSummarySchema.properties,
    description: Str,
    source: Str,
    levelName: Type.Object({ zh: Str, en: Str }, { additionalProperties: false }),
    location: Type.Object(
      {
        lng: Type.Number(),
        lat: Type.Number(),
        crs: Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02')]),
      },
      { additionalProperties: false },
    ),
    grid: Type.Union([AreaRef, Type.Null()]),
    handlingArea: Type.Union([AreaRef, Type.Null()]),
    gridPath: Str,
    anonymous: Type.Boolean(),
    reporter: Type.Union([Person, Type.Null()], {
      description: 'null for an anonymous case (but to its reporter)',
    }),
    contactPhone: Type.Union([Type.String(), Type.Null()], { description: 'masked (138****5678)' }),
    stepStartedAt: NullableStr,
    assignedDueAt: NullableStr,
    dispatcher: Type.Union([Person, Type.Null()]),
    reworkCount: Type.Integer(),
    extensionCount: Type.Integer(),
    sentBackCount: Type.Integer(),
    satisfaction: NullableStr,
    result: NullableStr,
    mergedInto: NullableStr,
    resolvedLevel: Type.Union([Type.Integer(), Type.Null()]),
    closedAt: NullableStr,
    parties: Type.Array(Party),
    requests: Type.Array(CaseRequest),
    supervisionOrders: Type.Array(SupervisionOrder),
    viewerRole: Type.String({ description: 'how the caller sees the case: reporter, handler, operator, …' }),
    allowedActions: Type.Array(Type.Enum(CASE_ACTIONS), {
      description: 'the workflow actions the caller may take now',
    }),
  },
  {
    $id: 'Case',
    additionalProperties: false,
    description: 'A case with its parties, requests, supervision orders and the actions the caller may take',
  },
);

export type CaseSummaryContract = Static<typeof CaseSummarySchema>;
export type CaseContract = Static<typeof CaseSchema>;
