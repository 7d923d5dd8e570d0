/** The report's location: the phone's GPS, a pin on the map, or the photo's own position; and its grid. */
import { Button } from 'antd-mobile';
import { lazy, Suspense, useEffect, useState } from 'react';
import { localName } from '../../shared/vocabulary.ts';
import { useT } from '../i18n/index.ts';
import type { GpsPoint } from './exif.ts';
import { currentPosition, type GridFound, lookupGrid } from './location.ts';

const MapPicker = lazy(() => import('./MapPicker.tsx').then((m) => ({ default: m.MapPicker })));

/** The grid's name in the interface language (Chinese where no other is on record). */
export function gridName(grid: GridFound, lang: string): string {
  return grid.names.map((n) => localName(n, lang)).join(' › ');
}

type GridState =
  | { kind: 'none' }
  | { kind: 'found'; grid: GridFound }
  | { kind: 'outside' }
  | { kind: 'offline' };

export function LocationField(props: { value: GpsPoint | null; onChange(point: GpsPoint | null): void }) {
  const { t, lang } = useT();
  const [mapOpen, setMapOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [grid, setGrid] = useState<GridState>({ kind: 'none' });
  const { value } = props;

  useEffect(() => {
    if (!value) {
      setGrid({ kind: 'none' });
      return;
    }
    let current = true;
    if (!navigator.onLine) {
      setGrid({ kind: 'offline' });
      return;
    }
    lookupGrid(value).then(
      (found) => current && setGrid(found ? { kind: 'found', grid: found } : { kind: 'outside' }),
      () => current && setGrid({ kind: 'offline' }),
    );
    return () => {
      current = false;
    };
  }, [value]);

  async function locate() {
    setBusy(true);
    setProblem(null);
    try {
      props.onChange(await currentPosition());
    } catch (error) {
      setProblem(t('gpsFailed', { reason: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="field">
      <legend>{t('location')}</legend>
      <div className="row">
        <Button size="small" color="primary" fill="outline" loading={busy} onClick={locate}>
          {busy ? t('locating') : t('useGps')}
        </Button>
        <Button size="small" fill="outline" onClick={() => setMapOpen((open) => !open)}>
          {mapOpen ? t('closeMap') : t('pickOnMap')}
        </Button>
      </div>
      {problem && <p className="problem">{problem}</p>}
      {value && (
        <p className="place" data-testid="place">
          {value.lat.toFixed(5)}, {value.lng.toFixed(5)}
        </p>
      )}
      {grid.kind === 'found' && (
        <p className="grid-found" data-testid="grid">
          {t('gridOfPlace', { grid: gridName(grid.grid, lang) })}
        </p>
      )}
      {grid.kind === 'outside' && <p className="problem">{t('noGridHere')}</p>}
      {grid.kind === 'offline' && <p className="hint">{t('gridUnknownOffline')}</p>}
      {mapOpen && (
        <Suspense fallback={<p className="hint">{t('loading')}</p>}>
          <p className="hint">{t('mapHint')}</p>
          <MapPicker value={value} onPick={props.onChange} label={t('pickOnMap')} />
        </Suspense>
      )}
    </fieldset>
  );
}
