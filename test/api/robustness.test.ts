/**
 * Acceptance: no input, however malformed or oversized, produces a 500 (健壮性). Every operation the
 * OpenAPI document lists is sent a seeded, deterministic battery of bad path parameters, query strings
 * and bodies — as an administrator, a herder, a grid worker and nobody — and every answer must be
 * below 500 and, when it is an error, have the one error shape `{ error: { code, message } }`.
 *
 * The seed is fixed; set ZHIZHI_ROBUSTNESS_SEED to explore other inputs (a failure names the seed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PLACES } from '../../src/server/modules/demo/seed.ts';
import { createDemoApp, type DemoApp } from '../../src/server/testing/demo.ts';

const SEED = Number(process.env.ZHIZHI_ROBUSTNESS_SEED ?? 20_261_123);
/** Who sends the battery; `null` is nobody signed in. */
const ROLES = ['admin', 'herder', 'grid.worker', null] as const;
type Role = (typeof ROLES)[number];

// ── deterministic randomness ────────────────────────────────────────────────────────────────────

/** mulberry32: a small seeded generator, so every run sends exactly the same inputs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a, to derive a per-operation seed from its name. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

interface Random {
  next(): number;
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  /** `n` distinct items in a seeded order. */
  some<T>(items: readonly T[], n: number): T[];
  /** A well-formed UUID that names nothing. */
  uuid(): string;
}

function random(seed: number): Random {
  const next = prng(seed);
  const int = (max: number) => Math.floor(next() * max);
  return {
    next,
    int,
    pick: (items) => items[int(items.length)] as (typeof items)[number],
    some(items, n) {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(i + 1);
        [copy[i], copy[j]] = [copy[j] as (typeof copy)[number], copy[i] as (typeof copy)[number]];
      }
      return copy.slice(0, n);
    },
    uuid() {
      const hex = Array.from({ length: 32 }, () => int(16).toString(16)).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
    },
  };
}

// ── the OpenAPI document ────────────────────────────────────────────────────────────────────────

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
}

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  schema?: JsonSchema;
}

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI template, e.g. `/api/v1/cases/{id}`. */
  path: string;
  pathParams: string[];
  query: Parameter[];
  body: JsonSchema | undefined;
}

function operationsOf(doc: OpenApi): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      ops.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string),
        query: params.filter((p) => p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  // Signing out ends the session the rest of the battery uses, so it goes last.
  return ops.sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));
}

// ── real things, so that well-formed parts of a request reach the services ──────────────────────

interface Known {
  caseIds: string[];
  userIds: string[];
  areaIds: string[];
  gridIds: string[];
  departmentIds: string[];
  caseTypes: string[];
  /** A user none of the probing roles is, so changing their password or assignments signs nobody out. */
  bystanderId: string;
  bystanderAssignmentId: string;
  notificationId: string;
}

/** The real value of a path parameter of an operation. */
function realParam(op: Operation, name: string, known: Known): string {
  if (name === 'assignmentId') return known.bystanderAssignmentId;
  if (name === 'code') return known.caseTypes[0] as string;
  if (name === 'day') return '2026-10-01';
  if (op.path.startsWith('/api/v1/users/')) return known.bystanderId;
  if (op.path.startsWith('/api/v1/areas/')) return known.areaIds[0] as string;
  if (op.path.startsWith('/api/v1/departments/')) return known.departmentIds[0] as string;
  if (op.path.startsWith('/api/v1/notifications/')) return known.notificationId;
  return known.caseIds[0] as string;
}

