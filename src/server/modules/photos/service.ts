/**
 * Case photos (现场照片, and the handler's 处置前/处置后 — see kinds.ts): at most six of each kind per case, uploaded by the reporter or anyone who may act on the
 * case, seen by anyone who may see the case. The rows say who uploaded what; the bytes are files.
 */

import { createHash } from 'node:crypto';
import type { DatabaseHandle } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { findIdempotent, rememberIdempotent, requestFingerprint } from '../../platform/idempotency.ts';
import { isUuid, uuidv7 } from '../../platform/ids.ts';
import { lockCase } from '../cases/reads.ts';
import type { Actor } from '../people/actor.ts';
import { detectPhotoFormat, PHOTO_MIME, type PhotoFormat } from './image.ts';
import { checkMayAddKind, type PhotoKind, photoUploadScope } from './kinds.ts';
import type { CasePhotoTable } from './schema.ts';
import type { PhotoStore } from './store.ts';

/** Photos of one kind one case may carry. */
export const MAX_PHOTOS_PER_CASE = 6;
/** Largest photo accepted, in bytes (the phone resizes to ~1280 px first, far below this). */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/** What the case module tells about a case as the actor sees it (403/404 when they may not see it). */
export interface CaseAccessPort {
  get(
    actor: Actor,
    caseId: string,
  ): Promise<{ id: string; viewerRole: string; allowedActions: string[]; anonymous: boolean }>;
}

export interface PhotoView {
  id: string;
  caseId: string;
  contentType: string;
  size: number;
  /** Null on an anonymous case for everyone but its reporter (匿名: photo metadata names no one). */
  uploadedBy: string | null;
  createdAt: string;
  /** What it shows: the scene as reported, or before/after the handling. */
  kind: PhotoKind;
  /** Where the image itself is served. */
  url: string;
}

/** How a photo is added: its kind (default `report`) and the client's Idempotency-Key, if any. */
export interface UploadOptions {
  kind?: PhotoKind;
  idempotencyKey?: string | undefined;
}

export interface PhotoService {
  /** Adds a photo; a replay with the same Idempotency-Key answers with the photo first stored. */
  upload(actor: Actor, caseId: string, bytes: Uint8Array, options?: UploadOptions): Promise<PhotoView>;
  list(actor: Actor, caseId: string): Promise<PhotoView[]>;
  /** The image bytes and type, for anyone who may see its case. */
  image(actor: Actor, photoId: string): Promise<{ contentType: string; bytes: Buffer }>;
}

/** The photo as a viewer sees it; `hideUploader` on an anonymous case seen by anyone but its reporter. */
function present(row: CasePhotoTable, hideUploader: boolean): PhotoView {
  return {
    id: row.id,
    caseId: row.case_id,
    contentType: PHOTO_MIME[row.format as PhotoFormat],
    size: row.size,
    uploadedBy: hideUploader ? null : row.uploaded_by,
    createdAt: row.created_at,
    kind: row.kind as PhotoKind,
    url: `/api/v1/photos/${row.id}`,
  };
}

export function createPhotoService(deps: {
  database: DatabaseHandle;
  clock: Clock;
  cases: CaseAccessPort;
  store: PhotoStore;
}): PhotoService {
  const { db, dialect } = deps.database;

  /** The photo an earlier upload with this Idempotency-Key stored, if any. */
  async function replayedPhoto(
    scope: string,
    key: string | undefined,
    fingerprint: string,
  ): Promise<PhotoView | undefined> {
    if (!key) return undefined;
    const seen = await findIdempotent(db, scope, key, fingerprint);
    if (!seen) return undefined;
    const { photoId } = seen.body as { photoId: string };
    const row = await db.selectFrom('case_photo').selectAll().where('id', '=', photoId).executeTakeFirst();
    // The uploader asking again: their own photo, so nothing to hide from them.
    return row ? present(row, false) : undefined;
  }

  return {
    async upload(actor, caseId, bytes, options = {}) {
      const kind = options.kind ?? 'report';
      const scope = photoUploadScope(actor.userId);
      // The same key with other bytes, another kind or another case is refused (422), not answered.
      const fingerprint = requestFingerprint('POST', '/api/v1/cases/{id}/photos', {
        caseId,
        kind,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
      const earlier = await replayedPhoto(scope, options.idempotencyKey, fingerprint);
      if (earlier) return earlier;
      const c = await deps.cases.get(actor, caseId);
      const mayAct = c.allowedActions.length > 0 || c.viewerRole === 'handler';
      if (c.viewerRole !== 'reporter' && !mayAct) throw forbidden('forbidden.photo_uploaders');
      checkMayAddKind(kind, mayAct);
      if (bytes.length === 0)
        throw new AppError('bad_request', 'photo.empty', { field: 'body' }, { field: 'body' });
      if (bytes.length > MAX_PHOTO_BYTES) {
        throw new AppError('payload_too_large', 'photo.too_large', { limit: MAX_PHOTO_BYTES });
      }
      const format = detectPhotoFormat(bytes);
      if (!format) throw new AppError('unsupported_media_type', 'photo.not_image');
      const row: CasePhotoTable = {
        id: uuidv7(deps.clock.now().getTime()),
        case_id: c.id,
        format,
        size: bytes.length,
        uploaded_by: actor.userId,
        created_at: deps.clock.now().toISOString(),
        kind,
      };
      let written = false;
      try {
        await db.transaction().execute(async (tx) => {
          // The case row is the lock that keeps two uploads from both being the sixth.
          await lockCase(tx, dialect, c.id);
          const count = await tx
            .selectFrom('case_photo')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('case_id', '=', c.id)
            .where('kind', '=', kind)
            .executeTakeFirst();
          if (Number(count?.n ?? 0) >= MAX_PHOTOS_PER_CASE) {
            throw conflict('photo.limit', { limit: MAX_PHOTOS_PER_CASE });
          }
          await tx.insertInto('case_photo').values(row).execute();
          await rememberIdempotent(tx, {
            scope,
            key: options.idempotencyKey,
            fingerprint,
            status: 201,
            body: { photoId: row.id },
            at: row.created_at,
          });
          await deps.store.write(c.id, row.id, format, bytes);
          written = true;
        });
      } catch (error) {
        if (written) await deps.store.remove(c.id, row.id, format);
        // Two attempts with one key raced: the other one committed; answer with its photo.
        const winner = await replayedPhoto(scope, options.idempotencyKey, fingerprint);
        if (winner) return winner;
        throw error;
      }
      return present(row, c.anonymous && c.viewerRole !== 'reporter');
    },

    async list(actor, caseId) {
      const c = await deps.cases.get(actor, caseId);
      const rows = await db
        .selectFrom('case_photo')
        .selectAll()
        .where('case_id', '=', c.id)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const hide = c.anonymous && c.viewerRole !== 'reporter';
      return rows.map((r) => present(r, hide));
    },

    async image(actor, photoId) {
      if (!isUuid(photoId)) throw notFound('not_found.photo');
      const row = await db.selectFrom('case_photo').selectAll().where('id', '=', photoId).executeTakeFirst();
      if (!row) throw notFound('not_found.photo');
      await deps.cases.get(actor, row.case_id);
      const format = row.format as PhotoFormat;
      return { contentType: PHOTO_MIME[format], bytes: await deps.store.read(row.case_id, row.id, format) };
    },
  };
}
