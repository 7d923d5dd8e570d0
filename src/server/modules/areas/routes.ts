/**
 * HTTP surface of the area tree (SPEC §1): browse areas, find the grid of a point, read the
 * consistency report, and (administrators) create and edit areas.
 */
import { Type } from 'typebox';
import { AREA_KINDS } from '../../../shared/domain.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { type App, errorResponses, requireActor } from '../../platform/http.ts';
import { definePermission } from '../../platform/permissions.ts';
import { MAX_POLYGON_VERTICES } from './geometry.ts';
import { checksScope, mayEditAreas } from './policy.ts';
import type { Area, AreaService } from './service.ts';

const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
const AreaGeometrySchema = Type.Union(
  [
    Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Array(Position)) }),
    Type.Object({
      type: Type.Literal('MultiPolygon'),
      coordinates: Type.Array(Type.Array(Type.Array(Position))),
    }),
  ],
  { $id: 'AreaGeometry', description: 'GeoJSON Polygon or MultiPolygon, WGS-84 [lng, lat]' },
);

const areaFields = {
  id: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  nameMn: Type.Union([Type.String(), Type.Null()]),
  depth: Type.Integer(),
  path: Type.String({ description: "materialised path of ids, '/banner/…/self/'" }),
};
const AreaSchema = Type.Object(
  {
    ...areaFields,
    polygon: Type.Optional(Type.Union([Type.Ref('AreaGeometry'), Type.Null()])),
  },
  { $id: 'Area' },
);
const AreaDetailSchema = Type.Object(
  {
    ...areaFields,
    polygon: Type.Union([Type.Ref('AreaGeometry'), Type.Null()]),
    ancestors: Type.Array(Type.Ref('Area'), { description: 'the banner first, the area itself left out' }),
    households: Type.Integer({ description: 'households in the grids of this subtree' }),
  },
  { $id: 'AreaDetail' },
);
const ViolationSchema = Type.Object(
  {
    kind: Type.String(),
    areaId: Type.String(),
    code: Type.String(),
    message: Type.String(),
    key: Type.String({ description: 'Message code of the catalogue (src/shared/messages)' }),
    params: Type.Record(Type.String(), Type.Unknown()),
    details: Type.Record(Type.String(), Type.Unknown()),
  },
  { $id: 'AreaViolation' },
);

const KindSchema = Type.Enum([...AREA_KINDS]);
const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
const WithPolygon = Type.Optional(Type.Boolean({ description: 'include each polygon (default false)' }));
const PolygonInput = Type.Unknown({
  description: `GeoJSON Polygon or MultiPolygon, WGS-84; rings closed, at least 4 positions, at most ${MAX_POLYGON_VERTICES} vertices over all rings (400 naming polygon.coordinates above that); no ring may cross itself or another ring (a bowtie is refused with 400); null removes it`,
});
const NameMn = Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()]));

/** An area as JSON; the polygon only when it was loaded. */
function presentArea(area: Area, withPolygon: boolean) {
  const { polygon, ...rest } = area;
  return withPolygon ? { ...rest, polygon } : rest;
}

/** Every signed-in person reads the area tree and looks up grids. */
const AREA_READ = definePermission({ name: 'area.read', holders: 'signed_in', scope: 'the whole tree' });
/** The consistency report is for those who run the grids. */
const AREA_CHECKS = definePermission({
  name: 'area.checks',
  holders: ['admin', 'leader', 'centre_operator'],
  scope: 'admin, leader: all areas; centre_operator: their own areas (areas/policy.ts checksScope)',
  refusal: { key: 'forbidden.area_checks' },
  policy: (actor) => checksScope(actor) !== undefined,
});
/** A grid's team: staff whose area holds it (areas/policy.ts, through the service). */
const AREA_TEAM = definePermission({
  name: 'area.team',
  holders: 'signed_in',
  scope: 'staff assigned on the area’s path, admin and leader (areas/policy.ts mayViewTeam)',
});
/** 区域管理: only an administrator creates, moves or reshapes areas. */
const AREA_MANAGE = definePermission({
  name: 'area.manage',
  holders: ['admin'],
  scope: 'all areas (areas/policy.ts mayEditAreas)',
  refusal: { key: 'forbidden.admin_only' },
  policy: mayEditAreas,
});

