/**
 * Case photos (现场照片): at most six per case, uploaded by the reporter or anyone who may act on the
 * case, seen by anyone who may see the case. The rows say who uploaded what; the bytes are files.
 */
import type { Clock } from '../../platform/clock.ts';
import { type DatabaseHandle, forUpdate } from '../../platform/db/database.ts';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { isUuid, uuidv7 } from '../../platform/ids.ts';
import type { Actor } from '../people/actor.ts';
import { detectPhotoFormat, PHOTO_MIME, type PhotoFormat } from './image.ts';
import type { PhotoStore } from './store.ts';

/** Photos one case may carry. */
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
  /** Where the image itself is served. */
  url: string;
}

export interface PhotoService {
  upload(actor: Actor, caseId: string, bytes: Uint8Array): Promise<PhotoView>;
  list(actor: Actor, caseId: string): Promise<PhotoView[]>;
  /** The image bytes and type, for anyone who may see its case. */
  image(actor: Actor, photoId: string): Promise<{ contentType: string; bytes: Buffer }>;
}

interface PhotoRow {
  id: string;
  case_id: string;
  format: string;
  size: number;
  uploaded_by: string;
  created_at: string;
}

/** The photo as a viewer sees it; `hideUploader` on an anonymous case seen by anyone but its reporter. */
function present(row: PhotoRow, hideUploader: boolean): PhotoView {
  return {
    id: row.id,
    caseId: row.case_id,
    contentType: PHOTO_MIME[row.format as PhotoFormat],
    size: row.size,
    uploadedBy: hideUploader ? null : row.uploaded_by,
    createdAt: row.created_at,
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

  return {
    async upload(actor, caseId, bytes) {
      const c = await deps.cases.get(actor, caseId);
      if (c.viewerRole !== 'reporter' && c.allowedActions.length === 0) {
        throw forbidden('forbidden.photo_uploaders');
      }
      if (bytes.length === 0)
        throw new AppError('bad_request', 'photo.empty', { field: 'body' }, { field: 'body' });
      if (bytes.length > MAX_PHOTO_BYTES) {
        throw new AppError('payload_too_large', 'photo.too_large', { limit: MAX_PHOTO_BYTES });
      }
      const format = detectPhotoFormat(bytes);
      if (!format) throw new AppError('unsupported_media_type', 'photo.not_image');
      const row: PhotoRow = {
        id: uuidv7(deps.clock.now().getTime()),
        case_id: c.id,
        format,
        size: bytes.length,
        uploaded_by: actor.userId,
        created_at: deps.clock.now().toISOString(),
      };
      let written = false;
      try {
        await db.transaction().execute(async (tx) => {
          // The case row is the lock that keeps two uploads from both being the sixth.
          await forUpdate(dialect, tx.selectFrom('case_file').select('id').where('id', '=', c.id)).execute();
          const count = await tx
            .selectFrom('case_photo')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('case_id', '=', c.id)
            .executeTakeFirst();
          if (Number(count?.n ?? 0) >= MAX_PHOTOS_PER_CASE) {
            throw conflict('photo.limit', { limit: MAX_PHOTOS_PER_CASE });
          }
          await tx.insertInto('case_photo').values(row).execute();
          await deps.store.write(c.id, row.id, format, bytes);
          written = true;
        });
      } catch (error) {
        if (written) await deps.store.remove(c.id, row.id, format);
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
