/**
 * Photos are made smaller on the phone before they are sent: the longest side at most 1280 px,
 * JPEG at quality 0.8. Drawing through a canvas also drops every EXIF field, the location included.
 */

const LONGEST_SIDE = 1280;
const QUALITY = 0.8;

/** A JPEG of the photo, resized (never enlarged), without EXIF. */
export async function resizePhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, LONGEST_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no canvas');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('could not encode'))),
      'image/jpeg',
      QUALITY,
    ),
  );
}
