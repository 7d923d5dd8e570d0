/**
 * Comparing two grid layers (多网合一 step 2, 图层比对): which grids overlap and by how much, what one
 * layer covers that the other does not (gaps, 空白区), near-duplicate grids (重复网格) and slivers
 * along shared boundaries (碎片, the usual digitising mismatch). Pure: the report is plain JSON.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { LayerFeature } from './feature.ts';
import {
  areaM2,
  boxOf,
  candidatePairs,
  indexBoxes,
  intersect,
  MIN_OVERLAP_M2,
  piecesOf,
  type Shape,
  subtract,
  toGeometry,
  toShape,
  unite,
} from './geometry.ts';

export interface CompareOptions {
  /** Gap pieces smaller than this (m²) are dropped. Default 100. */
  minGapM2?: number;
  /** Intersection-over-union from which two grids count as near-duplicates. Default 0.9. */
  nearDuplicateIou?: number;
  /** An overlap under this share of both grids' areas is a sliver. Default 0.02. */
  sliverShare?: number;
  /** Overlaps smaller than this (m²) are left out as noise. Default MIN_OVERLAP_M2 (0.01 m²). */
  minOverlapM2?: number;
}

const DEFAULTS: Required<CompareOptions> = {
  minGapM2: 100,
  nearDuplicateIou: 0.9,
  sliverShare: 0.02,
  minOverlapM2: MIN_OVERLAP_M2,
};

/** Two grids, one of each layer, that cover common ground. */
export interface Overlap {
  legacyIdA: string;
  legacyIdB: string;
  areaM2: number;
  /** Overlap area / area of A's grid. */
  shareOfA: number;
  /** Overlap area / area of B's grid. */
  shareOfB: number;
  /** Intersection over union of the two grids. */
  iou: number;
}

/** Ground one layer's grid covers that no grid of the other layer does. */
export interface Gap {
  /** 'a_not_b': in layer A's grid, covered by no grid of B; 'b_not_a' the other way. */
  side: 'a_not_b' | 'b_not_a';
  /** The grid (of the layer named by `side`'s first letter) the piece lies in. */
  legacyId: string;
  geometry: Polygon | MultiPolygon;
  areaM2: number;
  /** Piece area / the grid's area. */
  share: number;
}

/** A grid or pair the clipper could not handle (a broken polygon): left out of the report, named here. */
export interface ComparisonProblem {
  legacyIdA?: string;
  legacyIdB?: string;
  reason: string;
}

export interface ComparisonTotals {
  /** Area covered by layer A's grids, m² (common ground of A's own overlapping grids counted once). */
  areaA: number;
  areaB: number;
  /** Area both layers cover. */
  intersection: number;
  /** Area A covers and B does not. */
  aMinusB: number;
  bMinusA: number;
}

export interface ComparisonReport {
  overlaps: Overlap[];
  /** Overlaps with IoU ≥ nearDuplicateIou (also in `overlaps`). */
  nearDuplicates: Overlap[];
  /** Overlaps under sliverShare of both grids (also in `overlaps`). */
  slivers: Overlap[];
  gaps: Gap[];
  totals: ComparisonTotals;
  problems: ComparisonProblem[];
}

/** A layer's grid, ready to clip. */
interface PreparedGrid {
  legacyId: string;
  shape: Shape;
  areaM2: number;
}

function prepareGrids(features: readonly LayerFeature[]): PreparedGrid[] {
  return features.map((feature) => {
    const shape = toShape(feature.geometry);
    return { legacyId: feature.legacyId, shape, areaM2: areaM2(shape) };
  });
}

