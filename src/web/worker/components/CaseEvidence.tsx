/**
 * 现场证据 on a case page: the photos (the resident's, and the handlers' before/after), a small map
 * of where the case is with its grid, and a link that opens the phone's map app there (geo: URI).
 * Everything as last synced when there is no signal.
 */
import { Card } from 'antd-mobile';
import type { Geometry } from 'geojson';
import { galleryLabels } from '../../shared/evidence-labels.ts';
import { LazyCaseMap } from '../../shared/LazyCaseMap.tsx';
import { PhotoGallery } from '../../shared/PhotoGallery.tsx';
import { cacheKey } from '../cache.ts';
import { useT } from '../i18n/index.ts';
import { fetchPhotos, useGalleryPhotos } from '../photos.ts';
import { fetchArea } from '../prefetch.ts';
import { useCachedResource } from '../resource.ts';
import type { AreaDetail, CasePhoto, WorkerCase } from '../types.ts';

/** A geo: URI (RFC 5870) that phones open in their map app, with a pin named after the case. */
export function navigateHref(lng: number, lat: number, name: string): string {
  const at = `${lat.toFixed(6)},${lng.toFixed(6)}`;
  return `geo:${at}?q=${at}(${encodeURIComponent(name)})`;
}

export function CaseEvidence(props: { theCase: WorkerCase }) {
  const { t } = useT();
  const c = props.theCase;
  const photos = useCachedResource<CasePhoto[]>(cacheKey.photos(c.id), () => fetchPhotos(c.id));
  const gridId = c.grid?.id;
  const area = useCachedResource<AreaDetail>(gridId && cacheKey.area(gridId), () => fetchArea(gridId ?? ''));
  const gallery = useGalleryPhotos(photos.value);
  const lng = c.location?.lng;
  const lat = c.location?.lat;
  const located = typeof lng === 'number' && typeof lat === 'number';

  return (
    <Card title={t('evidence.title')} className="case-evidence">
      {gallery.length > 0 ? (
        <PhotoGallery photos={gallery} labels={galleryLabels(t)} />
      ) : (
        <p className="hint">{t('evidence.noPhotos')}</p>
      )}
      {located ? (
        <>
          <LazyCaseMap
            point={{ lng, lat }}
            polygon={(area.value?.polygon as Geometry | null | undefined) ?? null}
            label={t('evidence.map', { caseNo: c.caseNo })}
          />
          <p className="hint">
            {lng.toFixed(5)}, {lat.toFixed(5)} ·{' '}
            <a href={navigateHref(lng, lat, c.caseNo)} data-testid="navigate">
              {t('evidence.navigate')}
            </a>
          </p>
        </>
      ) : (
        <p className="hint">{t('evidence.noLocation')}</p>
      )}
    </Card>
  );
}