/** A value that satisfies `schema` (mostly), preferring real ids for fields that name one. */
function sample(schema: JsonSchema, doc: OpenApi, r: Random, known: Known, field = '', depth = 0): unknown {
  if (schema.$ref) {
    const target = doc.components?.schemas?.[schema.$ref.replace(/^#\/components\/schemas\//, '')];
    return target ? sample(target, doc, r, known, field, depth + 1) : {};
  }
  if (schema.anyOf) return sample(r.pick(schema.anyOf), doc, r, known, field, depth + 1);
  if (schema.enum) return r.pick(schema.enum);
  const hinted = hintFor(field, known, r);
  if (hinted !== undefined) return hinted;
  const type = Array.isArray(schema.type) ? r.pick(schema.type) : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(key) || r.next() < 0.6) {
          out[key] = sample(prop, doc, r, known, key, depth + 1);
        }
      }
      return out;
    }
    case 'array':
      return schema.items
        ? Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
            sample(schema.items as JsonSchema, doc, r, known, field, depth + 1),
          )
        : [];
    case 'string':
      if (schema.format === 'uuid') return r.pick([...known.userIds, ...known.caseIds, r.uuid()]);
      if (schema.format === 'date-time') return '2026-12-01T08:00:00.000Z';
      if (schema.pattern) return `zz_${r.int(1e6)}`;
      return r.pick([
        '事项',
        '草场边界不清，多次协商未果',
        'ok',
        'Ünïcødé ᠮᠣᠩᠭᠣᠯ',
        'x'.repeat(schema.maxLength ?? 8),
      ]);
    case 'integer':
      return Math.max(schema.minimum ?? 0, Math.min(schema.maximum ?? 100, 1 + r.int(10)));
    case 'number':
      return Math.max(
        schema.exclusiveMinimum ?? schema.minimum ?? 0,
        Math.min(schema.maximum ?? 100, r.next() * 10),
      );
    case 'boolean':
      return r.next() < 0.5;
    case 'null':
      return null;
    default:
      // Schema-less fields (GeoJSON polygons): something polygon-shaped, or not.
      return r.pick([
        {
          type: 'Polygon',
          coordinates: [
            [
              [108.8, 38.6],
              [108.9, 38.6],
              [108.9, 38.7],
              [108.8, 38.6],
            ],
          ],
        },
        { type: 'Polygon', coordinates: [] },
        null,
      ]);
  }
}

function hintFor(field: string, known: Known, r: Random): unknown {
  switch (field) {
    case 'areaId':
    case 'parentId':
      return r.pick(known.areaIds);
    case 'gridId':
      return r.pick(known.gridIds);
    case 'departmentId':
    case 'departmentIds':
      return field.endsWith('s') ? [r.pick(known.departmentIds)] : r.pick(known.departmentIds);
    case 'handlerIds':
    case 'userIds':
      return [r.pick(known.userIds)];
    case 'intoCaseId':
      return r.pick(known.caseIds);
    case 'caseType':
      return r.pick(known.caseTypes);
    case 'lng':
      return DEMO_PLACES.pastoralGrid.lng;
    case 'lat':
      return DEMO_PLACES.pastoralGrid.lat;
    default:
      return undefined;
  }
}

// ── the battery ─────────────────────────────────────────────────────────────────────────────────

interface Probe {
  url: string;
  /** Raw request body (sent as is); undefined sends none. */
  body?: string;
  /** Content type of the body: JSON unless given; `null` sends none. */
  contentType?: string | null;
  headers?: Record<string, string>;
  /** What the probe is, for the failure report. */
  label: string;
}

const nest = (depth: number, open: string, close: string, inner: string) =>
  open.repeat(depth) + inner + close.repeat(depth);
const DEEP_OBJECT = nest(50, '{"a":', '}', '1');
const DEEP_ARRAY = nest(50, '[', ']', '1');
const LONG_STRING = JSON.stringify('x'.repeat(100_000));
const LONG_UNICODE = JSON.stringify('案'.repeat(100_000));
const TWO_MEGABYTES = JSON.stringify({ description: 'x'.repeat(2 * 1024 * 1024), lng: 0, lat: 0 });

/** Raw JSON texts put where a field's value goes: wrong types, extremes, hostile strings. */
const BAD_VALUES: readonly string[] = [
  'null',
  'true',
  '0',
  '-1',
  '1.5',
  '-0',
  '1e309',
  '-1e309',
  '9007199254740993',
  '123456789012345678901234567890',
  '1e-400',
  '""',
  '" "',
  '"NaN"',
  '"Infinity"',
  '"1e309"',
  '"-1"',
  '"0x1F"',
  '"\\u0000"',
  '"a\\u0000b"',
  '"\\ud800"',
  '"💥案件ᠮᠣᠩᠭᠣᠯ\\u202e"',
  '"../../etc/passwd"',
  '"%00"',
  '"\'; DROP TABLE app_user; --"',
  '"2026-02-30T25:61:00Z"',
  '"00000000-0000-0000-0000-000000000000"',
  '[]',
  '[null]',
  '[1,"a",{}]',
  '{}',
  '{"type":"Polygon","coordinates":[[[1e309,0],[0,0],[0,1],[1e309,0]]]}',
  '{"type":"Polygon","coordinates":[[["a","b"]]]}',
  '{"type":"MultiPolygon","coordinates":[[[]]]}',
  '{"$gt":""}',
  LONG_STRING,
  LONG_UNICODE,
  DEEP_OBJECT,
  DEEP_ARRAY,
  JSON.stringify(Array.from({ length: 5000 }, (_, i) => i)),
];