/** Registers the area routes. */
export function registerAreaRoutes(app: App, areas: AreaService): void {
  app.addSchema(AreaGeometrySchema);
  app.addSchema(AreaSchema);
  app.addSchema(AreaDetailSchema);
  app.addSchema(ViolationSchema);

  async function detail(id: string) {
    const area = await areas.getArea(id);
    if (!area) throw notFound('not_found.area');
    const [ancestors, households] = await Promise.all([areas.ancestors(id), areas.householdCount(id)]);
    return { ...area, ancestors: ancestors.map((a) => presentArea(a, false)), households };
  }

  app.get(
    '/api/v1/areas',
    {
      config: { permission: AREA_READ },
      schema: {
        tags: ['areas'],
        summary: 'List areas: the root(s) by default, or filtered by parent, kind or code',
        querystring: Type.Object({
          parentId: Type.Optional(Type.String({ maxLength: 100 })),
          kind: Type.Optional(KindSchema),
          code: Type.Optional(Type.String({ maxLength: 18 })),
          withPolygon: WithPolygon,
        }),
        response: { 200: Type.Array(Type.Ref('Area')), ...errorResponses },
      },
    },
    async (request) => {
      const { parentId, kind, code, withPolygon = false } = request.query;
      const list = await areas.listAreas({
        ...(parentId !== undefined ? { parentId } : {}),
        ...(kind !== undefined ? { kind } : {}),
        ...(code !== undefined ? { code } : {}),
        withPolygon,
      });
      return list.map((a) => presentArea(a, withPolygon));
    },
  );

  app.get(
    '/api/v1/areas/checks',
    {
      config: { permission: AREA_CHECKS },
      schema: {
        tags: ['areas'],
        summary:
          'Consistency report: household caps, children outside parents, overlapping siblings, gaps, households outside their grid, bad codes. Runs in slices so the server keeps answering; polygons are indexed, so even areas at the vertex limit are checked in seconds',
        response: {
          200: Type.Object({ count: Type.Integer(), violations: Type.Array(Type.Ref('AreaViolation')) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const scope = checksScope(requireActor(request));
      if (!scope) throw forbidden('forbidden.area_checks');
      const violations = await areas.checks(scope === 'all' ? undefined : scope);
      return { count: violations.length, violations };
    },
  );

  app.get(
    '/api/v1/areas/:id',
    {
      config: { permission: AREA_READ },
      schema: {
        tags: ['areas'],
        summary: 'One area with its polygon, its ancestors and its household count',
        params: IdParams,
        response: { 200: Type.Ref('AreaDetail'), ...errorResponses },
      },
    },
    async (request) => {
      return detail(request.params.id);
    },
  );

  app.get(
    '/api/v1/areas/:id/children',
    {
      config: { permission: AREA_READ },
      schema: {
        tags: ['areas'],
        summary: 'The children of an area, ordered by code',
        params: IdParams,
        querystring: Type.Object({ withPolygon: WithPolygon }),
        response: { 200: Type.Array(Type.Ref('Area')), ...errorResponses },
      },
    },
    async (request) => {
      const withPolygon = request.query.withPolygon ?? false;
      const list = await areas.children(request.params.id, withPolygon);
      return list.map((a) => presentArea(a, withPolygon));
    },
  );

  app.get(
    '/api/v1/areas/:id/team',
    {
      config: { permission: AREA_TEAM },
      schema: {
        tags: ['areas'],
        summary:
          'The grid team (网格团队) inside an area: every staff role held in its subtree, for dispatch and linkage. Staff of the area (or above it) only',
        params: IdParams,
        response: {
          200: Type.Array(
            Type.Object({
              userId: Type.String(),
              displayName: Type.String(),
              role: Type.String(),
              areaId: Type.String(),
              areaName: Type.Object({
                zh: Type.String(),
                en: Type.String(),
                mn: Type.Union([Type.String(), Type.Null()]),
              }),
              title: Type.Union([Type.String(), Type.Null()]),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => areas.team(requireActor(request), request.params.id),
  );

  app.get(
    '/api/v1/grids/lookup',
    {
      config: { permission: AREA_READ },
      schema: {
        tags: ['areas'],
        summary: 'The grid containing a point (GCJ-02 from phones is converted), with its ancestors',
        querystring: Type.Object({
          lng: Type.Number({ minimum: -180, maximum: 180 }),
          lat: Type.Number({ minimum: -90, maximum: 90 }),
          crs: Type.Optional(
            Type.Enum(['wgs84', 'gcj02'], { description: 'datum of lng/lat (default wgs84)' }),
          ),
        }),
        response: {
          200: Type.Object({ grid: Type.Ref('Area'), ancestors: Type.Array(Type.Ref('Area')) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { lng, lat, crs = 'wgs84' } = request.query;
      const hit = await areas.gridOf(lng, lat, crs);
      const grid = hit ? await areas.getArea(hit.gridId) : undefined;
      if (!hit || !grid) {
        throw new AppError(
          'not_found',
          'not_found.grid_at_point',
          { lng, lat, crs },
          {
            lng,
            lat,
            crs,
          },
        );
      }
      const ancestors = await areas.ancestors(grid.id);
      return { grid: presentArea(grid, false), ancestors: ancestors.map((a) => presentArea(a, false)) };
    },
  );

  app.post(
    '/api/v1/areas',
    {
      config: { permission: AREA_MANAGE },
      schema: {
        tags: ['areas'],
        summary: 'Create an area under its parent (administrators)',
        body: Type.Object({
          parentId: Type.Union([Type.Null(), Type.String({ maxLength: 100 })]),
          kind: KindSchema,
          code: Type.String({ maxLength: 18 }),
          nameZh: Type.String({ maxLength: 200 }),
          nameEn: Type.String({ maxLength: 200 }),
          nameMn: NameMn,
          polygon: Type.Optional(PolygonInput),
        }),
        response: { 201: Type.Ref('AreaDetail'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await areas.createArea(request.body);
      return reply.status(201).send(await detail(created.id));
    },
  );

  app.patch(
    '/api/v1/areas/:id',
    {
      config: { permission: AREA_MANAGE },
      schema: {
        tags: ['areas'],
        summary:
          'Rename, re-code, reshape or move an area (administrators); a new code carries down to its subtree',
        params: IdParams,
        body: Type.Object(
          {
            parentId: Type.Optional(Type.String({ maxLength: 100 })),
            code: Type.Optional(Type.String({ maxLength: 18 })),
            nameZh: Type.Optional(Type.String({ maxLength: 200 })),
            nameEn: Type.Optional(Type.String({ maxLength: 200 })),
            nameMn: NameMn,
            polygon: Type.Optional(PolygonInput),
          },
          { minProperties: 1 },
        ),
        response: { 200: Type.Ref('AreaDetail'), ...errorResponses },
      },
    },
    async (request) => {
      const updated = await areas.updateArea(request.params.id, request.body);
      return detail(updated.id);
    },
  );
}
