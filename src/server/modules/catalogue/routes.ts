/**
 * HTTP routes of the catalogue: case types (案件类型), departments (职能部门) and the routing table
 * (分流分调). Everyone signed in reads them; administrators edit them.
 */

import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { Clock } from '../../platform/clock.ts';
import { type App, errorResponses } from '../../platform/http.ts';
import { definePermission, requirePermission } from '../../platform/permissions.ts';
import { createCaseType, DEFAULT_DIFFICULTIES, listCaseTypes, updateCaseType } from './case-types.ts';
import { createDepartment, listDepartments, updateDepartment } from './departments.ts';
import { listRoutingRules, MAX_ROUTING_RULES, replaceRoutingRules } from './routing.ts';
import type { CatalogueTables } from './schema.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Db = Kysely<CatalogueTables>;

export interface CatalogueDeps {
  db: Db;
  clock: Clock;
}

const CODE_PATTERN = '^[a-z][a-z0-9_]{1,39}$';
const Name = Type.String({ minLength: 1, maxLength: 100 });
/** A traditional-Mongolian name; null or blank clears it. */
const NameMn = Type.Union([Type.String({ maxLength: 100 }), Type.Null()]);

const CaseTypeSchema = Type.Object(
  {
    code: Type.String(),
    nameZh: Type.String(),
    nameEn: Type.String(),
    nameMn: Type.Union([Type.String(), Type.Null()]),
    defaultDifficulty: Type.Enum(DEFAULT_DIFFICULTIES),
    active: Type.Boolean(),
    sort: Type.Integer(),
  },
  { $id: 'CaseType' },
);

const DepartmentSchema = Type.Object(
  {
    id: Type.String(),
    code: Type.String(),
    nameZh: Type.String(),
    nameEn: Type.String(),
    nameMn: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
  },
  { $id: 'Department' },
);

const RoutingRuleSchema = Type.Object(
  {
    id: Type.String(),
    caseType: Type.String(),
    departmentId: Type.String(),
    areaId: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'RoutingRule' },
);

const Sort = Type.Integer({ minimum: 0, maximum: 1_000_000 });

/** Every signed-in person reads the active catalogue (the apps need it to report and route). */
const CATALOGUE_READ = definePermission({
  name: 'catalogue.read',
  holders: 'signed_in',
  scope: 'active entries; inactive ones need catalogue.manage',
});
/** 目录管理: case types, departments, the routing table. */
const CATALOGUE_MANAGE = definePermission({
  name: 'catalogue.manage',
  holders: ['admin'],
  scope: 'the whole catalogue',
  refusal: { key: 'forbidden.admin_only' },
});

