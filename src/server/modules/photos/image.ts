/** Recognises an uploaded image by its first bytes (magic numbers), not by what the client claims. */

/** The image formats a case photo may be. */
export type PhotoFormat = 'jpeg' | 'png';

export const PHOTO_MIME: Record<PhotoFormat, string> = { jpeg: 'image/jpeg', png: 'image/png' };
export const PHOTO_EXTENSION: Record<PhotoFormat, string> = { jpeg: 'jpg', png: 'png' };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The format of `bytes` (JPEG: FF D8 FF; PNG: its 8-byte signature), or undefined for anything else. */
export function detectPhotoFormat(bytes: Uint8Array): PhotoFormat | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png';
  return undefined;
}
