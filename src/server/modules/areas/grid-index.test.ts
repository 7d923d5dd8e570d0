import { describe, expect, it } from 'vitest';
import { box } from '../../testing/fixtures.ts';
import { buildGridIndex, type IndexedGrid } from './grid-index.ts';

describe('the grid index (gridOf)', () => {
  const community: IndexedGrid = { id: 'c', depth: 3, geometry: box(108.8, 38.5, 108.9, 38.6) };
  const micro: IndexedGrid = { id: 'm', depth: 4, geometry: box(108.8, 38.5, 108.85, 38.55) };
  const west: IndexedGrid = { id: 'b-west', depth: 3, geometry: box(108.0, 38.0, 108.5, 38.5) };
  const east: IndexedGrid = { id: 'a-east', depth: 3, geometry: box(108.5, 38.0, 108.8, 38.5) };

  it('finds the grid containing a point, and nothing outside every grid', () => {
    const index = buildGridIndex([west, east]);
    expect(index.size).toBe(2);
    expect(index.gridOf(108.2, 38.2)).toBe('b-west');
    expect(index.gridOf(108.6, 38.2)).toBe('a-east');
    expect(index.gridOf(107.9, 38.2)).toBeUndefined();
    expect(index.gridOf(Number.NaN, 38.2)).toBeUndefined();
  });

  it('prefers the deepest grid: a micro-grid inside its community grid', () => {
    const index = buildGridIndex([community, micro]);
    expect(index.gridOf(108.82, 38.52)).toBe('m');
    expect(index.gridOf(108.88, 38.58)).toBe('c');
  });

  it('settles points on a shared edge the same way whatever the load order', () => {
    const one = buildGridIndex([west, east]);
    const other = buildGridIndex([east, west]);
    expect(one.gridOf(108.5, 38.2)).toBe('a-east'); // the smaller id
    expect(other.gridOf(108.5, 38.2)).toBe('a-east');
  });

  it('follows polygon shape, not just the bounding box, holes included', () => {
    const triangle: IndexedGrid = {
      id: 't',
      depth: 3,
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [0, 0],
              [10, 0],
              [0, 10],
              [0, 0],
            ],
          ],
        ],
      },
    };
    const donut: IndexedGrid = {
      id: 'd',
      depth: 3,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [20, 0],
            [30, 0],
            [30, 10],
            [20, 10],
            [20, 0],
          ],
          [
            [24, 4],
            [26, 4],
            [26, 6],
            [24, 6],
            [24, 4],
          ],
        ],
      },
    };
    const index = buildGridIndex([triangle, donut]);
    expect(index.gridOf(2, 2)).toBe('t');
    expect(index.gridOf(8, 8)).toBeUndefined();
    expect(index.gridOf(21, 1)).toBe('d');
    expect(index.gridOf(25, 5)).toBeUndefined();
  });

  it('is empty and answers nothing without grids', () => {
    const index = buildGridIndex([]);
    expect(index.size).toBe(0);
    expect(index.gridOf(108, 38)).toBeUndefined();
  });

  it('indexes 100,000 grids in well under a second and finds each', () => {
    const side = 320; // 102,400 cells of 0.004° over the banner
    const cell = 0.004;
    const grids: IndexedGrid[] = [];
    for (let i = 0; i < side; i++) {
      for (let j = 0; j < side; j++) {
        const w = 108.3 + i * cell;
        const s = 37.9 + j * cell;
        grids.push({ id: `g${i}-${j}`, depth: 3, geometry: box(w, s, w + cell, s + cell) });
      }
    }
    const started = performance.now();
    const index = buildGridIndex(grids);
    const buildMs = performance.now() - started;
    expect(index.size).toBe(side * side);
    expect(buildMs).toBeLessThan(1000);

    const lookupsStarted = performance.now();
    for (let k = 0; k < 10_000; k++) {
      const i = (k * 7919) % side;
      const j = (k * 104_729) % side;
      const id = index.gridOf(108.3 + (i + 0.5) * cell, 37.9 + (j + 0.5) * cell);
      if (id !== `g${i}-${j}`) throw new Error(`cell ${i},${j} found ${id}`);
    }
    expect(performance.now() - lookupsStarted).toBeLessThan(1000);
  });
});