/** Registers the case-type, department and routing-table routes. */
export function registerCatalogueRoutes(app: App, deps: CatalogueDeps): void {
  const { db, clock } = deps;
  app.addSchema(CaseTypeSchema);
  app.addSchema(DepartmentSchema);
  app.addSchema(RoutingRuleSchema);

  app.get(
    '/api/v1/case-types',
    {
      config: { permission: CATALOGUE_READ },
      schema: {
        tags: ['catalogue'],
        summary: 'The case-type catalogue in display order (?all=1: inactive too, administrators)',
        querystring: Type.Object({ all: Type.Optional(Type.Enum(['0', '1'])) }),
        response: { 200: Type.Array(Type.Ref('CaseType')), ...errorResponses },
      },
    },
    async (request) => {
      const includeInactive = request.query.all === '1';
      if (includeInactive) requirePermission(request, CATALOGUE_MANAGE);
      return listCaseTypes(db, { includeInactive });
    },
  );

  app.post(
    '/api/v1/case-types',
    {
      config: { permission: CATALOGUE_MANAGE },
      schema: {
        tags: ['catalogue'],
        summary: 'Add a case type (administrators)',
        body: Type.Object(
          {
            code: Type.String({ pattern: CODE_PATTERN }),
            nameZh: Name,
            nameEn: Name,
            nameMn: Type.Optional(NameMn),
            defaultDifficulty: Type.Enum(DEFAULT_DIFFICULTIES),
            active: Type.Optional(Type.Boolean()),
            sort: Type.Optional(Sort),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('CaseType'), ...errorResponses },
      },
    },
    async (request, reply) => {
      return reply.status(201).send(await createCaseType(db, request.body));
    },
  );

  app.patch(
    '/api/v1/case-types/:code',
    {
      config: { permission: CATALOGUE_MANAGE },
      schema: {
        tags: ['catalogue'],
        summary: 'Edit a case type: names, default difficulty, active, sort (administrators)',
        params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
        body: Type.Object(
          {
            nameZh: Type.Optional(Name),
            nameEn: Type.Optional(Name),
            nameMn: Type.Optional(NameMn),
            defaultDifficulty: Type.Optional(Type.Enum(DEFAULT_DIFFICULTIES)),
            active: Type.Optional(Type.Boolean()),
            sort: Type.Optional(Sort),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('CaseType'), ...errorResponses },
      },
    },
    async (request) => {
      return updateCaseType(db, request.params.code, request.body);
    },
  );

  app.get(
    '/api/v1/departments',
    {
      config: { permission: CATALOGUE_READ },
      schema: {
        tags: ['catalogue'],
        summary: 'Functional departments (职能部门)',
        response: { 200: Type.Array(Type.Ref('Department')), ...errorResponses },
      },
    },
    async () => {
      return listDepartments(db);
    },
  );

  app.post(
    '/api/v1/departments',
    {
      config: { permission: CATALOGUE_MANAGE },
      schema: {
        tags: ['catalogue'],
        summary: 'Add a department (administrators)',
        body: Type.Object(
          {
            code: Type.String({ pattern: CODE_PATTERN }),
            nameZh: Name,
            nameEn: Name,
            nameMn: Type.Optional(NameMn),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('Department'), ...errorResponses },
      },
    },
    async (request, reply) => {
      return reply.status(201).send(await createDepartment(db, request.body, clock.now().toISOString()));
    },
  );

  app.patch(
    '/api/v1/departments/:id',
    {
      config: { permission: CATALOGUE_MANAGE },
      schema: {
        tags: ['catalogue'],
        summary: 'Rename a department or change its code (administrators)',
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        body: Type.Object(
          {
            code: Type.Optional(Type.String({ pattern: CODE_PATTERN })),
            nameZh: Type.Optional(Name),
            nameEn: Type.Optional(Name),
            nameMn: Type.Optional(NameMn),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Department'), ...errorResponses },
      },
    },
    async (request) => {
      return updateDepartment(db, request.params.id, request.body);
    },
  );

  app.get(
    '/api/v1/routing-rules',
    {
      config: { permission: CATALOGUE_READ },
      schema: {
        tags: ['catalogue'],
        summary: 'The routing table (分流分调): case type × area → department',
        response: { 200: Type.Object({ rules: Type.Array(Type.Ref('RoutingRule')) }), ...errorResponses },
      },
    },
    async () => {
      return { rules: await listRoutingRules(db) };
    },
  );

  app.put(
    '/api/v1/routing-rules',
    {
      config: { permission: CATALOGUE_MANAGE },
      schema: {
        tags: ['catalogue'],
        summary: 'Replace the whole routing table (administrators); the first bad row is named',
        body: Type.Object(
          {
            rules: Type.Array(
              Type.Object(
                {
                  caseType: Type.String({ minLength: 1, maxLength: 40 }),
                  departmentId: Type.String({ minLength: 1, maxLength: 100 }),
                  areaId: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
                },
                { additionalProperties: false },
              ),
              { maxItems: MAX_ROUTING_RULES },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ rules: Type.Array(Type.Ref('RoutingRule')) }), ...errorResponses },
      },
    },
    async (request) => {
      return { rules: await replaceRoutingRules(db, request.body.rules) };
    },
  );
}
