/**
 * Service attributes (GeoReport v2 service definitions): the extra questions a case type asks an
 * Open311 client — their definitions, the defaults an install starts with, and the check of the
 * `attribute[code]` values a request brings.
 */
import type { Queryable } from '../../database.ts';
import { listCaseTypes } from '../catalogue/case-types.ts';
import { parseW3c } from './dates.ts';

export const DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
export type Datatype = (typeof DATATYPES)[number];

/** One attribute, with the spec's element names. */
export interface AttributeDefinition {
  variable: boolean;
  code: string;
  datatype: Datatype;
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values: { key: string; name: string }[];
}

/** A submitted value: one string, or several for a multivaluelist. */
export type AttributeValue = string | string[];

const def = (
  code: string,
  datatype: Datatype,
  order: number,
  description: string,
  extra: Partial<AttributeDefinition> = {},
): AttributeDefinition => ({
  variable: true,
  code,
  datatype,
  required: false,
  datatype_description: null,
  order,
  description,
  values: [],
  ...extra,
});

/** The attributes every install starts with, per case-type code (SPEC §4 catalogue). */
export const DEFAULT_ATTRIBUTES: Readonly<Record<string, readonly AttributeDefinition[]>> = {
  land_grassland: [
    def('area_mu', 'number', 1, '争议面积（亩） Disputed area, in mu', {
      datatype_description: '亩 mu (1 mu ≈ 666.7 m²), a number such as 20 or 12.5',
    }),
    def('dispute_party_count', 'number', 2, '涉及当事方数量 Number of parties involved', {
      datatype_description: 'a whole number',
    }),
  ],
  environment: [
    def('pollution_kind', 'singlevaluelist', 1, '污染类型 Kind of pollution', {
      required: true,
      values: [
        { key: 'air', name: '大气 Air' },
        { key: 'water', name: '水体 Water' },
        { key: 'soil', name: '土壤 Soil' },
        { key: 'noise', name: '噪声 Noise' },
        { key: 'waste', name: '固体废物 Solid waste' },
      ],
    }),
  ],
};

/**
 * Inserts the default attributes of the case types that exist and lack them; returns how many it
 * inserted. Idempotent, so seed-defaults may call it on every start.
 */
export async function seedOpen311Attributes(q: Queryable): Promise<number> {
  const types = await listCaseTypes(q, { includeInactive: true });
  const present = new Set(types.map((t) => t.code));
  let inserted = 0;
  for (const [caseType, attributes] of Object.entries(DEFAULT_ATTRIBUTES)) {
    if (!present.has(caseType)) continue;
    for (const a of attributes) {
      const result = await q
        .insertInto('open311_attribute')
        .values({
          case_type: caseType,
          code: a.code,
          datatype: a.datatype,
          required: a.required ? 1 : 0,
          variable: a.variable ? 1 : 0,
          datatype_description: a.datatype_description,
          sort: a.order,
          description: a.description,
          values_json: JSON.stringify(a.values),
        })
        .onConflict((oc) => oc.columns(['case_type', 'code']).doNothing())
        .executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
  }
  return inserted;
}

/** The attributes of case types, in the spec's order, keyed by case-type code. */
export async function attributesOf(
  q: Queryable,
  caseTypes?: readonly string[],
): Promise<Map<string, AttributeDefinition[]>> {
  let query = q
    .selectFrom('open311_attribute')
    .selectAll()
    .orderBy('case_type')
    .orderBy('sort')
    .orderBy('code');
  if (caseTypes) {
    if (caseTypes.length === 0) return new Map();
    query = query.where('case_type', 'in', [...caseTypes]);
  }
  const byType = new Map<string, AttributeDefinition[]>();
  for (const r of await query.execute()) {
    const list = byType.get(r.case_type) ?? [];
    list.push({
      variable: r.variable === 1,
      code: r.code,
      datatype: r.datatype as Datatype,
      required: r.required === 1,
      datatype_description: r.datatype_description,
      order: r.sort,
      description: r.description,
      values: JSON.parse(r.values_json) as AttributeDefinition['values'],
    });
    byType.set(r.case_type, list);
  }
  return byType;
}

const MAX_STRING = 255;
const MAX_TEXT = 4000;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function problemWith(a: AttributeDefinition, value: AttributeValue): string | undefined {
  const name = `attribute[${a.code}]`;
  const values = Array.isArray(value) ? value : [value];
  if (a.datatype !== 'multivaluelist' && values.length > 1) return `${name} was given more than once`;
  const keys = new Set(a.values.map((v) => v.key));
  for (const v of values) {
    switch (a.datatype) {
      case 'number':
        if (!NUMBER.test(v.trim()) || !Number.isFinite(Number(v))) return `${name} must be a number`;
        break;
      case 'datetime':
        if (!parseW3c(v.trim())) return `${name} must be a W3C date-time such as 2026-11-23T09:30:00+08:00`;
        break;
      case 'string':
        if (v.length > MAX_STRING) return `${name} must be at most ${MAX_STRING} characters`;
        break;
      case 'text':
        if (v.length > MAX_TEXT) return `${name} must be at most ${MAX_TEXT} characters`;
        break;
      case 'singlevaluelist':
      case 'multivaluelist':
        if (!keys.has(v)) return `${name} must be one of the keys ${[...keys].join(', ')}`;
        break;
    }
  }
  return undefined;
}

/**
 * Checks submitted values against a service's attributes. Returns the values to keep (empty ones
 * dropped, numbers and dates trimmed, list values de-duplicated) and every problem found.
 */
export function checkAttributes(
  serviceCode: string,
  definitions: readonly AttributeDefinition[],
  submitted: ReadonlyMap<string, AttributeValue>,
): { values: Record<string, AttributeValue>; problems: string[] } {
  const problems: string[] = [];
  const values: Record<string, AttributeValue> = {};
  const byCode = new Map(definitions.map((d) => [d.code, d]));
  for (const code of submitted.keys()) {
    const d = byCode.get(code);
    if (!d) problems.push(`attribute[${code}] is not an attribute of the service ${serviceCode}`);
    else if (!d.variable) problems.push(`attribute[${code}] is informational and takes no value`);
  }
  for (const d of definitions) {
    if (!d.variable) continue;
    const raw = submitted.get(d.code);
    const given = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v) => v.trim() !== '');
    if (given.length === 0) {
      if (d.required) problems.push(`attribute[${d.code}] is required for the service ${serviceCode}`);
      continue;
    }
    const value: AttributeValue =
      d.datatype === 'multivaluelist'
        ? [...new Set(given)]
        : given.length === 1 && (d.datatype === 'number' || d.datatype === 'datetime')
          ? (given[0] as string).trim()
          : given.length === 1
            ? (given[0] as string)
            : given;
    const problem = problemWith(d, value);
    if (problem) problems.push(problem);
    else values[d.code] = value;
  }
  return { values, problems };
}
