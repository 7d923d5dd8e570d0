import { describe, expect, it } from 'vitest';
import { compareLayers } from './compare.ts';
import { feature, LAT, LNG, lattice, rectangle, rectangleM2 } from './test-shapes.ts';
import { idTranslator, legacyIdMap, type UnifiedGrid, type UnifyWarning, unifyLayer } from './unify.ts';

const D = 0.01;

function expectClose(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 0.01);
}

const rounded = (rows: { legacyId: string; gridId: string; share: number }[]) =>
  rows.map((row) => [row.legacyId, row.gridId, Number(row.share.toFixed(3))]);

/** No two unified grids share ground (edge-to-edge is fine). */
function expectNoOverlaps(grids: readonly UnifiedGrid[]) {
  const asFeatures = grids.map((grid) => feature(grid.key, grid.geometry));
  const selfOverlaps = compareLayers(asFeatures, asFeatures).overlaps.filter(
    (o) => o.legacyIdA !== o.legacyIdB,
  );
  expect(selfOverlaps.filter((o) => o.areaM2 > 1)).toEqual([]);
}

const kinds = (warnings: readonly UnifyWarning[]) => warnings.map((warning) => warning.kind);

describe('legacyIdMap', () => {
  // Civil affairs' old grids M1, M2, M3, M10 against two unified grids G1 and G2.
  const civil = {
    id: 'civil',
    features: [
      feature('M10', rectangle(LNG, LAT, 0.2 * D)),
      feature('M2', rectangle(LNG + D, LAT, D)),
      feature('M1', rectangle(LNG, LAT, D)),
      // Reaches 0.5 % of its width into G2: edge noise, left out.
      feature('M3', rectangle(LNG + 2.495 * D, LAT, D)),
    ],
  };
  const unified = [
    { gridId: 'G1', geometry: rectangle(LNG, LAT, 1.6 * D, D) },
    { gridId: 'G2', geometry: rectangle(LNG + 1.6 * D, LAT, 0.9 * D, D) },
  ];
  const rows = legacyIdMap(civil, unified);

  it('maps each old grid to the unified grids covering ≥ 1 % of it, by legacy id then share', () => {
    expect(rounded(rows)).toEqual([
      ['M1', 'G1', 1],
      ['M2', 'G1', 0.6],
      ['M2', 'G2', 0.4],
      ['M10', 'G1', 1],
    ]);
    expect(rows.every((row) => row.layerId === 'civil')).toBe(true);
  });

  it('translates ids both ways, per layer', () => {
    const police = { id: 'police', features: [feature('P1', rectangle(LNG + D, LAT, 1.5 * D, D))] };
    const translate = idTranslator([...rows, ...legacyIdMap(police, unified)]);
    expect(rounded(translate.toUnified('civil', 'M2').map((t) => ({ ...t, legacyId: 'M2' })))).toEqual([
      ['M2', 'G1', 0.6],
      ['M2', 'G2', 0.4],
    ]);
    expect(translate.toUnified('civil', 'M3')).toEqual([]);
    expect(translate.toUnified('police', 'M2')).toEqual([]);
    const legacyOfG1 = translate.toLegacy('G1');
    expect(legacyOfG1.civil?.map((l) => l.legacyId)).toEqual(['M1', 'M2', 'M10']);
    expect(legacyOfG1.police?.map((l) => [l.legacyId, Number(l.share.toFixed(3))])).toEqual([['P1', 0.4]]);
    expect(Object.keys(translate.toLegacy('G2')).sort()).toEqual(['civil', 'police']);
    expect(translate.toLegacy('nowhere')).toEqual({});
  });
});

