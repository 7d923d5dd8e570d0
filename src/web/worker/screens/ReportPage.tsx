/**
 * Report a case found on patrol (信息采集), or settle it on the spot (即知即调) in the same form with
 * its outcome. The report goes through the outbox, so it can be made with no signal.
 */
import { Button, Card, Checkbox, NavBar, Selector, Toast } from 'antd-mobile';
import { useState } from 'react';
import type { Difficulty } from '../../../shared/domain.ts';
import { api, call } from '../../shared/api.ts';
import type { FieldSpec, FormValues } from '../actions/fields.ts';
import { cacheKey } from '../cache.ts';
import { Field } from '../components/Field.tsx';
import { NetworkBar } from '../components/NetworkBar.tsx';
import { PhotoPicker } from '../components/PhotoPicker.tsx';
import { useT } from '../i18n/index.ts';
import { gpsFix, gridCentre, type Point } from '../location.ts';
import { useMyGrid } from '../my-grid.ts';
import { NEW_CASE, queuePhotos, type TakenPhoto } from '../photos.ts';
import { useCachedResource } from '../resource.ts';
import { navigate } from '../router.ts';
import { outbox } from '../sync.ts';
import type { CaseType, Me } from '../types.ts';

const TITLE: FieldSpec = { name: 'title', kind: 'text', label: 'report.caseTitle', required: false };
const TYPE: FieldSpec = { name: 'caseType', kind: 'caseType', label: 'report.caseType', required: false };
const DESCRIPTION: FieldSpec = {
  name: 'description',
  kind: 'textarea',
  label: 'report.description',
  required: true,
};
const RESULT: FieldSpec = {
  name: 'result',
  kind: 'textarea',
  label: 'report.onTheSpotResult',
  required: true,
};
const DIFFICULTY: FieldSpec = {
  name: 'difficulty',
  kind: 'choice',
  label: 'report.onTheSpotDifficulty',
  required: false,
  options: ['simple', 'general', 'difficult'],
  optionPrefix: 'difficulty',
};

type Where = 'grid' | 'gps';

export function ReportPage(props: { me: Me }) {
  const { t } = useT();
  const grid = useMyGrid(props.me);
  const caseTypes = useCachedResource<CaseType[]>(cacheKey.caseTypes, () =>
    call(api.GET('/api/v1/case-types')),
  );
  const [values, setValues] = useState<FormValues>({});
  const [onTheSpot, setOnTheSpot] = useState(false);
  const [where, setWhere] = useState<Where>('grid');
  const [gps, setGps] = useState<Point>();
  const [gpsState, setGpsState] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [photos, setPhotos] = useState<TakenPhoto[]>([]);
  const point = where === 'gps' ? gps : gridCentre(grid.value);

  const text = (name: string) => {
    const v = values[name];
    return typeof v === 'string' ? v.trim() : '';
  };
  const set = (name: string) => (v: string | string[]) => setValues((old) => ({ ...old, [name]: v }));

  async function locate() {
    setWhere('gps');
    setGpsState(t('report.locating'));
    try {
      setGps(await gpsFix());
      setGpsState(undefined);
    } catch (err) {
      setGpsState(t('report.gpsFailed', { message: (err as Error).message }));
    }
  }

  async function submit() {
    const missing = [DESCRIPTION, ...(onTheSpot ? [RESULT] : [])].find((f) => !text(f.name));
    if (missing) {
      Toast.show({ content: t('form.required', { field: t(missing.label) }) });
      return;
    }
    if (!point) {
      Toast.show({ content: t('report.noLocation') });
      return;
    }
    const title = text('title') || text('description').slice(0, 30);
    setBusy(true);
    try {
      const item = await outbox.add({
        label: t(onTheSpot ? 'report.labelOnTheSpot' : 'report.labelNew', { title }),
        path: '/api/v1/cases',
        body: {
          description: text('description'),
          title,
          ...(text('caseType') ? { caseType: text('caseType') } : {}),
          lng: point.lng,
          lat: point.lat,
          crs: 'wgs84',
          source: 'worker_app',
          ...(onTheSpot
            ? {
                onTheSpot: {
                  result: text('result'),
                  ...(text('difficulty') ? { difficulty: text('difficulty') as Difficulty } : {}),
                },
              }
            : {}),
        },
      });
      // The photos follow the report and go to the case it creates.
      await queuePhotos(photos, {
        caseId: NEW_CASE,
        afterItemId: item.id,
        label: t('photo.outboxLabelNew', { title }),
      });
      Toast.show({ content: navigator.onLine ? t('form.sent') : t('form.queued') });
      navigate({ page: 'sync' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <NavBar onBack={() => navigate({ page: 'today' })}>{t('report.title')}</NavBar>
      <NetworkBar savedAt={grid.savedAt} />
      <Card className="report-form">
        <Field spec={TITLE} value={values.title} onChange={set('title')} />
        <Field
          spec={TYPE}
          value={values.caseType}
          onChange={set('caseType')}
          {...(caseTypes.value ? { caseTypes: caseTypes.value } : {})}
        />
        <Field spec={DESCRIPTION} value={values.description} onChange={set('description')} />
        <PhotoPicker kind="report" label={t('photo.kind.report')} photos={photos} onChange={setPhotos} />
        <fieldset className="field">
          <legend className="field-label">{t('report.location')}</legend>
          <Selector
            options={[
              { label: t('report.useGridCentre'), value: 'grid' },
              { label: t('report.useGps'), value: 'gps' },
            ]}
            value={[where]}
            onChange={(v) => (v[0] === 'gps' ? void locate() : setWhere('grid'))}
          />
          <p className="hint" data-testid="report-point">
            {gpsState ??
              (point ? `${point.lng.toFixed(5)}, ${point.lat.toFixed(5)}` : t('report.noLocation'))}
          </p>
        </fieldset>
        <Checkbox checked={onTheSpot} onChange={setOnTheSpot}>
          {t('report.onTheSpot')}
        </Checkbox>
        {onTheSpot && (
          <>
            <Field spec={RESULT} value={values.result} onChange={set('result')} />
            <Field spec={DIFFICULTY} value={values.difficulty} onChange={set('difficulty')} />
          </>
        )}
        <Button block color="primary" size="large" loading={busy} onClick={() => void submit()}>
          {onTheSpot ? t('report.submitOnTheSpot') : t('report.submit')}
        </Button>
      </Card>
    </>
  );
}
