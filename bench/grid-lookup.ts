/**
 * Figure 2 — point→grid lookups per second over 100,000 grids: a county-sized region tiled by
 * slightly irregular quads (shared corners, so no gaps and no overlaps), `buildGridIndex` over them,
 * then a million lookups at seeded random points. Every point lies in the region, so every lookup
 * must find a grid; each grid's centre must find that very grid.
 */
import { buildGridIndex, type IndexedGrid } from '../src/server/modules/areas/grid-index.ts';
import {
  quadCentre,
  quadPolygon,
  rect,
  seededRandom,
  subdivideQuad,
} from '../src/server/modules/demo/shapes.ts';
import { uuidv7 } from '../src/server/platform/ids.ts';
import { timed, whole } from './format.ts';

export interface GridLookupOptions {
  /** Lattice columns × rows (default 400 × 250 = 100,000 grids). */
  cols?: number;
  rows?: number;
  lookups?: number;
}

export interface GridLookupFigure {
  grids: number;
  buildMs: number;
  lookups: number;
  lookupsPerSecond: number;
  line: string;
}

/** Wushen Banner's extent: 1.3° × 1.3°, so 100,000 grids are ~350 m × 580 m each. */
const REGION = { west: 108.3, south: 37.9, east: 109.6, north: 39.2 };
/** Inner corners move by up to a quarter of a cell. */
const JITTER = 0.25;
/** Lookups before timing, so the timed loop runs optimised code. */
const WARM_UP_LOOKUPS = 50_000;

export async function runGridLookupBench(options: GridLookupOptions = {}): Promise<GridLookupFigure> {
  const cols = options.cols ?? 400;
  const rows = options.rows ?? 250;
  const lookups = options.lookups ?? 1_000_000;
  const random = seededRandom(100_000);
  const quads = subdivideQuad(
    rect(REGION.west, REGION.south, REGION.east, REGION.north),
    cols,
    rows,
    JITTER,
    random,
  );
  const grids: IndexedGrid[] = quads.map((quad) => ({ id: uuidv7(), depth: 3, geometry: quadPolygon(quad) }));

  const built = await timed(() => buildGridIndex(grids));
  const index = built.value;
  if (index.size !== grids.length) throw new Error(`the index holds ${index.size} of ${grids.length} grids`);

  // Each grid's centre finds that grid (a wrong index fails here, not just a slow one).
  for (let i = 0; i < grids.length; i += 97) {
    const [lng, lat] = quadCentre(quads[i] as (typeof quads)[number]) as [number, number];
    const found = index.gridOf(lng, lat);
    if (found !== (grids[i] as IndexedGrid).id) {
      throw new Error(`grid ${i}: its centre ${lng},${lat} was found in ${found ?? 'no grid'}`);
    }
  }

  const points = new Float64Array(2 * (lookups + WARM_UP_LOOKUPS));
  const width = REGION.east - REGION.west;
  const height = REGION.north - REGION.south;
  for (let i = 0; i < points.length; i += 2) {
    points[i] = REGION.west + random() * width;
    points[i + 1] = REGION.south + random() * height;
  }
  const lookUp = (from: number, to: number): number => {
    let found = 0;
    for (let i = from; i < to; i++)
      if (index.gridOf(points[2 * i] as number, points[2 * i + 1] as number)) found++;
    return found;
  };
  lookUp(0, WARM_UP_LOOKUPS);
  const run = await timed(() => lookUp(WARM_UP_LOOKUPS, WARM_UP_LOOKUPS + lookups));
  if (run.value !== lookups) {
    throw new Error(`${lookups - run.value} of ${lookups} points inside the region found no grid`);
  }
  const lookupsPerSecond = lookups / (run.ms / 1000);
  return {
    grids: grids.length,
    buildMs: built.ms,
    lookups,
    lookupsPerSecond,
    line: `grid lookup: ${whole(lookupsPerSecond)} lookups/s over ${whole(grids.length)} grids (index built in ${whole(built.ms)} ms; ${whole(lookups)} random points, every one found)`,
  };
}
