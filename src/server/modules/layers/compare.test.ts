import { describe, expect, it } from 'vitest';
import { compareLayerPairs, compareLayers, reportRows } from './compare.ts';
import { boxOf, candidatePairs, toShape } from './geometry.ts';
import { feature, LAT, LNG, lattice, rectangle, rectangleM2, ring } from './test-shapes.ts';

const D = 0.01;

/** Within 1 % of the expected value. */
function expectClose(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 0.01);
}

describe('compareLayers: two squares offset by half', () => {
  const a = [feature('A1', rectangle(LNG, LAT, D))];
  const b = [feature('B1', rectangle(LNG + D / 2, LAT, D))];
  const report = compareLayers(a, b);
  const halfM2 = rectangleM2(D / 2, LAT, D);

  it('finds one overlap of half of each grid, its m² as computed by hand', () => {
    expect(report.overlaps).toHaveLength(1);
    const [overlap] = report.overlaps;
    expect(overlap).toMatchObject({ legacyIdA: 'A1', legacyIdB: 'B1' });
    expectClose(overlap?.areaM2 ?? 0, halfM2);
    expect(overlap?.shareOfA).toBeCloseTo(0.5, 3);
    expect(overlap?.shareOfB).toBeCloseTo(0.5, 3);
    expect(overlap?.iou).toBeCloseTo(1 / 3, 3);
    expect(report.nearDuplicates).toEqual([]);
    expect(report.slivers).toEqual([]);
  });

  it('finds the uncovered half on each side as a gap', () => {
    const sides = report.gaps.map((gap) => [gap.side, gap.legacyId]);
    expect(sides).toEqual([
      ['a_not_b', 'A1'],
      ['b_not_a', 'B1'],
    ]);
    for (const gap of report.gaps) {
      expectClose(gap.areaM2, halfM2);
      expect(gap.share).toBeCloseTo(0.5, 3);
      expect(gap.geometry.type).toBe('Polygon');
    }
  });

  it('totals the two layers, their common ground and the differences', () => {
    const { totals } = report;
    expectClose(totals.areaA, 2 * halfM2);
    expectClose(totals.areaB, 2 * halfM2);
    expectClose(totals.intersection, halfM2);
    expectClose(totals.aMinusB, halfM2);
    expectClose(totals.bMinusA, halfM2);
  });

  it('is plain JSON, and its rows survive the round trip', () => {
    const copy = JSON.parse(JSON.stringify(report));
    expect(copy).toEqual(report);
    expect(reportRows(copy)).toEqual(reportRows(report));
    expect(reportRows(report).map((row) => row.kind)).toEqual(['overlap', 'a_not_b', 'b_not_a']);
    expect(reportRows(report)[0]).toMatchObject({
      legacyIdA: 'A1',
      legacyIdB: 'B1',
      shareOfA: 0.5,
      shareOfB: 0.5,
    });
  });
});

describe('compareLayers: kinds of overlap', () => {
  it('calls a slightly shifted copy a near-duplicate', () => {
    const report = compareLayers(
      [feature('A1', rectangle(LNG, LAT, D))],
      [feature('B1', rectangle(LNG + D / 100, LAT, D))],
    );
    expect(report.nearDuplicates).toHaveLength(1);
    expect(report.nearDuplicates[0]?.iou).toBeCloseTo(0.99 / 1.01, 3);
    expect(reportRows(report)[0]?.kind).toBe('near_duplicate');
    // The 1 % strips each side are ≈ 9,700 m², above the 100 m² minimum.
    expect(report.gaps).toHaveLength(2);
    expect(
      compareLayers(
        [feature('A1', rectangle(LNG, LAT, D))],
        [feature('B1', rectangle(LNG + D / 100, LAT, D))],
        { nearDuplicateIou: 0.99 },
      ).nearDuplicates,
    ).toEqual([]);
  });

  it('calls a thin overlap along a shared boundary a sliver', () => {
    // Neighbours digitised 1 % of a grid's width into each other.
    const report = compareLayers(
      [feature('A1', rectangle(LNG, LAT, D))],
      [feature('B1', rectangle(LNG + D * 0.99, LAT, D))],
    );
    expect(report.slivers).toHaveLength(1);
    expect(report.slivers[0]?.shareOfA).toBeCloseTo(0.01, 3);
    expectClose(report.slivers[0]?.areaM2 ?? 0, rectangleM2(D / 100, LAT, D));
    expect(reportRows(report)[0]?.kind).toBe('sliver');
  });

  it('does not count grids drawn edge to edge as overlapping', () => {
    const report = compareLayers(
      [feature('A1', rectangle(LNG, LAT, D))],
      [feature('B1', rectangle(LNG + D, LAT, D))],
    );
    expect(report.overlaps).toEqual([]);
    expect(report.totals.intersection).toBe(0);
  });

  it('drops gap pieces below the minimum area', () => {
    const a = [feature('A1', rectangle(LNG, LAT, D))];
    const b = [feature('B1', rectangle(LNG + D / 100, LAT, D))];
    expect(compareLayers(a, b, { minGapM2: 20_000 }).gaps).toEqual([]);
  });
});

