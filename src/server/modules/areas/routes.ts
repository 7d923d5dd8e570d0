/**
 * HTTP surface of the area tree (SPEC §1): browse areas, find the grid of a point, read the
 * consistency report, and (administrators) create and edit areas.
 */
import { Type } from 'typebox';
import { AREA_KINDS } from '../../../shared/domain.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { type App, errorResponses, requireActor } from '../../platform/http.ts';
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
      requireActor(request);
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
      schema: {
        tags: ['areas'],
        summary: 'One area with its polygon, its ancestors and its household count',
        params: IdParams,
        response: { 200: Type.Ref('AreaDetail'), ...errorResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return detail(request.params.id);
    },
  );

  app.get(
    '/api/v1/areas/:id/children',
    {
      schema: {
        tags: ['areas'],
        summary: 'The children of an area, ordered by code',
        params: IdParams,
        querystring: Type.Object({ withPolygon: WithPolygon }),
        response: { 200: Type.Array(Type.Ref('Area')), ...errorResponses },
      },
    },
    async (request) => {
      requireActor(request);
      const withPolygon = request.query.withPolygon ?? false;
      const list = await areas.children(request.params.id, withPolygon);
      return list.map((a) => presentArea(a, withPolygon));
    },
  );

  app.get(
    '/api/v1/areas/:id/team',
    {
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
      requireActor(request);
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
      if (!mayEditAreas(requireActor(request))) throw forbidden('forbidden.admin_only');
      const created = await areas.createArea(request.body);
      return reply.status(201).send(await detail(created.id));
    },
  );

  app.patch(
    '/api/v1/areas/:id',
    {
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
      if (!mayEditAreas(requireActor(request))) throw forbidden('forbidden.admin_only');
      const updated = await areas.updateArea(request.params.id, request.body);
      return detail(updated.id);
    },
  );
}
