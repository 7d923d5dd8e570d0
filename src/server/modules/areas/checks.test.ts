import { describe, expect, it } from 'vitest';
import type { AreaKind } from '../../../shared/domain.ts';
import { type CheckedArea, type CheckedHousehold, checkAreas, codeProblem } from './checks.ts';
import type { AreaGeometry, Position } from './geometry.ts';

// Hand-made polygons in degrees near Wushen Banner: x = 108 + …, y = 38 + ….
const ring = (points: [number, number][]): Position[] => {
  const shifted = points.map(([x, y]) => [108 + x, 38 + y]);
  return [...shifted, shifted[0] as Position];
};
const box = (w: number, s: number, e: number, n: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [
    ring([
      [w, s],
      [e, s],
      [e, n],
      [w, n],
    ]),
  ],
});
const area = (
  id: string,
  parentId: string | null,
  kind: AreaKind,
  code: string,
  geometry: AreaGeometry | null,
): CheckedArea => ({ id, parentId, kind, code, depth: 0, geometry });

/**
 * A clean tree: banner [0,8]×[0,4] = town A (pastoral, one gacha with two unit grids)
 * + town B (one community, one community grid, two micro-grids).
 */
function cleanTree(): CheckedArea[] {
  return [
    area('banner', null, 'banner', '150626', box(0, 0, 8, 4)),
    area('townA', 'banner', 'town', '150626101', box(0, 0, 4, 4)),
    area('gacha', 'townA', 'village', '150626101201', box(0, 0, 4, 4)),
    area('grid1', 'gacha', 'unit_grid', '150626101201001', box(0, 0, 2, 4)),
    area('grid2', 'gacha', 'unit_grid', '150626101201002', box(2, 0, 4, 4)),
    area('townB', 'banner', 'town', '150626100', box(4, 0, 8, 4)),
    area('community', 'townB', 'village', '150626100001', box(4, 0, 8, 4)),
    area('cgrid', 'community', 'community_grid', '150626100001001', box(4, 0, 8, 4)),
    area('micro1', 'cgrid', 'micro_grid', '150626100001001001', box(4, 0, 6, 4)),
    area('micro2', 'cgrid', 'micro_grid', '150626100001001002', box(6, 0, 8, 4)),
  ];
}

