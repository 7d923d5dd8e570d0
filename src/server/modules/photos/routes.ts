/**
 * Photo endpoints: `POST /cases/{id}/photos` (a raw `image/jpeg`/`image/png` body, or JSON with the
 * image in base64), `GET /cases/{id}/photos` and `GET /photos/{photoId}` (the image itself).
 * Only these routes take bodies above the app-wide limit.
 */
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { type App, errorResponses, idempotencyKeyOf, requireActor } from '../../platform/http.ts';
import { definePermission } from '../../platform/permissions.ts';
import { PHOTO_KINDS } from './kinds.ts';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_CASE, type PhotoService } from './service.ts';

/** Room for a 2 MB photo in base64 (4/3 of it) plus the JSON around it. */
const UPLOAD_BODY_LIMIT = Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 4096;

const Photo = Type.Object(
  {
    id: Type.String(),
    caseId: Type.String(),
    contentType: Type.String(),
    size: Type.Integer(),
    uploadedBy: Type.Union([Type.String(), Type.Null()], {
      description: 'who added the photo; null on an anonymous case for everyone but its reporter',
    }),
    createdAt: Type.String(),
    kind: Type.Union(
      PHOTO_KINDS.map((k) => Type.Literal(k)),
      { description: 'report: the scene as reported; before/after: the handler’s (处置前/处置后)' },
    ),
    url: Type.String({ description: 'where the image is served' }),
  },
  { $id: 'Photo' },
);

const Base64Body = Type.Object(
  { data: Type.String({ minLength: 4, description: 'the JPEG or PNG image, base64' }) },
  { additionalProperties: false },
);
/** No type: the body is a Buffer, which a JSON-schema string would refuse; the bytes are checked later. */
const RawImage = Type.Unsafe<Uint8Array>({ description: 'the JPEG or PNG image itself (binary)' });
const Params = Type.Object({ id: Type.String({ maxLength: 100 }) });
const UploadQuery = Type.Object({
  kind: Type.Optional(
    Type.Union(
      PHOTO_KINDS.map((k) => Type.Literal(k)),
      { description: 'what the photo shows (default report)' },
    ),
  ),
});
const IdempotencyHeader = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ maxLength: 200, description: 'stored once per key' })),
});

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The image bytes of an upload, whichever way it was sent. */
function bytesOf(body: unknown): Uint8Array {
  if (Buffer.isBuffer(body)) return body;
  const data = (body as { data?: unknown } | undefined)?.data;
  if (typeof data !== 'string' || !BASE64.test(data.replace(/\s/g, ''))) {
    throw new AppError('bad_request', 'validation.base64_image', { field: 'data' }, { field: 'data' });
  }
  return Buffer.from(data, 'base64');
}

/** Adding a photo: the reporter or anyone who may act on the case (decided by the photo service). */
const PHOTO_ADD = definePermission({
  name: 'photo.add',
  holders: 'signed_in',
  scope: 'the reporter, or anyone who may act on the case (cases/policy.ts, through the photo service)',
});
/** Seeing photos: anyone who may see the case. */
const PHOTO_READ = definePermission({
  name: 'photo.read',
  holders: 'signed_in',
  scope: 'cases the caller may view (cases/policy.ts, through the photo service)',
});

/** Registers the photo routes (in their own scope, so the image body parser stays here). */
export function registerPhotoRoutes(app: App, photos: PhotoService): void {
  app.addSchema(Photo);
  void app.register(async (scope: App) => {
    scope.addContentTypeParser(
      ['image/jpeg', 'image/png'],
      { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES },
      (_request, body, done) => done(null, body),
    );

    scope.post(
      '/api/v1/cases/:id/photos',
      {
        config: { permission: PHOTO_ADD },
        bodyLimit: UPLOAD_BODY_LIMIT,
        schema: {
          tags: ['photos'],
          summary: `Add a photo to a case (JPEG or PNG ≤ 2 MB, at most ${MAX_PHOTOS_PER_CASE}): the reporter or anyone who may act on it`,
          params: Params,
          querystring: UploadQuery,
          headers: IdempotencyHeader,
          body: {
            content: {
              'application/json': { schema: Base64Body },
              'image/jpeg': { schema: RawImage },
              'image/png': { schema: RawImage },
            },
          },
          response: { 201: Type.Ref('Photo'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const photo = await photos.upload(actor, request.params.id, bytesOf(request.body), {
          kind: request.query.kind ?? 'report',
          idempotencyKey: idempotencyKeyOf(request),
        });
        return reply.status(201).send(photo);
      },
    );

    scope.get(
      '/api/v1/cases/:id/photos',
      {
        config: { permission: PHOTO_READ },
        schema: {
          tags: ['photos'],
          summary: 'The photos of a case, oldest first (anyone who may see the case)',
          params: Params,
          response: { 200: Type.Array(Type.Ref('Photo')), ...errorResponses },
        },
      },
      async (request) => photos.list(requireActor(request), request.params.id),
    );

    scope.get(
      '/api/v1/photos/:id',
      {
        config: { permission: PHOTO_READ },
        schema: {
          tags: ['photos'],
          summary: 'The image of a photo (anyone who may see its case)',
          params: Params,
          response: {
            200: Type.String({ format: 'binary', description: 'image/jpeg or image/png' }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const { contentType, bytes } = await photos.image(requireActor(request), request.params.id);
        return reply
          .type(contentType)
          .header('cache-control', 'private, max-age=86400')
          .header('x-content-type-options', 'nosniff')
          .send(bytes);
      },
    );
  });
}
