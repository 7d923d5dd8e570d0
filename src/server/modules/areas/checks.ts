/**
 * The area rules of SPEC §1, checked over the whole tree at once: household caps, children inside
 * their parent, siblings not overlapping, children covering their parent, households inside their
 * grid, and codes that follow the national structure. Pure: data in, violations out.
 */
import { type AreaKind, GRID_KINDS } from '../../../shared/domain.ts';
import { englishOf, type Message, type MessageKey, type MessageParams } from '../../platform/errors.ts';
import { type AreaGeometry, bboxOf } from './geometry.ts';
import {
  boxesMeet,
  geometriesOverlapSteps,
  geometryAreaKm2,
  geometryWithinSteps,
  locate,
} from './polygon-math.ts';
import { drain, runInSlices, type Steps } from './steps.ts';

export type AreaViolationKind =
  | 'cap_exceeded'
  | 'outside_parent'
  | 'sibling_overlap'
  | 'coverage_gap'
  | 'household_outside_grid'
  | 'household_not_in_lowest_grid'
  | 'bad_code';

export interface AreaViolation {
  kind: AreaViolationKind;
  /** The area the violation is about (for household violations: the household's grid). */
  areaId: string;
  code: string;
  /** In English; `key` + `params` are the message for the apps to show in their language. */
  message: string;
  key: MessageKey;
  params: MessageParams;
  details: Record<string, unknown>;
}

export interface CheckedArea {
  id: string;
  parentId: string | null;
  kind: AreaKind;
  code: string;
  depth: number;
  geometry: AreaGeometry | null;
}

export interface CheckedHousehold {
  id: string;
  gridId: string;
  lng: number;
  lat: number;
}

/** Household caps per grid kind (SPEC §1; `Config.caps`). */
export interface AreaCaps {
  /** 单元网格 unit grid: at most 50 households. */
  unitGrid: number;
  /** 微网格 micro-grid: at most 15 households. */
  microGrid: number;
}

export const DEFAULT_CAPS: AreaCaps = { unitGrid: 50, microGrid: 15 };

export interface CheckInput {
  areas: readonly CheckedArea[];
  households: readonly CheckedHousehold[];
  caps?: AreaCaps;
  /** Share of a parent its children may leave uncovered before it counts as a gap (default 1 %). */
  coverageTolerance?: number;
}

/** Digits in the code of each kind: 6 (GB/T 2260 county) + 3 town + 3 village + 3 grid + 3 micro-grid. */
export const CODE_LENGTH: Record<AreaKind, number> = {
  banner: 6,
  town: 9,
  village: 12,
  unit_grid: 15,
  community_grid: 15,
  enterprise_grid: 15,
  micro_grid: 18,
};

/** Kinds whose children are meant to cover them completely (多网合一: no gaps). */
const COVERED_KINDS: readonly AreaKind[] = ['banner', 'town', 'village', 'community_grid'];

/** Why a code is wrong for its kind and parent, or undefined when it is right. */
export function codeProblem(
  kind: AreaKind,
  code: string,
  parentCode: string | undefined,
): Message | undefined {
  const length = CODE_LENGTH[kind];
  if (!new RegExp(`^\\d{${length}}$`).test(code))
    return { key: 'area.code_digits', params: { kind, length } };
  if (parentCode !== undefined && !code.startsWith(parentCode)) {
    return { key: 'area.code_extend_parent', params: { parentCode } };
  }
  if (parentCode !== undefined && code.length !== parentCode.length + 3) {
    return { key: 'area.code_add_three', params: { parentCode } };
  }
  return undefined;
}

function violation(
  kind: AreaViolationKind,
  area: CheckedArea,
  message: Message,
  details: Record<string, unknown> = {},
): AreaViolation {
  const params = message.params ?? {};
  return {
    kind,
    areaId: area.id,
    code: area.code,
    message: englishOf(message.key, params),
    key: message.key,
    params,
    details,
  };
}

function checkCodes(areas: readonly CheckedArea[], byId: Map<string, CheckedArea>): AreaViolation[] {
  const out: AreaViolation[] = [];
  for (const area of areas) {
    const parent = area.parentId ? byId.get(area.parentId) : undefined;
    const problem = codeProblem(area.kind, area.code, parent?.code);
    if (problem) {
      out.push(
        violation('bad_code', area, problem, {
          expectedLength: CODE_LENGTH[area.kind],
          parentCode: parent?.code ?? null,
        }),
      );
    }
  }
  return out;
}

function checkCaps(
  areas: readonly CheckedArea[],
  counts: Map<string, number>,
  caps: AreaCaps,
): AreaViolation[] {
  const out: AreaViolation[] = [];
  for (const area of areas) {
    const cap =
      area.kind === 'unit_grid' ? caps.unitGrid : area.kind === 'micro_grid' ? caps.microGrid : undefined;
    const households = counts.get(area.id) ?? 0;
    if (cap !== undefined && households > cap) {
      out.push(
        violation(
          'cap_exceeded',
          area,
          { key: 'check.cap_exceeded', params: { households, kind: area.kind, cap } },
          {
            households,
            cap,
          },
        ),
      );
    }
  }
  return out;
}

function* checkContainment(
  areas: readonly CheckedArea[],
  byId: Map<string, CheckedArea>,
): Steps<AreaViolation[]> {
  const out: AreaViolation[] = [];
  for (const area of areas) {
    const parent = area.parentId ? byId.get(area.parentId) : undefined;
    if (!area.geometry || !parent?.geometry) continue;
    yield;
    if (!(yield* geometryWithinSteps(area.geometry, parent.geometry))) {
      out.push(
        violation(
          'outside_parent',
          area,
          { key: 'check.outside_parent', params: { code: area.code, parentCode: parent.code } },
          {
            parentId: parent.id,
            parentCode: parent.code,
          },
        ),
      );
    }
  }
  return out;
}