describe('unifyLayer', () => {
  // A 2 × 2 block: 0-0 south-west, 1-0 south-east, 0-1 north-west, 1-1 north-east.
  const base = lattice(LNG, LAT, 2, 2, D);
  const cellM2 = rectangleM2(D, LAT, D);

  it('keeps the base as it is when there are no edits', () => {
    const { grids, warnings } = unifyLayer(base, []);
    expect(grids.map((g) => [g.key, g.legacyIds])).toEqual(base.map((f) => [f.legacyId, [f.legacyId]]));
    expect(warnings).toEqual([]);
  });

  it('replaces two grids by one, which remembers both legacy ids', () => {
    const south = rectangle(LNG, LAT, 2 * D, D);
    const { grids, warnings } = unifyLayer(base, [{ replace: ['0-0', '1-0'], with: south, name: '南片' }]);
    expect(grids.map((g) => g.key)).toEqual(['0-1', '1-1', '0-0+1-0']);
    expect(grids[2]).toMatchObject({ name: '南片', legacyIds: ['0-0', '1-0'] });
    expectClose(grids[2]?.areaM2 ?? 0, rectangleM2(2 * D, LAT, D));
    expect(warnings).toEqual([]);
  });

  it('lets a later edit win where it overlaps, and warns of what it took', () => {
    const east = rectangle(LNG + 0.5 * D, LAT, 1.5 * D, 2 * D);
    const { grids, warnings } = unifyLayer(base, [{ add: east, name: '东片', key: 'east' }]);
    expectNoOverlaps(grids);
    const overlaps = warnings.filter((w) => w.kind === 'overlap');
    expect(overlaps.map((w) => [w.key, w.keptBy])).toEqual([
      ['0-0', 'east'],
      ['0-1', 'east'],
      ['1-0', 'east'],
      ['1-1', 'east'],
    ]);
    expectClose(grids.find((g) => g.key === '0-0')?.areaM2 ?? 0, cellM2 / 2);
    expect(kinds(warnings)).toContain('swallowed');
    expect(warnings.filter((w) => w.kind === 'swallowed').map((w) => w.key)).toEqual(['1-0', '1-1']);
    expect(grids.map((g) => g.key)).toEqual(['0-0', '0-1', 'east']);
  });

  it('warns when trimming splits a grid in pieces', () => {
    const strip = rectangle(LNG + 0.4 * D, LAT - D, 0.2 * D, 4 * D);
    const { grids, warnings } = unifyLayer(base, [{ add: strip, name: 'road' }]);
    expect(warnings.filter((w) => w.kind === 'split').map((w) => [w.key, w.pieces])).toEqual([
      ['0-0', 2],
      ['0-1', 2],
    ]);
    expect(grids.find((g) => g.key === '0-0')?.geometry.type).toBe('MultiPolygon');
    expectNoOverlaps(grids);
  });

  it('warns of ground the base covered that no grid covers after a removal or a smaller replacement', () => {
    const removed = unifyLayer(base, [{ remove: '1-1' }]);
    expect(removed.grids.map((g) => g.key)).toEqual(['0-0', '0-1', '1-0']);
    const uncovered = removed.warnings.filter((w) => w.kind === 'uncovered');
    expect(uncovered).toHaveLength(1);
    expectClose(uncovered[0]?.areaM2 ?? 0, rectangleM2(D, LAT + D, D));

    const smaller = unifyLayer(base, [{ replace: ['0-0'], with: rectangle(LNG, LAT, D / 2, D), key: 'w' }]);
    const gap = smaller.warnings.find((w) => w.kind === 'uncovered');
    expectClose(gap?.areaM2 ?? 0, cellM2 / 2);
  });

  it('warns of a hole enclosed by the grids that the base did not cover either', () => {
    const ringOfEight = lattice(LNG, LAT, 3, 3, D).filter((f) => f.legacyId !== '1-1');
    const { warnings } = unifyLayer(ringOfEight, []);
    expect(kinds(warnings)).toEqual(['hole']);
    expectClose(warnings[0]?.kind === 'hole' ? warnings[0].areaM2 : 0, rectangleM2(D, LAT + D, D));
  });

  it('resolves overlapping base grids in order, and names edits of unknown grids', () => {
    const overlapping = [feature('A', rectangle(LNG, LAT, D)), feature('B', rectangle(LNG + D / 2, LAT, D))];
    const { grids, warnings } = unifyLayer(overlapping, [
      { remove: 'Z' },
      { replace: ['A', 'Y'], with: rectangle(LNG, LAT, D / 2, D) },
    ]);
    expect(warnings.filter((w) => w.kind === 'unknown_grid')).toEqual([
      { kind: 'unknown_grid', edit: 0, id: 'Z' },
      { kind: 'unknown_grid', edit: 1, id: 'Y' },
    ]);
    expect(grids.map((g) => [g.key, g.legacyIds])).toEqual([
      ['B', ['B']],
      ['A+Y', ['A']],
    ]);
    expectNoOverlaps(grids);
    // Base grids alone: the later one keeps the common half.
    const alone = unifyLayer(overlapping, []);
    expect(alone.warnings.map((w) => (w.kind === 'overlap' ? [w.key, w.keptBy] : w.kind))).toEqual([
      ['A', 'B'],
    ]);
  });

  it('does not throw on degenerate grids, and drops them', () => {
    const degenerate = [
      ...base,
      feature('line', {
        type: 'Polygon',
        coordinates: [
          [
            [LNG, LAT],
            [LNG + D, LAT + D],
            [LNG, LAT],
          ],
        ],
      }),
      feature('empty', { type: 'MultiPolygon', coordinates: [] }),
    ];
    const { grids, warnings } = unifyLayer(degenerate, [
      { add: { type: 'Polygon', coordinates: [] }, name: 'nothing' },
    ]);
    expect(grids).toHaveLength(4);
    expect(warnings.map((w) => (w.kind === 'swallowed' ? w.key : w.kind))).toEqual([
      'line',
      'empty',
      'new-1',
    ]);
  });

  it('gives a legacy-id map from the old grids to the unified ones', () => {
    const { grids } = unifyLayer(base, [
      { replace: ['0-0', '1-0'], with: rectangle(LNG, LAT, 2 * D, D), key: 'S' },
    ]);
    const police = { id: 'police', features: [feature('P7', rectangle(LNG + D / 2, LAT, D, 2 * D))] };
    const rows = legacyIdMap(
      police,
      grids.map((g) => ({ gridId: g.key, geometry: g.geometry })),
    );
    // The two quarters tie (up to floating point), so their order is not asserted.
    const [largest, ...quarters] = rounded(rows);
    expect(largest).toEqual(['P7', 'S', 0.5]);
    expect(quarters.sort()).toEqual([
      ['P7', '0-1', 0.25],
      ['P7', '1-1', 0.25],
    ]);
  });
});
