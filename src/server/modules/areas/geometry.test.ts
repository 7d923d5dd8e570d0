import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { bboxOf, validateGeometry } from './geometry.ts';

function fieldOf(value: unknown): string | undefined {
  try {
    validateGeometry(value);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return ((error as AppError).details as { field: string }).field;
  }
  return undefined;
}

const square = [
  [108, 38],
  [109, 38],
  [109, 39],
  [108, 39],
  [108, 38],
];

describe('validateGeometry', () => {
  it('accepts Polygon and MultiPolygon and returns clean 2-D copies', () => {
    expect(validateGeometry({ type: 'Polygon', coordinates: [square], extra: 1 })).toEqual({
      type: 'Polygon',
      coordinates: [square],
    });
    const withAltitude = square.map(([x, y]) => [x, y, 1200]);
    expect(validateGeometry({ type: 'MultiPolygon', coordinates: [[withAltitude]] })).toEqual({
      type: 'MultiPolygon',
      coordinates: [[square]],
    });
  });

  it('names the field that is wrong', () => {
    expect(fieldOf('a polygon')).toBe('polygon');
    expect(fieldOf({ type: 'Point', coordinates: [108, 38] })).toBe('polygon.type');
    expect(fieldOf({ type: 'Polygon', coordinates: [] })).toBe('polygon.coordinates');
    expect(fieldOf({ type: 'Polygon', coordinates: [square.slice(0, 3)] })).toBe('polygon.coordinates[0]');
    expect(fieldOf({ type: 'Polygon', coordinates: [square.slice(0, 4).concat([[108.5, 38.5]])] })).toBe(
      'polygon.coordinates[0]',
    ); // not closed
    const farEast = square.map((p, i) => (i === 2 ? [181, 39] : p));
    expect(fieldOf({ type: 'Polygon', coordinates: [farEast] })).toBe('polygon.coordinates[0][2]');
    const farNorth = square.map((p, i) => (i === 3 ? [108, 91] : p));
    expect(fieldOf({ type: 'Polygon', coordinates: [farNorth] })).toBe('polygon.coordinates[0][3]');
    const notNumbers = square.map((p, i) => (i === 1 ? ['109', 38] : p));
    expect(fieldOf({ type: 'Polygon', coordinates: [notNumbers] })).toBe('polygon.coordinates[0][1]');
    expect(fieldOf({ type: 'MultiPolygon', coordinates: [[square], 'x'] })).toBe('polygon.coordinates[1]');
  });

  it('computes a bounding box', () => {
    expect(bboxOf({ type: 'Polygon', coordinates: [square] })).toEqual([108, 38, 109, 39]);
  });
});
