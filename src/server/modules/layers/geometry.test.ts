import { describe, expect, it } from 'vitest';
import {
  areaM2,
  boxesOverlap,
  boxOf,
  indexBoxes,
  piecesOf,
  subtract,
  toGeometry,
  toShape,
  unite,
} from './geometry.ts';
import { LAT, LNG, rectangle, rectangleM2, ring } from './test-shapes.ts';

const D = 0.01;

describe('toShape', () => {
  it('snaps coordinates so grids drawn edge to edge meet exactly', () => {
    // 38.6 + 2 × 0.01 is 38.620000000000005 in floating point, 38.61 + 0.01 is 38.62.
    const lower = toShape(rectangle(LNG, LAT + D, D, 0.01));
    const upper = toShape(rectangle(LNG, LAT + 2 * D, D));
    expect(unite([lower, upper])).toHaveLength(1);
  });

  it('closes open rings and drops rings that cannot bound an area', () => {
    const open = { type: 'Polygon' as const, coordinates: [ring(LNG, LAT, LNG + D, LAT + D).slice(0, 4)] };
    expect(toShape(open)[0]?.[0]).toHaveLength(5);
    const withBadHole = {
      type: 'Polygon' as const,
      coordinates: [
        ring(LNG, LAT, LNG + D, LAT + D),
        [
          [LNG, LAT],
          [LNG, LAT],
          [LNG, LAT],
        ],
      ],
    };
    expect(toShape(withBadHole)[0]).toHaveLength(1);
    expect(
      toShape({
        type: 'Polygon',
        coordinates: [
          [
            [LNG, LAT],
            [Number.POSITIVE_INFINITY, LAT],
            [LNG, LAT + D],
            [LNG, LAT],
          ],
        ],
      }),
    ).toEqual([]);
    expect(
      toShape({ type: 'MultiPolygon', coordinates: [[], [ring(LNG, LAT, LNG + D, LAT + D)]] }),
    ).toHaveLength(1);
  });
});

describe('areas and clipping', () => {
  it('measures m² as the sphere formula does, holes subtracted', () => {
    const square = toShape(rectangle(LNG, LAT, D));
    const expected = rectangleM2(D, LAT, D);
    expect(Math.abs(areaM2(square) - expected)).toBeLessThan(expected * 0.01);
    const hole = toShape(rectangle(LNG + 0.002, LAT + 0.002, 0.005));
    const holed = subtract(square, [hole]);
    expect(holed[0]).toHaveLength(2);
    expect(areaM2(holed)).toBeCloseTo(areaM2(square) - areaM2(hole), 3);
    expect(areaM2([])).toBe(0);
  });

  it('gives a Polygon for one piece and a MultiPolygon for several', () => {
    const two = unite([toShape(rectangle(LNG, LAT, D)), toShape(rectangle(LNG + 2 * D, LAT, D))]);
    expect(piecesOf(two)).toHaveLength(2);
    expect(toGeometry(two).type).toBe('MultiPolygon');
    expect(toGeometry(piecesOf(two)[0] ?? []).type).toBe('Polygon');
  });
});

describe('boxes', () => {
  it('do not overlap when they only touch', () => {
    expect(boxesOverlap([0, 0, 1, 1], [1, 0, 2, 1])).toBe(false);
    expect(boxesOverlap([0, 0, 1, 1], [0.5, 0.5, 2, 2])).toBe(true);
  });

  it('are searched by a tree that never finds an empty shape', () => {
    const boxes = [
      boxOf(toShape(rectangle(LNG, LAT, D))),
      boxOf([]),
      boxOf(toShape(rectangle(LNG + 5 * D, LAT, D))),
    ];
    const search = indexBoxes(boxes);
    expect(search([LNG - 1, LAT - 1, LNG + 1, LAT + 1])).toEqual([0, 2]);
    expect(search(boxOf([]))).toEqual([]);
    expect(indexBoxes([boxOf([])])([0, 0, 1, 1])).toEqual([]);
  });
});