interface Shaped {
  area: CheckedArea;
  geometry: AreaGeometry;
  box: [number, number, number, number];
}

/** Sibling pairs compared by a sweep over their bounding boxes, so only near neighbours are tested. */
function* checkSiblings(children: Map<string, CheckedArea[]>): Steps<AreaViolation[]> {
  const out: AreaViolation[] = [];
  for (const siblings of children.values()) {
    const shaped: Shaped[] = siblings
      .filter((a): a is CheckedArea & { geometry: AreaGeometry } => a.geometry !== null)
      .map((area) => ({ area, geometry: area.geometry, box: bboxOf(area.geometry) }))
      .sort((a, b) => a.box[0] - b.box[0]);
    for (let i = 0; i < shaped.length; i++) {
      const a = shaped[i] as Shaped;
      for (let j = i + 1; j < shaped.length; j++) {
        const b = shaped[j] as Shaped;
        if (b.box[0] > a.box[2]) break;
        if (!boxesMeet(a.box, b.box)) continue;
        yield;
        if (!(yield* geometriesOverlapSteps(a.geometry, b.geometry))) continue;
        const [first, second] = a.area.code <= b.area.code ? [a.area, b.area] : [b.area, a.area];
        out.push(
          violation(
            'sibling_overlap',
            first,
            { key: 'check.sibling_overlap', params: { code: first.code, otherCode: second.code } },
            {
              otherId: second.id,
              otherCode: second.code,
            },
          ),
        );
      }
    }
  }
  return out;
}

function checkCoverage(
  areas: readonly CheckedArea[],
  children: Map<string, CheckedArea[]>,
  tolerance: number,
): AreaViolation[] {
  const out: AreaViolation[] = [];
  for (const area of areas) {
    const kids = children.get(area.id);
    if (!area.geometry || !kids?.length || !COVERED_KINDS.includes(area.kind)) continue;
    const parentKm2 = geometryAreaKm2(area.geometry);
    const childrenKm2 = kids.reduce((sum, k) => sum + (k.geometry ? geometryAreaKm2(k.geometry) : 0), 0);
    if (parentKm2 > 0 && childrenKm2 < parentKm2 * (1 - tolerance)) {
      const covered = childrenKm2 / parentKm2;
      out.push(
        violation(
          'coverage_gap',
          area,
          {
            key: 'check.coverage_gap',
            params: {
              code: area.code,
              percent: (covered * 100).toFixed(1),
              km2: (parentKm2 - childrenKm2).toFixed(3),
            },
          },
          {
            parentKm2: round(parentKm2),
            childrenKm2: round(childrenKm2),
            coveredShare: round(covered),
          },
        ),
      );
    }
  }
  return out;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function* checkHouseholds(
  households: readonly CheckedHousehold[],
  byId: Map<string, CheckedArea>,
  children: Map<string, CheckedArea[]>,
): Steps<AreaViolation[]> {
  const out: AreaViolation[] = [];
  let n = 0;
  for (const h of households) {
    if ((++n & 255) === 0) yield;
    const grid = byId.get(h.gridId);
    if (!grid) continue;
    if (!GRID_KINDS.includes(grid.kind) || children.has(grid.id)) {
      out.push(
        violation(
          'household_not_in_lowest_grid',
          grid,
          { key: 'check.household_not_lowest', params: { household: h.id, code: grid.code } },
          { householdId: h.id },
        ),
      );
    }
    if (grid.geometry && locate([h.lng, h.lat], grid.geometry) === 'outside') {
      out.push(
        violation(
          'household_outside_grid',
          grid,
          {
            key: 'check.household_outside',
            params: { household: h.id, lng: h.lng, lat: h.lat, code: grid.code },
          },
          { householdId: h.id, lng: h.lng, lat: h.lat },
        ),
      );
    }
  }
  return out;
}

/** The checks as steps that pause now and then, so a server can run them in slices (steps.ts). */
export function* checkAreasSteps(input: CheckInput): Steps<AreaViolation[]> {
  const caps = input.caps ?? DEFAULT_CAPS;
  const tolerance = input.coverageTolerance ?? 0.01;
  const areas = [...input.areas].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const byId = new Map(areas.map((a) => [a.id, a]));
  const children = new Map<string, CheckedArea[]>();
  for (const area of areas) {
    if (!area.parentId) continue;
    const list = children.get(area.parentId);
    if (list) list.push(area);
    else children.set(area.parentId, [area]);
  }
  const counts = new Map<string, number>();
  for (const h of input.households) counts.set(h.gridId, (counts.get(h.gridId) ?? 0) + 1);

  const all = [
    ...checkCodes(areas, byId),
    ...checkCaps(areas, counts, caps),
    ...(yield* checkContainment(areas, byId)),
    ...(yield* checkSiblings(children)),
    ...checkCoverage(areas, children, tolerance),
    ...(yield* checkHouseholds(input.households, byId, children)),
  ];
  return all.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * Every violation of the area rules in the tree, sorted by area code. An empty list means the tree,
 * its polygons and its households are consistent.
 */
export function checkAreas(input: CheckInput): AreaViolation[] {
  return drain(checkAreasSteps(input));
}

/**
 * `checkAreas` run in slices of a few milliseconds, giving the event loop back between them: the
 * server keeps answering other requests while a large tree is checked.
 */
export function checkAreasInSlices(input: CheckInput): Promise<AreaViolation[]> {
  return runInSlices(checkAreasSteps(input));
}