describe('compareLayers: MultiPolygons and holes', () => {
  it('measures a MultiPolygon grid against a grid covering one of its parts', () => {
    const twoParts = {
      type: 'MultiPolygon' as const,
      coordinates: [[ring(LNG, LAT, LNG + D, LAT + D)], [ring(LNG + 2 * D, LAT, LNG + 3 * D, LAT + D)]],
    };
    const report = compareLayers([feature('A1', twoParts)], [feature('B1', rectangle(LNG + 2 * D, LAT, D))]);
    expect(report.overlaps).toHaveLength(1);
    expect(report.overlaps[0]?.shareOfA).toBeCloseTo(0.5, 3);
    expect(report.overlaps[0]?.shareOfB).toBeCloseTo(1, 3);
    expect(report.gaps.map((gap) => gap.legacyId)).toEqual(['A1']);
  });

  it('sees that a grid lying in another grid’s hole does not overlap it', () => {
    const withHole = {
      type: 'Polygon' as const,
      coordinates: [
        ring(LNG, LAT, LNG + D, LAT + D),
        ring(LNG + 0.003, LAT + 0.003, LNG + 0.007, LAT + 0.007),
      ],
    };
    const inHole = rectangle(LNG + 0.003, LAT + 0.003, 0.004);
    const report = compareLayers([feature('ring', withHole)], [feature('lake', inHole)]);
    expect(report.overlaps).toEqual([]);
    expectClose(report.totals.areaA, rectangleM2(D, LAT, D) - rectangleM2(0.004, LAT + 0.003, 0.004));
    expect(report.gaps.find((gap) => gap.side === 'b_not_a')?.share).toBeCloseTo(1, 6);
    // The hole counts: a grid over the hole and a bit more overlaps only by the bit more.
    const overHole = rectangle(LNG + 0.003, LAT + 0.003, 0.005, 0.004);
    const partly = compareLayers([feature('ring', withHole)], [feature('x', overHole)]);
    expect(partly.overlaps[0]?.shareOfB).toBeCloseTo(0.2, 3);
  });
});

describe('compareLayerPairs: three overlapping layers', () => {
  // Civil affairs, public security and urban management each drew the same 2 × 1 block their own way.
  const civil = [feature('M1', rectangle(LNG, LAT, D)), feature('M2', rectangle(LNG + D, LAT, D))];
  const police = [feature('P1', rectangle(LNG + D / 2, LAT, D))];
  const urban = [feature('U1', rectangle(LNG, LAT, 2 * D, D))];
  const reports = compareLayerPairs([
    { id: 'civil', features: civil },
    { id: 'police', features: police },
    { id: 'urban', features: urban },
  ]);

  it('compares each pair once', () => {
    expect(reports.map((r) => [r.layerA, r.layerB])).toEqual([
      ['civil', 'police'],
      ['civil', 'urban'],
      ['police', 'urban'],
    ]);
  });

  it('gets the overlaps and gaps computed by hand', () => {
    const [civilPolice, civilUrban, policeUrban] = reports.map((r) => r.report);
    expect(
      civilPolice?.overlaps.map((o) => [o.legacyIdA, o.legacyIdB, Number(o.shareOfB.toFixed(3))]),
    ).toEqual([
      ['M1', 'P1', 0.5],
      ['M2', 'P1', 0.5],
    ]);
    expect(civilPolice?.gaps.map((g) => [g.side, g.legacyId, Number(g.share.toFixed(3))])).toEqual([
      ['a_not_b', 'M1', 0.5],
      ['a_not_b', 'M2', 0.5],
    ]);
    expect(
      civilUrban?.overlaps.map((o) => [
        o.legacyIdA,
        Number(o.shareOfA.toFixed(3)),
        Number(o.shareOfB.toFixed(3)),
      ]),
    ).toEqual([
      ['M1', 1, 0.5],
      ['M2', 1, 0.5],
    ]);
    expect(civilUrban?.gaps).toEqual([]);
    expectClose(civilUrban?.totals.intersection ?? 0, rectangleM2(2 * D, LAT, D));
    expect(policeUrban?.overlaps[0]?.shareOfA).toBeCloseTo(1, 3);
    expectClose(policeUrban?.totals.bMinusA ?? 0, rectangleM2(D, LAT, D));
  });
});

