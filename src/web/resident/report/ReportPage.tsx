/** 我要反映: report a problem or dispute — category, description, photos, location, anonymity, phone. */
import { Button, Toast } from 'antd-mobile';
import { type FormEvent, useId, useState } from 'react';
import { useT } from '../i18n/index.ts';
import { navigate } from '../router.ts';
import { caseTypeName, useCaseTypes } from './case-types.ts';
import type { GpsPoint } from './exif.ts';
import { LocationField } from './LocationField.tsx';
import { PhotoField, type PickedPhoto } from './PhotoField.tsx';
import { caseOf, queueReport } from './resident-outbox.ts';

export function ReportPage() {
  const { t, lang } = useT();
  const id = useId();
  const types = useCaseTypes();
  const [caseType, setCaseType] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [location, setLocation] = useState<GpsPoint | null>(null);
  const [anonymous, setAnonymous] = useState(false);
  const [contactPhone, setContactPhone] = useState('');
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = !caseType
      ? 'needCategory'
      : !description.trim()
        ? 'needDescription'
        : !location
          ? 'needLocation'
          : null;
    if (missing || !location) {
      Toast.show({ content: t(missing ?? 'needLocation') });
      return;
    }
    setSending(true);
    try {
      const type = types.find((c) => c.code === caseType);
      const label = `${type?.nameZh ?? caseType}：${description.trim().slice(0, 30)}`;
      const item = await queueReport(
        label,
        {
          description: description.trim(),
          caseType,
          lng: location.lng,
          lat: location.lat,
          crs: 'wgs84',
          anonymous,
          ...(contactPhone.trim() ? { contactPhone: contactPhone.trim() } : {}),
        },
        photos.map((p) => p.blob),
      );
      const created = item.status === 'sent' ? caseOf(item) : undefined;
      if (item.status === 'refused') {
        Toast.show({ content: t('outboxRefused', { reason: item.error ?? '' }) });
        return;
      }
      setCaseType('');
      setDescription('');
      setPhotos([]);
      setContactPhone('');
      setAnonymous(false);
      if (created) {
        Toast.show({ content: t('reportSent', { caseNo: created.caseNo }) });
        navigate({ page: 'case', id: created.id });
      } else {
        Toast.show({ content: t('reportQueued') });
        navigate({ page: 'cases' });
      }
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="page report" onSubmit={submit} noValidate>
      <h1>{t('reportTitle')}</h1>
      <fieldset className="field">
        <legend>{t('category')}</legend>
        <div className="chips" role="radiogroup" aria-label={t('category')}>
          {types.map((type) => (
            <label key={type.code} className={type.code === caseType ? 'chip chosen' : 'chip'}>
              <input
                type="radio"
                name="caseType"
                value={type.code}
                checked={type.code === caseType}
                onChange={() => setCaseType(type.code)}
              />
              {caseTypeName(type, lang)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('description')}</label>
        <textarea
          id={`${id}-description`}
          rows={4}
          maxLength={5000}
          placeholder={t('descriptionHint')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <PhotoField photos={photos} onChange={setPhotos} onLocation={setLocation} />
      <LocationField value={location} onChange={setLocation} />
      <div className="field check">
        <input
          id={`${id}-anonymous`}
          type="checkbox"
          checked={anonymous}
          onChange={(e) => setAnonymous(e.target.checked)}
        />
        <label htmlFor={`${id}-anonymous`}>{t('anonymous')}</label>
      </div>
      <div className="field">
        <label htmlFor={`${id}-phone`}>{t('contactPhone')}</label>
        <input
          id={`${id}-phone`}
          type="tel"
          inputMode="tel"
          maxLength={20}
          autoComplete="tel"
          value={contactPhone}
          onChange={(e) => setContactPhone(e.target.value)}
        />
      </div>
      <Button block color="primary" size="large" type="submit" loading={sending} disabled={sending}>
        {sending ? t('submitting') : t('submit')}
      </Button>
    </form>
  );
}
