/**
 * Photo files on disk: `<dataDir>/photos/<caseId>/<photoId>.<jpg|png>`. Ids are UUIDs checked by the
 * caller, so a path can never leave the photo folder.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { isUuid } from '../../platform/ids.ts';
import { PHOTO_EXTENSION, type PhotoFormat } from './image.ts';

/** Where the photo files live, and how to write, read and remove one. */
export interface PhotoStore {
  write(caseId: string, photoId: string, format: PhotoFormat, bytes: Uint8Array): Promise<void>;
  read(caseId: string, photoId: string, format: PhotoFormat): Promise<Buffer>;
  remove(caseId: string, photoId: string, format: PhotoFormat): Promise<void>;
}

/** A store under `<dataDir>/photos`. */
export function createPhotoStore(dataDir: string): PhotoStore {
  const root = path.join(dataDir, 'photos');
  const fileOf = (caseId: string, photoId: string, format: PhotoFormat) => {
    if (!isUuid(caseId) || !isUuid(photoId)) throw new Error('photo ids must be UUIDs');
    return path.join(root, caseId, `${photoId}.${PHOTO_EXTENSION[format]}`);
  };
  return {
    async write(caseId, photoId, format, bytes) {
      const file = fileOf(caseId, photoId, format);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Written under a temporary name and renamed, so a reader never sees half a photo.
      const temporary = `${file}.part`;
      await fs.writeFile(temporary, bytes);
      await fs.rename(temporary, file);
    },
    read: (caseId, photoId, format) => fs.readFile(fileOf(caseId, photoId, format)),
    async remove(caseId, photoId, format) {
      await fs.rm(fileOf(caseId, photoId, format), { force: true });
    },
  };
}
