/**
 * Grid-layer endpoints (多网合一): `POST /grid-layers` takes a department's file as the raw body
 * (GeoJSON, a zipped Shapefile or an .xlsx workbook, up to 50 MB — these routes only) and the
 * format, coordinate system and column names in the query; list, read, features, delete.
 */
import { Type } from 'typebox';
import { type App, errorResponses, requireActor } from '../../platform/http.ts';
import { definePermission } from '../../platform/permissions.ts';
import { LAYER_CRS } from './coordinates.ts';
import { LAYER_FORMATS } from './parse.ts';
import type { LayerService } from './service.ts';

/** Largest layer file accepted: a county's grids with detailed boundaries fit well below it. */
export const MAX_LAYER_BYTES = 50 * 1024 * 1024;

/** Content types a layer file may be sent as; every one is taken as raw bytes. */
const FILE_TYPES = [
  'application/octet-stream',
  'application/json',
  'application/geo+json',
  'application/zip',
  'application/x-zip-compressed',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

/** 导入、删除图层: administrators. */
const GRID_LAYER_MANAGE = definePermission({
  name: 'grid_layer.manage',
  holders: ['admin'],
  scope: 'every department’s layers',
  refusal: { key: 'forbidden.admin_only' },
});
/** 查看图层: administrators, leaders and centre operators. */
const GRID_LAYER_READ = definePermission({
  name: 'grid_layer.read',
  holders: ['admin', 'leader', 'centre_operator'],
  scope: 'every department’s layers',
});

const LayerSummarySchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    departmentId: Type.Union([Type.String(), Type.Null()]),
    sourceFormat: Type.Union(LAYER_FORMATS.map((f) => Type.Literal(f))),
    crs: Type.Union(
      LAYER_CRS.map((c) => Type.Literal(c)),
      { description: 'as the file was; stored in WGS-84' },
    ),
    featureCount: Type.Integer(),
    createdBy: Type.String(),
    createdAt: Type.String(),
  },
  { $id: 'GridLayer' },
);

const LayerGridsSchema = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(
      Type.Object({
        type: Type.Literal('Feature'),
        id: Type.String(),
        geometry: Type.Unsafe<object>({
          type: 'object',
          description: 'GeoJSON Polygon or MultiPolygon, WGS-84',
        }),
        properties: Type.Object({
          legacyId: Type.String({ description: 'the department’s own grid id' }),
          name: Type.Union([Type.String(), Type.Null()]),
          attributes: Type.Record(Type.String(), Type.Unknown()),
          areaM2: Type.Number(),
        }),
      }),
    ),
  },
  { $id: 'GridLayerFeatures' },
);

const Field = Type.Optional(Type.String({ minLength: 1, maxLength: 100 }));
const ImportQuery = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  format: Type.Union(LAYER_FORMATS.map((f) => Type.Literal(f))),
  crs: Type.Optional(
    Type.Union(
      LAYER_CRS.map((c) => Type.Literal(c)),
      { description: 'coordinate system of the file (default wgs84); GCJ-02 is converted' },
    ),
  ),
  departmentId: Type.Optional(Type.String({ maxLength: 100 })),
  idField: Field,
  nameField: Field,
  geometryField: Field,
  lngField: Field,
  latField: Field,
  orderField: Field,
});
/** No type: the body is a Buffer, which a JSON-schema string would refuse; the parsers check it. */
const RawFile = Type.Unsafe<Uint8Array>({ description: 'the file itself (binary)' });
const Params = Type.Object({ id: Type.String({ maxLength: 100 }) });

const Share = Type.Union([Type.Number(), Type.Null()]);
const ComparisonSchema = Type.Object(
  {
    layerA: Type.Ref('GridLayer'),
    layerB: Type.Ref('GridLayer'),
    totals: Type.Object({
      areaA: Type.Number({ description: 'm² covered by layer A (its own overlaps counted once)' }),
      areaB: Type.Number(),
      intersection: Type.Number({ description: 'm² both layers cover' }),
      aMinusB: Type.Number({ description: 'm² A covers and B does not' }),
      bMinusA: Type.Number(),
    }),
    rows: Type.Array(
      Type.Object({
        kind: Type.Union(
          ['near_duplicate', 'sliver', 'overlap', 'a_not_b', 'b_not_a'].map((k) => Type.Literal(k)),
          {
            description:
              'near_duplicate (IoU ≥ 0.9), sliver (< 2 % of both grids), overlap; a_not_b / b_not_a: a gap piece of one layer’s grid the other layer leaves uncovered',
          },
        ),
        legacyIdA: Type.Union([Type.String(), Type.Null()]),
        legacyIdB: Type.Union([Type.String(), Type.Null()]),
        areaM2: Type.Number(),
        shareOfA: Share,
        shareOfB: Share,
      }),
    ),
  },
  { $id: 'GridLayerComparison' },
);
const OfficialComparisonSchema = Type.Object(
  {
    layerA: Type.Ref('GridLayer'),
    totals: ComparisonSchema.properties.totals,
    rows: ComparisonSchema.properties.rows,
  },
  {
    $id: 'GridLayerOfficialComparison',
    description: 'layer B is the current official grids: its legacy ids are the grids’ codes',
  },
);
const LegacyMapRowSchema = Type.Object(
  {
    layerId: Type.String(),
    legacyId: Type.String({ description: 'the department’s old grid id' }),
    gridCode: Type.String({ description: 'the official grid’s code (national structure)' }),
    gridName: Type.String(),
    share: Type.Number({ description: 'the part of the old grid that lies in this official grid (0–1)' }),
  },
  { $id: 'LegacyMapRow' },
);
const LegacyMapQuery = Type.Object({
  legacyId: Type.Optional(Type.String({ maxLength: 100, description: 'only this old grid id' })),
  gridCode: Type.Optional(Type.String({ maxLength: 100, description: 'only this official grid' })),
});
const CompareParams = Type.Object({
  id: Type.String({ maxLength: 100 }),
  otherId: Type.String({ maxLength: 100 }),
});

