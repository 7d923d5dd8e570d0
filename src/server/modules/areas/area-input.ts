/** Checks of what an administrator types for an area: its kind, names, parent and polygon. */
import { AREA_KINDS, type AreaKind } from '../../../shared/domain.ts';
import { badRequest } from '../../platform/errors.ts';
import { validateGeometry } from './geometry.ts';
import type { AreaRow } from './repository.ts';
import { assertSimpleGeometry } from './simple-polygon.ts';

/** Which parent kinds each kind may sit under. */
const PARENT_KINDS: Record<AreaKind, readonly AreaKind[]> = {
  banner: [],
  town: ['banner'],
  village: ['town'],
  unit_grid: ['village'],
  community_grid: ['village'],
  enterprise_grid: ['village'],
  micro_grid: ['community_grid'],
};

const NAME_MAX = 100;

export function checkKind(kind: string): AreaKind {
  if (!(AREA_KINDS as readonly string[]).includes(kind)) {
    throw badRequest('kind', 'validation.enum', { allowed: AREA_KINDS });
  }
  return kind as AreaKind;
}

export function checkName(value: string, field: string): string {
  const name = value.trim();
  if (name.length === 0) throw badRequest(field, 'validation.not_empty');
  if (name.length > NAME_MAX) throw badRequest(field, 'validation.max_length', { limit: NAME_MAX });
  return name;
}

export function checkOptionalName(value: string | null | undefined, field: string): string | null {
  if (value === undefined || value === null || value.trim() === '') return null;
  return checkName(value, field);
}

export function checkParentKind(kind: AreaKind, parent: AreaRow | undefined): void {
  const allowed = PARENT_KINDS[kind];
  if (allowed.length === 0) {
    if (parent) throw badRequest('parentId', 'area.banner_has_no_parent');
    return;
  }
  if (!parent) throw badRequest('parentId', 'area.needs_parent', { kind, kinds: allowed });
  if (!allowed.includes(parent.kind as AreaKind)) {
    throw badRequest('parentId', 'area.wrong_parent', { kind, kinds: allowed, parentKind: parent.kind });
  }
}

export function geometryText(value: unknown): string | null {
  if (value === null) return null;
  const geometry = validateGeometry(value, 'polygon');
  assertSimpleGeometry(geometry, 'polygon');
  return JSON.stringify(geometry);
}