function share(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function overlapOf(a: PreparedGrid, b: PreparedGrid, minOverlapM2: number): Overlap | null {
  const common = areaM2(intersect(a.shape, b.shape));
  if (common < minOverlapM2) return null;
  return {
    legacyIdA: a.legacyId,
    legacyIdB: b.legacyId,
    areaM2: common,
    shareOfA: share(common, a.areaM2),
    shareOfB: share(common, b.areaM2),
    iou: share(common, a.areaM2 + b.areaM2 - common),
  };
}

/** Every pair of grids (one from each layer) with common ground, through the box pre-filter. */
function findOverlaps(
  a: readonly PreparedGrid[],
  b: readonly PreparedGrid[],
  options: Required<CompareOptions>,
  problems: ComparisonProblem[],
): Overlap[] {
  const overlaps: Overlap[] = [];
  const pairs = candidatePairs(
    a.map((grid) => boxOf(grid.shape)),
    b.map((grid) => boxOf(grid.shape)),
  );
  for (const [i, j] of pairs) {
    const gridA = a[i] as PreparedGrid;
    const gridB = b[j] as PreparedGrid;
    try {
      const overlap = overlapOf(gridA, gridB, options.minOverlapM2);
      if (overlap) overlaps.push(overlap);
    } catch (error) {
      problems.push({ legacyIdA: gridA.legacyId, legacyIdB: gridB.legacyId, reason: errorText(error) });
    }
  }
  return overlaps;
}

/**
 * The pieces of each grid of `from` that no grid of `other` covers, at least minGapM2 each. Each grid
 * is clipped against its few box candidates only, so a gap running across two grids is reported as
 * one piece per grid, each naming the grid it lies in.
 */
function findGaps(
  from: readonly PreparedGrid[],
  other: readonly PreparedGrid[],
  side: Gap['side'],
  options: Required<CompareOptions>,
  problems: ComparisonProblem[],
): Gap[] {
  const searchOther = indexBoxes(other.map((grid) => boxOf(grid.shape)));
  const gaps: Gap[] = [];
  for (const grid of from) {
    try {
      const covering = searchOther(boxOf(grid.shape)).map((j) => (other[j] as PreparedGrid).shape);
      for (const piece of piecesOf(subtract(grid.shape, covering))) {
        const pieceM2 = areaM2(piece);
        if (pieceM2 < options.minGapM2) continue;
        gaps.push({
          side,
          legacyId: grid.legacyId,
          geometry: toGeometry(piece),
          areaM2: pieceM2,
          share: share(pieceM2, grid.areaM2),
        });
      }
    } catch (error) {
      const named = side === 'a_not_b' ? { legacyIdA: grid.legacyId } : { legacyIdB: grid.legacyId };
      problems.push({ ...named, reason: errorText(error) });
    }
  }
  return gaps;
}

function totalsOf(a: readonly PreparedGrid[], b: readonly PreparedGrid[]): ComparisonTotals {
  const coverA = unite(a.map((grid) => grid.shape));
  const coverB = unite(b.map((grid) => grid.shape));
  const areaA = areaM2(coverA);
  const areaB = areaM2(coverB);
  const common = Math.min(areaM2(intersect(coverA, coverB)), areaA, areaB);
  return { areaA, areaB, intersection: common, aMinusB: areaA - common, bMinusA: areaB - common };
}

function safeTotals(
  a: readonly PreparedGrid[],
  b: readonly PreparedGrid[],
  problems: ComparisonProblem[],
): ComparisonTotals {
  try {
    return totalsOf(a, b);
  } catch (error) {
    problems.push({ reason: `totals: ${errorText(error)}` });
    return { areaA: 0, areaB: 0, intersection: 0, aMinusB: 0, bMinusA: 0 };
  }
}

/** Compares layer A with layer B (another department's layer, or the current official grids). */
export function compareLayers(
  a: readonly LayerFeature[],
  b: readonly LayerFeature[],
  options: CompareOptions = {},
): ComparisonReport {
  const settings = { ...DEFAULTS, ...options };
  const gridsA = prepareGrids(a);
  const gridsB = prepareGrids(b);
  const problems: ComparisonProblem[] = [];
  const overlaps = findOverlaps(gridsA, gridsB, settings, problems);
  return {
    overlaps,
    nearDuplicates: overlaps.filter((o) => o.iou >= settings.nearDuplicateIou),
    slivers: overlaps.filter((o) => o.shareOfA < settings.sliverShare && o.shareOfB < settings.sliverShare),
    gaps: [
      ...findGaps(gridsA, gridsB, 'a_not_b', settings, problems),
      ...findGaps(gridsB, gridsA, 'b_not_a', settings, problems),
    ],
    totals: safeTotals(gridsA, gridsB, problems),
    problems,
  };
}

/** A named layer, for comparing several layers pair by pair. */
export interface NamedLayer {
  id: string;
  features: readonly LayerFeature[];
}

/** The report of every pair of layers (each pair once, in the order given). */
export function compareLayerPairs(
  layers: readonly NamedLayer[],
  options: CompareOptions = {},
): { layerA: string; layerB: string; report: ComparisonReport }[] {
  const reports: { layerA: string; layerB: string; report: ComparisonReport }[] = [];
  layers.forEach((a, i) => {
    for (const b of layers.slice(i + 1)) {
      reports.push({ layerA: a.id, layerB: b.id, report: compareLayers(a.features, b.features, options) });
    }
  });
  return reports;
}

/** One line of the comparison table (and of its CSV export). */
export interface ReportRow {
  kind: 'near_duplicate' | 'sliver' | 'overlap' | Gap['side'];
  legacyIdA: string | null;
  legacyIdB: string | null;
  areaM2: number;
  shareOfA: number | null;
  shareOfB: number | null;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

const pairKey = (o: Overlap) => `${o.legacyIdA}\u0000${o.legacyIdB}`;

/**
 * Flat rows for a table or CSV: one per overlap, with its most telling kind (a near-duplicate, else a
 * sliver, else an overlap), and one per gap piece; m² to 0.1, shares to 0.0001. Works on a report
 * read back from JSON too (kinds are matched by legacy ids, not object identity).
 */
export function reportRows(report: ComparisonReport): ReportRow[] {
  const nearDuplicates = new Set(report.nearDuplicates.map(pairKey));
  const slivers = new Set(report.slivers.map(pairKey));
  const kindOf = (o: Overlap): ReportRow['kind'] => {
    if (nearDuplicates.has(pairKey(o))) return 'near_duplicate';
    return slivers.has(pairKey(o)) ? 'sliver' : 'overlap';
  };
  const overlapRows = report.overlaps.map(
    (o): ReportRow => ({
      kind: kindOf(o),
      legacyIdA: o.legacyIdA,
      legacyIdB: o.legacyIdB,
      areaM2: round(o.areaM2, 1),
      shareOfA: round(o.shareOfA, 4),
      shareOfB: round(o.shareOfB, 4),
    }),
  );
  const gapRows = report.gaps.map(
    (gap): ReportRow => ({
      kind: gap.side,
      legacyIdA: gap.side === 'a_not_b' ? gap.legacyId : null,
      legacyIdB: gap.side === 'b_not_a' ? gap.legacyId : null,
      areaM2: round(gap.areaM2, 1),
      shareOfA: gap.side === 'a_not_b' ? round(gap.share, 4) : null,
      shareOfB: gap.side === 'b_not_a' ? round(gap.share, 4) : null,
    }),
  );
  return [...overlapRows, ...gapRows];
}
