/** Photos of a report: at most six, resized on the phone (src/web/shared/resize-photo.ts). */
export { resizePhoto } from '../../shared/resize-photo.ts';

export const MAX_PHOTOS = 6;
