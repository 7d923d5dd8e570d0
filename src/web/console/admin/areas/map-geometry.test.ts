import { describe, expect, it } from 'vitest';
import { boundsOf, featureCollection, labelPoint } from './map-geometry.ts';

const square = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [108, 38],
      [109, 38],
      [109, 39],
      [108, 39],
      [108, 38],
    ],
  ],
};
const far = {
  type: 'MultiPolygon' as const,
  coordinates: [
    [
      [
        [110, 37],
        [111, 37],
        [111, 37.5],
        [110, 37],
      ],
    ],
  ],
};

describe('area map geometry', () => {
  it('bounds several polygons and multipolygons together', () => {
    expect(boundsOf([square])).toEqual([108, 38, 109, 39]);
    expect(boundsOf([square, far])).toEqual([108, 37, 111, 39]);
    expect(boundsOf([])).toBeUndefined();
  });

  it('puts a label at the centre of a closed ring, counting the repeated vertex once', () => {
    expect(labelPoint(square)).toEqual([108.5, 38.5]);
  });

  it('numbers features and cycles their shade so neighbours differ', () => {
    const shapes = Array.from({ length: 7 }, (_, i) => ({ id: `a${i}`, name: `A${i}`, geometry: square }));
    const fc = featureCollection(shapes);
    expect(fc.features).toHaveLength(7);
    expect(fc.features.map((f) => f.properties.shade)).toEqual([0, 1, 2, 3, 4, 5, 0]);
    expect(fc.features[3]?.properties).toMatchObject({ id: 'a3', name: 'A3' });
  });
});
