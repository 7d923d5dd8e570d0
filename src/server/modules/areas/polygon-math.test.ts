import { describe, expect, it } from 'vitest';
import { box } from '../../testing/fixtures.ts';
import type { AreaGeometry } from './geometry.ts';
import {
  geometriesOverlap,
  geometryAreaKm2,
  geometryWithin,
  locate,
  ringSignedArea,
  segmentsCross,
} from './polygon-math.ts';

describe('plane geometry for the area checks', () => {
  it('measures areas by the shoelace formula', () => {
    const ring = (box(0, 0, 2, 3) as { coordinates: number[][][] }).coordinates[0] as number[][];
    expect(ringSignedArea(ring)).toBe(6);
    expect(ringSignedArea([...ring].reverse())).toBe(-6);
    // One degree square at the equator ≈ 111.2 km × 111.2 km.
    expect(geometryAreaKm2(box(0, 0, 1, 1))).toBeCloseTo(12364, -1);
  });

  it('tells crossing segments from touching ones', () => {
    expect(segmentsCross([0, 0], [2, 2], [0, 2], [2, 0])).toBe(true);
    expect(segmentsCross([0, 0], [2, 0], [1, 0], [1, 2])).toBe(false); // T: touching
    expect(segmentsCross([0, 0], [2, 0], [1, 0], [3, 0])).toBe(false); // collinear
    expect(segmentsCross([0, 0], [1, 1], [2, 2], [3, 0])).toBe(false);
  });

  it('locates points inside, on the boundary and in holes', () => {
    const withHole: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        (box(0, 0, 4, 4) as { coordinates: number[][][] }).coordinates[0] as number[][],
        (box(1, 1, 2, 2) as { coordinates: number[][][] }).coordinates[0] as number[][],
      ],
    };
    expect(locate([3, 3], withHole)).toBe('inside');
    expect(locate([4, 2], withHole)).toBe('boundary');
    expect(locate([1, 1.5], withHole)).toBe('boundary');
    expect(locate([1.5, 1.5], withHole)).toBe('outside');
    expect(locate([5, 5], withHole)).toBe('outside');
  });

  it('judges containment and overlap with shared edges allowed', () => {
    expect(geometryWithin(box(0, 0, 1, 1), box(0, 0, 2, 2))).toBe(true);
    expect(geometryWithin(box(1, 1, 3, 1.5), box(0, 0, 2, 2))).toBe(false);
    expect(geometriesOverlap(box(0, 0, 1, 1), box(1, 0, 2, 1))).toBe(false); // shared edge
    expect(geometriesOverlap(box(0, 0, 1, 1), box(1, 1, 2, 2))).toBe(false); // shared corner
    expect(geometriesOverlap(box(0, 0, 1, 1), box(0, 0, 1, 1))).toBe(true); // identical
    expect(geometriesOverlap(box(0, 0, 2, 2), box(0.5, 0.5, 1, 1))).toBe(true); // nested
    expect(geometriesOverlap(box(0, 0, 2, 1), box(1, -1, 3, 2))).toBe(true); // crossing
  });
});
