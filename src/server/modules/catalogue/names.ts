/**
 * Checks of the names catalogue entries carry in the apps' three languages (zh 中文, en English,
 * mn traditional Mongolian ᠮᠣᠩᠭᠣᠯ): Chinese and English required, Mongolian optional (the apps fall
 * back to Chinese where it is missing).
 */
import { badRequest } from '../../platform/errors.ts';

/** A required name: trimmed, 1–100 characters. */
export function checkName(field: string, value: string): string {
  const name = value.trim();
  if (name.length < 1 || name.length > 100)
    throw badRequest(field, 'validation.length_range', { min: 1, max: 100 });
  return name;
}

/** An optional name: trimmed, at most 100 characters, null when empty. */
export function checkOptionalName(field: string, value: string | null | undefined): string | null {
  const name = value?.trim() ?? '';
  if (name.length > 100) throw badRequest(field, 'validation.max_length', { limit: 100 });
  return name.length > 0 ? name : null;
}