describe('compareLayers: degenerate input', () => {
  const good = feature('ok', rectangle(LNG, LAT, D));
  const degenerate = [
    feature('line', {
      type: 'Polygon',
      coordinates: [
        [
          [LNG, LAT],
          [LNG + D, LAT + D],
          [LNG + 2 * D, LAT + 2 * D],
          [LNG, LAT],
        ],
      ],
    }),
    feature('point', {
      type: 'Polygon',
      coordinates: [
        [
          [LNG, LAT],
          [LNG, LAT],
          [LNG, LAT],
          [LNG, LAT],
        ],
      ],
    }),
    feature('empty', { type: 'Polygon', coordinates: [] }),
    feature('empty-multi', { type: 'MultiPolygon', coordinates: [[[]]] }),
    feature('nan', {
      type: 'Polygon',
      coordinates: [
        [
          [Number.NaN, LAT],
          [LNG, LAT],
          [LNG, LAT + D],
          [Number.NaN, LAT],
        ],
      ],
    }),
    // A bow tie touching itself at its middle vertex, and a ring that touches itself along the way.
    feature('bowtie', {
      type: 'Polygon',
      coordinates: [
        [
          [LNG, LAT],
          [LNG + D, LAT + D],
          [LNG + D, LAT],
          [LNG, LAT + D],
          [LNG, LAT],
        ],
      ],
    }),
    feature('self-touching', {
      type: 'Polygon',
      coordinates: [
        [
          [LNG, LAT],
          [LNG + D, LAT],
          [LNG + D / 2, LAT + D / 2],
          [LNG + D, LAT + D],
          [LNG, LAT + D],
          [LNG + D / 2, LAT + D / 2],
          [LNG, LAT],
        ],
      ],
    }),
  ];

  it('does not throw, and zero-area grids overlap nothing', () => {
    const report = compareLayers([good], degenerate);
    const ids = report.overlaps.map((o) => o.legacyIdB).sort();
    expect(ids).toEqual(['bowtie', 'self-touching']);
    for (const overlap of report.overlaps) expect(overlap.shareOfA).toBeCloseTo(0.5, 3);
    expect(report.problems).toEqual([]);
    expect(() => compareLayers(degenerate, degenerate)).not.toThrow();
    expect(compareLayers([], []).totals).toEqual({
      areaA: 0,
      areaB: 0,
      intersection: 0,
      aMinusB: 0,
      bMinusA: 0,
    });
  });
});

describe('the box pre-filter', () => {
  it('gives 2,000 × 2,000 grids a few candidate pairs per grid, not 4 million', () => {
    const size = 0.005;
    const a = lattice(LNG, LAT, 40, 50, size);
    const b = lattice(LNG + size / 2, LAT + size / 2, 40, 50, size);
    const boxes = (features: typeof a) => features.map((f) => boxOf(toShape(f.geometry)));
    const pairs = candidatePairs(boxes(a), boxes(b));
    // Each grid of A meets the four of B around its centre, fewer at A's west and south edges.
    expect(pairs).toHaveLength((2 * 40 - 1) * (2 * 50 - 1));
  });

  it('compares lattices and keeps the totals consistent', () => {
    const size = 0.005;
    const report = compareLayers(lattice(LNG, LAT, 4, 4, size), lattice(LNG + size / 2, LAT, 4, 4, size));
    expect(report.overlaps).toHaveLength(4 * 4 + 3 * 4);
    expect(report.slivers).toEqual([]);
    const { totals } = report;
    expectClose(totals.intersection + totals.aMinusB, totals.areaA);
    expectClose(totals.areaA, 16 * rectangleM2(size, LAT + 0.01, size));
    expectClose(totals.aMinusB, 4 * rectangleM2(size / 2, LAT + 0.01, size));
  });
});