const households = (gridId: string, n: number, x = 1, y = 1): CheckedHousehold[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${gridId}-h${i}`, gridId, lng: 108 + x, lat: 38 + y }));

function replace(areas: CheckedArea[], id: string, change: Partial<CheckedArea>): CheckedArea[] {
  return areas.map((a) => (a.id === id ? { ...a, ...change } : a));
}

const kinds = (violations: { kind: string }[]) => violations.map((v) => v.kind);

describe('checkAreas', () => {
  it('finds nothing wrong in a consistent tree', () => {
    const result = checkAreas({
      areas: cleanTree(),
      households: [...households('grid1', 50, 1, 1), ...households('micro2', 15, 7, 3)],
    });
    expect(result).toEqual([]);
  });

  it('reports grids over their household cap', () => {
    const result = checkAreas({
      areas: cleanTree(),
      households: [...households('grid1', 51), ...households('micro1', 16, 5, 1), ...households('cgrid', 0)],
    });
    expect(kinds(result)).toEqual(['cap_exceeded', 'cap_exceeded']);
    expect(result[0]).toMatchObject({ areaId: 'micro1', details: { households: 16, cap: 15 } });
    expect(result[1]).toMatchObject({
      areaId: 'grid1',
      code: '150626101201001',
      details: { households: 51, cap: 50 },
    });
  });

  it('takes the caps from the configuration', () => {
    const result = checkAreas({
      areas: cleanTree(),
      households: households('grid1', 3),
      caps: { unitGrid: 2, microGrid: 15 },
    });
    expect(kinds(result)).toEqual(['cap_exceeded']);
  });

  it('reports a child reaching outside its parent', () => {
    const areas = replace(cleanTree(), 'grid2', { geometry: box(2, 0, 4.5, 4) });
    const result = checkAreas({ areas, households: [] });
    expect(result.filter((v) => v.kind === 'outside_parent')).toEqual([
      expect.objectContaining({
        areaId: 'grid2',
        details: { parentId: 'gacha', parentCode: '150626101201' },
      }),
    ]);
  });

  it('reports a child inside its parent’s hole', () => {
    const withHole: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        ...(box(0, 0, 4, 4) as { coordinates: Position[][] }).coordinates,
        ring([
          [1, 1],
          [1, 2],
          [2, 2],
          [2, 1],
        ]),
      ],
    };
    const areas = [
      area('gacha', null, 'village', '150626101201', withHole),
      area('grid', 'gacha', 'unit_grid', '150626101201001', box(0.5, 0.5, 2.5, 2.5)),
    ];
    expect(kinds(checkAreas({ areas, households: [] }))).toContain('outside_parent');
  });

  it('reports overlapping siblings once, but not siblings that only touch', () => {
    const areas = replace(cleanTree(), 'grid1', { geometry: box(0, 0, 2.5, 4) });
    const result = checkAreas({ areas, households: [] }).filter((v) => v.kind === 'sibling_overlap');
    expect(result).toEqual([
      expect.objectContaining({
        areaId: 'grid1',
        details: { otherId: 'grid2', otherCode: '150626101201002' },
      }),
    ]);
    const twins = replace(cleanTree(), 'grid1', { geometry: box(2, 0, 4, 4) });
    expect(kinds(checkAreas({ areas: twins, households: [] }))).toContain('sibling_overlap');
  });

  it('reports a parent its children leave clearly uncovered', () => {
    const areas = replace(cleanTree(), 'grid2', { geometry: box(2, 0, 3, 4) });
    const result = checkAreas({ areas, households: [] });
    expect(kinds(result)).toEqual(['coverage_gap']);
    expect(result[0]).toMatchObject({ areaId: 'gacha', details: { coveredShare: 0.75 } });
    // A sliver within the tolerance is not a gap.
    const sliver = replace(cleanTree(), 'grid2', { geometry: box(2, 0, 3.99, 4) });
    expect(checkAreas({ areas: sliver, households: [] })).toEqual([]);
  });

  it('accepts an L-shaped parent tiled by rectangles meeting in T-junctions', () => {
    const L: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        ring([
          [0, 0],
          [4, 0],
          [4, 2],
          [2, 2],
          [2, 1],
          [0, 1],
        ]),
      ],
    };
    const areas = [
      area('gacha', null, 'village', '150626101201', L),
      area('g1', 'gacha', 'unit_grid', '150626101201001', box(0, 0, 1.5, 1)),
      area('g2', 'gacha', 'unit_grid', '150626101201002', box(1.5, 0, 4, 1)),
      area('g3', 'gacha', 'unit_grid', '150626101201003', box(2, 1, 4, 2)),
    ];
    expect(checkAreas({ areas, households: [] })).toEqual([]);
  });

  it('reports households outside their grid and households above the lowest grid', () => {
    const result = checkAreas({
      areas: cleanTree(),
      households: [
        { id: 'far', gridId: 'grid1', lng: 108 + 3, lat: 38 + 1 },
        { id: 'edge', gridId: 'grid1', lng: 108 + 2, lat: 38 + 1 }, // on the edge: inside
        { id: 'upstairs', gridId: 'cgrid', lng: 108 + 5, lat: 38 + 1 },
      ],
    });
    expect(result).toEqual([
      expect.objectContaining({
        kind: 'household_not_in_lowest_grid',
        areaId: 'cgrid',
        details: { householdId: 'upstairs' },
      }),
      expect.objectContaining({
        kind: 'household_outside_grid',
        areaId: 'grid1',
        details: { householdId: 'far', lng: 111, lat: 39 },
      }),
    ]);
  });

  it('reports codes of the wrong length or not extending the parent', () => {
    let areas = replace(cleanTree(), 'grid2', { code: '15062610120100' });
    areas = replace(areas, 'micro2', { code: '150626999001001002' });
    areas = replace(areas, 'banner', { code: '15062' });
    const result = checkAreas({ areas, households: [] });
    expect(result.map((v) => [v.kind, v.areaId])).toEqual([
      ['bad_code', 'banner'],
      ['bad_code', 'townB'], // its parent's code is now wrong, so it no longer extends it
      ['bad_code', 'townA'],
      ['bad_code', 'grid2'],
      ['bad_code', 'micro2'],
    ]);
    expect(codeProblem('unit_grid', '150626101201001', '150626101201')).toBeUndefined();
    expect(codeProblem('micro_grid', '150626101201001', '150626101201')).toEqual({
      key: 'area.code_digits',
      params: { kind: 'micro_grid', length: 18 },
    });
    expect(codeProblem('village', '150626102201', '150626101')).toEqual({
      key: 'area.code_extend_parent',
      params: { parentCode: '150626101' },
    });
  });
});
