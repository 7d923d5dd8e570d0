/**
 * Administrators' JSON endpoints for Open311 API keys (`/api/v1/open311-keys`): issue (the key is
 * shown once), list, revoke. The console page and `zhizhi api-key` do the same.
 */
import { Type } from 'typebox';
import { type App, errorResponses } from '../../platform/http.ts';
import { definePermission } from '../../platform/permissions.ts';
import type { Open311Keys } from './keys.ts';

const Open311Key = Type.Object(
  {
    id: Type.String(),
    prefix: Type.String({ description: 'the first characters of the key, to tell keys apart' }),
    owner: Type.String(),
    accountId: Type.Union([Type.String(), Type.Null()], {
      description: 'the technical account reporting for the key, once it has been used',
    }),
    createdAt: Type.String(),
    revokedAt: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'Open311Key' },
);

const IssuedOpen311Key = Type.Object(
  {
    id: Type.String(),
    key: Type.String({ description: 'the API key; shown only now, store it safely' }),
    prefix: Type.String(),
    owner: Type.String(),
    accountId: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    revokedAt: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'IssuedOpen311Key' },
);

/** Only administrators issue and revoke Open311 API keys. */
const OPEN311_KEY_MANAGE = definePermission({
  name: 'open311.key.manage',
  holders: ['admin'],
  scope: 'every key',
  refusal: { key: 'forbidden.admin_only' },
});

/** Registers the key-administration routes. */
export function registerOpen311KeyRoutes(app: App, keys: Open311Keys): void {
  app.addSchema(Open311Key);
  app.addSchema(IssuedOpen311Key);

  app.get(
    '/api/v1/open311-keys',
    {
      config: { permission: OPEN311_KEY_MANAGE },
      schema: {
        tags: ['open311'],
        summary: 'List Open311 API keys (administrators)',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Open311Key')) }), ...errorResponses },
      },
    },
    async () => ({ items: await keys.list() }),
  );

  app.post(
    '/api/v1/open311-keys',
    {
      config: { permission: OPEN311_KEY_MANAGE },
      schema: {
        tags: ['open311'],
        summary: 'Issue an Open311 API key to an owner (administrators); the key is shown once',
        body: Type.Object(
          { owner: Type.String({ minLength: 1, maxLength: 80, description: 'who uses the key' }) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('IssuedOpen311Key'), ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await keys.issue(request.body.owner)),
  );

  app.delete(
    '/api/v1/open311-keys/:id',
    {
      config: { permission: OPEN311_KEY_MANAGE },
      schema: {
        tags: ['open311'],
        summary: 'Revoke an Open311 API key (administrators); it stays listed as revoked',
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        response: { 200: Type.Ref('Open311Key'), ...errorResponses },
      },
    },
    async (request) => keys.revoke(request.params.id),
  );
}
