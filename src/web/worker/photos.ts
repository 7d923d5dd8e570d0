/**
 * Case photos in the worker app, offline too (issue 7 #11): a case's photo list and the images
 * themselves are kept in the offline cache (the images as blobs), and photos taken on the phone go
 * through the outbox right behind the action or report they belong to — base64 in JSON with their
 * own Idempotency-Key, so each is stored exactly once however often the signal drops.
 */
import { useEffect, useState } from 'react';
import { api, apiErrorOf, call } from '../shared/api.ts';
import type { GalleryPhoto } from '../shared/PhotoGallery.tsx';
import { cacheKey, readCache, writeCache } from './cache.ts';
import { outbox } from './sync.ts';
import type { CasePhoto } from './types.ts';

/** What a photo taken on the phone shows: the scene (with a report) or the work before/after. */
export type PhotoKind = 'report' | 'before' | 'after';

/** A photo taken on the phone, resized, not yet queued. */
export interface TakenPhoto {
  key: string;
  kind: PhotoKind;
  blob: Blob;
  preview: string;
}

export { NEW_CASE } from '../shared/outbox.ts';

function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/**
 * Queues `photos` behind the outbox item `afterItemId` (an action on `caseId`, or a report whose
 * case is not known yet: pass `NEW_CASE`): they are sent only once it went through.
 */
export async function queuePhotos(
  photos: readonly TakenPhoto[],
  target: { caseId: string; afterItemId: string; label: string },
): Promise<void> {
  for (const photo of photos) {
    await outbox.add({
      label: target.label,
      path: '/api/v1/cases/{id}/photos',
      params: { path: { id: target.caseId }, query: { kind: photo.kind } },
      body: { data: await base64Of(photo.blob) },
      after: target.afterItemId,
    });
  }
}

/** A photo's image bytes, through the typed client (signed in by the session cookie). */
async function fetchImage(id: string): Promise<Blob> {
  const { data, error, response } = await api.GET('/api/v1/photos/{id}', {
    params: { path: { id } },
    parseAs: 'blob',
  });
  if (!response.ok || !data) throw apiErrorOf(response, error);
  return data;
}

/** Fetches and caches a case's photo list and every image not cached yet. */
export async function fetchPhotos(caseId: string): Promise<CasePhoto[]> {
  const photos = (await call(
    api.GET('/api/v1/cases/{id}/photos', { params: { path: { id: caseId } } }),
  )) as CasePhoto[];
  await writeCache(cacheKey.photos(caseId), photos);
  for (const photo of photos) {
    if (await readCache(cacheKey.photo(photo.id))) continue;
    await writeCache(cacheKey.photo(photo.id), await fetchImage(photo.id));
  }
  return photos;
}

/** The photos for the gallery, each shown from its cached image (an object URL, freed on change). */
export function useGalleryPhotos(photos: readonly CasePhoto[] | undefined): GalleryPhoto[] {
  const [shown, setShown] = useState<GalleryPhoto[]>([]);
  useEffect(() => {
    let cancelled = false;
    const urls: string[] = [];
    (async () => {
      const out: GalleryPhoto[] = [];
      for (const p of photos ?? []) {
        const cached = await readCache<Blob>(cacheKey.photo(p.id));
        let src: string | undefined;
        if (cached?.value instanceof Blob) {
          src = URL.createObjectURL(cached.value);
          urls.push(src);
        } else if (navigator.onLine) src = p.url;
        out.push({ id: p.id, kind: p.kind, src });
      }
      if (!cancelled) setShown(out);
    })();
    return () => {
      cancelled = true;
      for (const u of urls) URL.revokeObjectURL(u);
    };
  }, [photos]);
  return shown;
}