/** How many of BAD_VALUES each place in a body is given (a seeded choice). */
const VALUES_PER_SLOT = 8;

/** Whole bodies that are not what any operation expects. */
const BAD_BODIES: ReadonlyArray<{ body: string; type?: string | null }> = [
  { body: '' },
  { body: '{' },
  { body: 'not json' },
  { body: '{"a":1,}' },
  { body: "{'a':1}" },
  { body: 'null' },
  { body: '[]' },
  { body: '[{}]' },
  { body: '"a string"' },
  { body: '42' },
  { body: '1e309' },
  { body: 'true' },
  { body: '\ufeff{}' },
  { body: '{"a":1}{"b":2}' },
  { body: DEEP_OBJECT },
  { body: DEEP_ARRAY },
  { body: '{"__proto__":{"isAdmin":true}}' },
  { body: '{"constructor":{"prototype":{"isAdmin":true}}}' },
  { body: `{"x":${LONG_STRING}}` },
  { body: TWO_MEGABYTES },
  { body: 'hello', type: 'text/plain' },
  { body: '<case/>', type: 'application/xml' },
  { body: 'description=x&lng=1&lat=2', type: 'application/x-www-form-urlencoded' },
  {
    body: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--',
    type: 'multipart/form-data; boundary=b',
  },
  { body: '{}', type: 'application/json; charset=utf-16' },
  { body: '{}', type: 'application/jsonx' },
  { body: '{}', type: null },
];

/** Path segments that are not ids: wrong form, too long, NUL, traversal, unicode, broken escapes. */
const BAD_SEGMENTS: readonly string[] = [
  'not-a-uuid',
  '0',
  '-1',
  'NaN',
  'null',
  '__proto__',
  'constructor',
  'x'.repeat(150),
  'x'.repeat(5000),
  '%00',
  'a%00b',
  '..',
  '%2e%2e',
  '..%2F..%2Fetc%2Fpasswd',
  encodeURIComponent('案件💥ᠮᠣᠩᠭᠣᠯ'),
  encodeURIComponent('\u202e\ud7ff'),
  '%ZZ',
  '%E0%A4%A',
  '%C0%AE',
  '%20',
  '00000000-0000-0000-0000-000000000000',
  '018f0000-0000-7000-8000-000000000000',
  '2026-02-30',
  '9999-99-99',
  '0000-00-00',
];

/** Query values of the wrong type or size. */
const BAD_QUERY_VALUES: readonly string[] = [
  '',
  'abc',
  '-1',
  '0',
  '1.5',
  'NaN',
  'Infinity',
  '1e309',
  '99999999999999999999',
  '-99999999999999999999',
  '2147483648',
  '9223372036854775808',
  'true',
  'null',
  '%00',
  '%ZZ',
  encodeURIComponent('案件ᠮᠣᠩᠭᠣᠯ'),
  'x'.repeat(10_000),
];

function fillPath(op: Operation, known: Known, override?: { name: string; value: string }): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    override?.name === name ? override.value : encodeURIComponent(realParam(op, name, known)),
  );
}

const SLOT = '__robustness_slot__';

/** Every place in a body a value sits, as key paths (objects' properties and arrays' first items). */
function slotsOf(value: unknown, prefix: (string | number)[] = [], depth = 0): (string | number)[][] {
  if (depth > 3 || value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.length > 0
      ? [[0, value[0]]]
      : []
    : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...slotsOf(v, [...prefix, k], depth + 1)]);
}