/** Registers the grid-layer routes (in their own scope, so the raw-file body parsers stay here). */
export function registerLayerRoutes(app: App, layers: LayerService): void {
  app.addSchema(LayerSummarySchema);
  app.addSchema(LayerGridsSchema);
  app.addSchema(ComparisonSchema);
  app.addSchema(OfficialComparisonSchema);
  app.addSchema(LegacyMapRowSchema);
  void app.register(async (scope: App) => {
    scope.removeContentTypeParser(['application/json']);
    scope.addContentTypeParser(
      FILE_TYPES,
      { parseAs: 'buffer', bodyLimit: MAX_LAYER_BYTES },
      (_request, body, done) => done(null, body),
    );

    scope.post(
      '/api/v1/grid-layers',
      {
        config: { permission: GRID_LAYER_MANAGE },
        bodyLimit: MAX_LAYER_BYTES,
        schema: {
          tags: ['layers'],
          summary:
            'Import a department’s grid layer (GeoJSON, zipped Shapefile or .xlsx; administrators); a bad file is a 400 naming the feature or row, and nothing is written',
          querystring: ImportQuery,
          body: { content: Object.fromEntries(FILE_TYPES.map((t) => [t, { schema: RawFile }])) },
          response: { 201: Type.Ref('GridLayer'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const fields = {
          ...(q.idField ? { id: q.idField } : {}),
          ...(q.nameField ? { name: q.nameField } : {}),
          ...(q.geometryField ? { geometry: q.geometryField } : {}),
          ...(q.lngField ? { lng: q.lngField } : {}),
          ...(q.latField ? { lat: q.latField } : {}),
          ...(q.orderField ? { order: q.orderField } : {}),
        };
        const layer = await layers.importLayer(
          requireActor(request),
          {
            name: q.name,
            format: q.format,
            crs: q.crs ?? 'wgs84',
            departmentId: q.departmentId || undefined,
            fields,
          },
          request.body as Uint8Array,
        );
        return reply.status(201).send(layer);
      },
    );
  });

  app.get(
    '/api/v1/grid-layers',
    {
      config: { permission: GRID_LAYER_READ },
      schema: {
        tags: ['layers'],
        summary: 'Imported grid layers, newest first',
        response: { 200: Type.Array(Type.Ref('GridLayer')), ...errorResponses },
      },
    },
    async () => layers.list(),
  );

  app.get(
    '/api/v1/grid-layers/:id',
    {
      config: { permission: GRID_LAYER_READ },
      schema: {
        tags: ['layers'],
        summary: 'One grid layer',
        params: Params,
        response: { 200: Type.Ref('GridLayer'), ...errorResponses },
      },
    },
    async (request) => layers.get(request.params.id),
  );

  app.get(
    '/api/v1/grid-layers/:id/features',
    {
      config: { permission: GRID_LAYER_READ },
      schema: {
        tags: ['layers'],
        summary:
          'The grids of a layer as a GeoJSON FeatureCollection (WGS-84), with legacy ids and attributes',
        params: Params,
        response: { 200: Type.Ref('GridLayerFeatures'), ...errorResponses },
      },
    },
    async (request) => layers.features(request.params.id),
  );

  app.get(
    '/api/v1/grid-layers/:id/compare/:otherId',
    {
      config: { permission: GRID_LAYER_READ },
      schema: {
        tags: ['layers'],
        summary:
          'Compares two layers (多网合一): overlaps with their area and shares, near-duplicates, slivers and gaps, as table rows; at most 1,000 grids per layer',
        params: CompareParams,
        response: { 200: Type.Ref('GridLayerComparison'), ...errorResponses },
      },
    },
    async (request) => layers.compare(request.params.id, request.params.otherId),
  );

  app.get(
    '/api/v1/grid-layers/:id/compare-official',
    {
      config: { permission: GRID_LAYER_READ },
      schema: {
        tags: ['layers'],
        summary:
          'Compares a layer with the current official grids: overlaps, near-duplicates, slivers and gaps as table rows; at most 1,000 grids',
        params: Params,
        response: { 200: Type.Ref('GridLayerOfficialComparison'), ...errorResponses },
      },
    },
    async (request) => layers.compareWithOfficial(request.params.id),
  );

  app.get(
    '/api/v1/grid-layers/:id/legacy-map',
    {
      config: { permission: GRID_LAYER_READ },
      schema: {
        tags: ['layers'],
        summary:
          'The legacy-id map (旧编号对照表): which official grids each old grid of the layer became, by share — filter by legacyId (old → new) or gridCode (new → old)',
        params: Params,
        querystring: LegacyMapQuery,
        response: { 200: Type.Array(Type.Ref('LegacyMapRow')), ...errorResponses },
      },
    },
    async (request) => {
      const { legacyId, gridCode } = request.query;
      return layers.legacyMap(request.params.id, {
        ...(legacyId ? { legacyId } : {}),
        ...(gridCode ? { gridCode } : {}),
      });
    },
  );

  app.delete(
    '/api/v1/grid-layers/:id',
    {
      config: { permission: GRID_LAYER_MANAGE },
      schema: {
        tags: ['layers'],
        summary: 'Delete a grid layer and its grids (administrators)',
        params: Params,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await layers.remove(request.params.id);
      return reply.status(204).send(null);
    },
  );
}
