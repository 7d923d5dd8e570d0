/** The case map, loaded on first use (MapLibre stays out of the first load of every app). */
import { lazy, Suspense } from 'react';
import type { CaseMapProps } from './CaseMap.tsx';

const CaseMapChunk = lazy(() => import('./CaseMap.tsx').then((m) => ({ default: m.CaseMap })));

/** `CaseMap`, fetched when first shown; a blank box of the same size meanwhile. */
export function LazyCaseMap(props: CaseMapProps) {
  return (
    <Suspense
      fallback={<div className="case-map" aria-busy="true" style={{ height: props.height ?? 200 }} />}
    >
      <CaseMapChunk {...props} />
    </Suspense>
  );
}