/** `base` with the value at `slot` replaced by raw JSON text (or removed when `raw` is undefined). */
function withSlot(base: unknown, slot: (string | number)[], raw: string | undefined): string {
  const copy: unknown = structuredClone(base);
  let parent = copy as Record<string | number, unknown>;
  for (const key of slot.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = slot[slot.length - 1] as string | number;
  if (raw === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
    return JSON.stringify(copy);
  }
  parent[last] = SLOT;
  return JSON.stringify(copy).replace(`"${SLOT}"`, () => raw);
}

/** The seeded battery for one operation (the same whoever sends it). */
function batteryFor(op: Operation, doc: OpenApi, known: Known): Probe[] {
  const r = random(hash(`${SEED}:${op.method} ${op.path}`));
  const url = fillPath(op, known);
  const base = op.body ? sample(op.body, doc, r, known) : undefined;
  const baseBody = base === undefined ? undefined : JSON.stringify(base);
  const probes: Probe[] = [];

  // Path parameters that are not what the route expects.
  for (const name of op.pathParams) {
    for (const value of BAD_SEGMENTS) {
      probes.push({
        url: fillPath(op, known, { name, value }),
        body: baseBody,
        label: `path ${name}=${value.slice(0, 40)}`,
      });
    }
  }

  // Query strings: each parameter given bad values, arrays, objects; unknown parameters; everything at once.
  for (const q of op.query) {
    for (const value of BAD_QUERY_VALUES) {
      probes.push({
        url: `${url}?${q.name}=${value}`,
        body: baseBody,
        label: `query ${q.name}=${value.slice(0, 40)}`,
      });
    }
    for (const raw of [`${q.name}=1&${q.name}=2`, `${q.name}[]=1`, `${q.name}[a]=b`, `${q.name}`]) {
      probes.push({ url: `${url}?${raw}`, body: baseBody, label: `query ${raw}` });
    }
  }
  const everything = op.query.map((q) => `${q.name}=${r.pick(BAD_QUERY_VALUES)}`).join('&');
  probes.push({
    url: `${url}?${everything}&unknown=1&${'k'.repeat(300)}=v`,
    body: baseBody,
    label: 'query: all bad',
  });

  // Bodies: whole wrong bodies, then the valid sample with one value at a time made wrong or removed.
  const sendsBody = op.method !== 'GET';
  if (sendsBody) {
    for (const { body, type } of BAD_BODIES) {
      probes.push({
        url,
        body,
        contentType: type,
        label: `body ${type === undefined ? 'json' : type}: ${body.slice(0, 40)}`,
      });
    }
  }
  if (baseBody !== undefined) {
    probes.push({ url, body: baseBody, label: 'body: sample' });
    const extra = { ...(base as object), unexpected: 1, id: known.caseIds[0], createdAt: 'yesterday' };
    probes.push({ url, body: JSON.stringify(extra), label: 'body: extra fields' });
    for (const slot of slotsOf(base)) {
      for (const raw of r.some(BAD_VALUES, VALUES_PER_SLOT)) {
        probes.push({
          url,
          body: withSlot(base, slot, raw),
          label: `body ${slot.join('.')}=${raw.slice(0, 40)}`,
        });
      }
      probes.push({ url, body: withSlot(base, slot, undefined), label: `body without ${slot.join('.')}` });
    }
  }

  // Headers: broken credentials and idempotency keys (the role's own credentials are replaced).
  for (const authorization of [
    'Bearer ',
    `Bearer ${'x'.repeat(300)}`,
    'Bearer ../../',
    'Basic YWRtaW46YWRtaW4=',
    'bearer',
  ]) {
    probes.push({
      url,
      body: baseBody,
      headers: { authorization },
      label: `authorization: ${authorization.slice(0, 20)}`,
    });
  }
  probes.push({
    url,
    body: baseBody,
    headers: { cookie: 'zhizhi_session=%ZZ; zhizhi_session=' },
    label: 'cookie: broken',
  });
  for (const key of ['', ' ', 'k'.repeat(300), '案件']) {
    probes.push({
      url,
      body: baseBody,
      headers: { 'idempotency-key': key },
      label: `idempotency-key: ${key.slice(0, 20)}`,
    });
  }
  return probes;
}

// ── the test ────────────────────────────────────────────────────────────────────────────────────

let t: DemoApp;
let known: Known;
const tokens = new Map<Role, string | undefined>();

async function signIn(username: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`cannot sign in as ${username}: ${res.body}`);
  return res.json().token as string;
}

beforeAll(async () => {
  t = await createDemoApp();
  const db = t.database.db;
  // A few cases in different states, so path ids and body ids name real things.
  const herder = await t.as('herder');
  const chief = await t.as('grid.chief');
  const worker = await t.as('grid.worker');
  const place = { lng: DEMO_PLACES.pastoralGrid.lng, lat: DEMO_PLACES.pastoralGrid.lat };
  const caseIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await herder.post('/api/v1/cases', {
      description: `草场问题 ${i}`,
      caseType: 'land_grassland',
      ...place,
    });
    expect(res.status).toBe(201);
    caseIds.push(res.body.id);
  }
  const [first, second] = caseIds as [string, string];
  expect((await chief.act(first, 'register', { caseType: 'land_grassland' })).status).toBe(200);
  expect((await chief.act(first, 'dispatch', { handlerIds: [worker.userId] })).status).toBe(200);
  expect((await worker.act(first, 'accept')).status).toBe(200);
  expect((await chief.act(second, 'register', { caseType: 'land_grassland' })).status).toBe(200);

  const users = await db.selectFrom('app_user').select(['id', 'username']).orderBy('username').execute();
  const bystander = users.find((u) => u.username === 'village.elder');
  if (!bystander) throw new Error('demo has no village.elder');
  const assignment = await db
    .selectFrom('assignment')
    .select('id')
    .where('user_id', '=', bystander.id)
    .executeTakeFirstOrThrow();
  const areas = await db.selectFrom('area').select(['id', 'kind']).orderBy('code').execute();
  const notification = await db.selectFrom('notification').select('id').limit(1).executeTakeFirst();
  known = {
    caseIds,
    userIds: users.map((u) => u.id),
    areaIds: areas.filter((a) => a.kind === 'village' || a.kind === 'town').map((a) => a.id),
    gridIds: areas.filter((a) => a.kind.endsWith('grid')).map((a) => a.id),
    departmentIds: (await db.selectFrom('department').select('id').orderBy('code').execute()).map(
      (d) => d.id,
    ),
    caseTypes: (await db.selectFrom('case_type').select('code').orderBy('code').execute()).map((c) => c.code),
    bystanderId: bystander.id,
    bystanderAssignmentId: assignment.id,
    notificationId: notification?.id ?? random(SEED).uuid(),
  };
  for (const role of ROLES) tokens.set(role, role === null ? undefined : await signIn(role));
});
afterAll(() => t.close());

