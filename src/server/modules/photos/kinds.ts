/**
 * What a photo shows (issue 7 #11), as 数字城管 practice keeps them apart: the scene as reported
 * (现场), and the handler's photos before and after the work (处置前 / 处置后) attached to progress
 * and feedback. The reporter adds scene photos only; handling photos come from whoever may act on
 * the case or handles it (a handler's "after" photos follow their feedback, when they may no
 * longer act until the case is verified).
 */
import { forbidden } from '../../platform/errors.ts';

export const PHOTO_KINDS = ['report', 'before', 'after'] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];

/** Refuses a photo of `kind` from someone whose only link to the case is having reported it. */
export function checkMayAddKind(kind: PhotoKind, mayAct: boolean): void {
  if (kind !== 'report' && !mayAct) {
    throw forbidden('photo.kind_needs_handler');
  }
}

/** The Idempotency-Key scope of one person's photo uploads. */
export function photoUploadScope(userId: string): string {
  return `photo:${userId}`;
}
