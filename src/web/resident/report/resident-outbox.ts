/**
 * The resident app's outbox: a report is stored on the phone first and sent when the network allows
 * (exactly once, through the Idempotency-Key); its photos wait beside it in IndexedDB and are
 * uploaded to the case once the report has gone through.
 */
import Dexie, { type EntityTable } from 'dexie';
import { api } from '../../shared/api.ts';
import { createOutbox, type OutboxItem, outcomeOf, retryWhileOnline } from '../../shared/outbox.ts';

/** A report body as `POST /api/v1/cases` takes it. */
export interface ReportBody {
  description: string;
  caseType: string;
  lng: number;
  lat: number;
  crs: 'wgs84';
  anonymous: boolean;
  contactPhone?: string;
}

interface PendingPhoto {
  id?: number;
  /** The outbox item (report) the photo belongs to. */
  itemId: string;
  blob: Blob;
}

class PhotoDb extends Dexie {
  photos!: EntityTable<PendingPhoto, 'id'>;
  constructor() {
    super('zhizhi-resident-photos');
    this.version(1).stores({ photos: '++id, itemId' });
  }
}

export const outbox = createOutbox('resident');
const photoDb = new PhotoDb();
let syncing: Promise<void> | undefined;

/** The case a sent outbox item created, from the server's answer. */
export function caseOf(item: OutboxItem): { id: string; caseNo: string } | undefined {
  const body = item.response as { id?: unknown; caseNo?: unknown } | undefined;
  return typeof body?.id === 'string' && typeof body.caseNo === 'string'
    ? { id: body.id, caseNo: body.caseNo }
    : undefined;
}

async function uploadPhoto(caseId: string, blob: Blob): Promise<'done' | 'later'> {
  try {
    // The image goes as it is (a raw image/jpeg or image/png body), not base64 in JSON.
    const { response } = await api.POST('/api/v1/cases/{id}/photos', {
      params: { path: { id: caseId } },
      headers: { 'content-type': blob.type || 'image/jpeg' },
      body: blob,
      bodySerializer: () => blob,
    });
    return outcomeOf(response) === 'later' ? 'later' : 'done';
  } catch {
    return 'later';
  }
}

async function syncNow(): Promise<void> {
  const pending = await photoDb.photos.toArray();
  if (pending.length === 0) return;
  const items = new Map((await outbox.list()).map((i) => [i.id, i]));
  for (const photo of pending) {
    const item = items.get(photo.itemId);
    if (!item || item.status === 'refused') {
      await photoDb.photos.delete(photo.id);
      continue;
    }
    const created = item.status === 'sent' ? caseOf(item) : undefined;
    if (!created) continue;
    if ((await uploadPhoto(created.id, photo.blob)) === 'later') return;
    await photoDb.photos.delete(photo.id);
  }
}

/** Uploads the photos of reports that have been sent. */
export function syncPhotos(): Promise<void> {
  syncing ??= syncNow().finally(() => {
    syncing = undefined;
  });
  return syncing;
}

/** Photos still waiting on the phone for this outbox item. */
export function pendingPhotoCount(itemId: string): Promise<number> {
  return photoDb.photos.where('itemId').equals(itemId).count();
}

/** Stores a report and its photos; sends them at once when online. */
export async function queueReport(label: string, body: ReportBody, photos: Blob[]): Promise<OutboxItem> {
  const item = await outbox.add({ label, path: '/api/v1/cases', body });
  await photoDb.photos.bulkAdd(photos.map((blob) => ({ itemId: item.id, blob })));
  if (navigator.onLine) await outbox.flush();
  await syncPhotos();
  return (await outbox.list()).find((i) => i.id === item.id) ?? item;
}

outbox.subscribe(() => void syncPhotos());
// The outbox retries its own requests; photos waiting for their sent report follow the same policy.
retryWhileOnline(syncPhotos);