interface Failure {
  role: Role;
  method: string;
  /** The operation's path template. */
  path: string;
  url: string;
  label: string;
  status: number;
  response: string;
}

describe('robustness: no input produces a 500 (issue acceptance)', () => {
  it(`answers every bad input to every operation with a 4xx in the error shape (seed ${SEED})`, async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as OpenApi;
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(50);
    const failures: Failure[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    const started = performance.now();
    for (const op of ops) {
      const battery = batteryFor(op, doc, known);
      for (const role of ROLES) {
        // The administrator, who gets furthest into the services, is sent everything; the others a
        // seeded half, which keeps the run short on PostgreSQL.
        const share = random(hash(`${SEED}:${op.method} ${op.path}:${role}`));
        for (const probe of battery) {
          if (role !== 'admin' && share.next() < 0.5) continue;
          const token = tokens.get(role);
          const type =
            probe.contentType === undefined && probe.body !== undefined
              ? 'application/json'
              : probe.contentType;
          const res = await t.app.inject({
            method: op.method,
            url: probe.url,
            headers: {
              ...(token ? { authorization: `Bearer ${token}` } : {}),
              ...(type ? { 'content-type': type } : {}),
              ...probe.headers,
            },
            ...(probe.body === undefined ? {} : { payload: probe.body }),
          });
          sent++;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode >= 500 || (res.statusCode >= 400 && !hasErrorShape(res.body))) {
            failures.push({
              role,
              method: op.method,
              path: op.path,
              url: probe.url.slice(0, 200),
              label: probe.label,
              status: res.statusCode,
              response: res.body.slice(0, 300),
            });
          }
        }
      }
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const histogram = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    console.log(`robustness: ${sent} requests to ${ops.length} operations in ${seconds} s — ${histogram}`);
    expect(summarise(failures)).toEqual([]);
    // The battery must also get through to the services, not only bounce off validation.
    for (const status of [200, 201, 403, 404, 409]) expect(statuses.get(status) ?? 0).toBeGreaterThan(0);
    // Some 13,000 requests: 40 s on a quiet machine, over 120 s on PostgreSQL on a loaded CI machine
    // (a loaded run hit the default limit). The limit catches a hang, not slowness.
  }, 600_000);
});

/** `{ error: { code, message } }` with non-empty strings. */
function hasErrorShape(body: string): boolean {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || !('error' in parsed)) return false;
    const error: unknown = parsed.error;
    return (
      typeof error === 'object' &&
      error !== null &&
      'code' in error &&
      'message' in error &&
      typeof error.code === 'string' &&
      error.code !== '' &&
      typeof error.message === 'string'
    );
  } catch {
    return false;
  }
}

/** One line per kind of failure (status and error code), with how often and a first example. */
function summarise(failures: Failure[]): string[] {
  const kinds = new Map<string, { count: number; example: Failure }>();
  for (const f of failures) {
    const code = /"code":"([^"]*)"/.exec(f.response)?.[1] ?? f.response.slice(0, 60);
    const key = `${f.status} ${code} ${f.method} ${f.path}`;
    const kind = kinds.get(key);
    if (kind) kind.count++;
    else kinds.set(key, { count: 1, example: f });
  }
  return [...kinds].map(
    ([key, { count, example }]) =>
      `${key} ×${count} — e.g. as ${example.role ?? 'nobody'}, ${example.label}: ${example.response.slice(0, 160)}`,
  );
}
