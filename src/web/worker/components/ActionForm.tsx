/**
 * The small form of one case action: only the fields that action takes. Submitting puts the action
 * in the outbox with its Idempotency-Key — sent at once with signal, in order later without.
 */
import { Button, Card, Space, Toast } from 'antd-mobile';
import { useState } from 'react';
import { api, call } from '../../shared/api.ts';
import type { ActionName } from '../../shared/codes.ts';
import { ACTION_FIELDS, ACTION_PHOTOS, bodyOf, type FormValues, missingField } from '../actions/fields.ts';
import { cacheKey } from '../cache.ts';
import { labelOf, useT } from '../i18n/index.ts';
import { queuePhotos, type TakenPhoto } from '../photos.ts';
import { useCachedResource } from '../resource.ts';
import { actionRequest, outbox } from '../sync.ts';
import type { CaseType, TeamMember } from '../types.ts';
import { Field } from './Field.tsx';
import { PhotoPicker } from './PhotoPicker.tsx';

export interface ActionFormProps {
  caseId: string;
  caseNo: string;
  action: ActionName;
  /** The area whose team may be picked (dispatch, link): the case's handling area. */
  teamAreaId: string | undefined;
  onClose(): void;
}

export function ActionForm(props: ActionFormProps) {
  const { t } = useT();
  const fields = ACTION_FIELDS[props.action] ?? [];
  const needsTeam = fields.some((f) => f.kind === 'people');
  const needsTypes = fields.some((f) => f.kind === 'caseType');
  const [values, setValues] = useState<FormValues>({});
  const [photos, setPhotos] = useState<TakenPhoto[]>([]);
  const photoKinds = ACTION_PHOTOS[props.action] ?? [];
  const [busy, setBusy] = useState(false);

  const teamAreaId = needsTeam ? props.teamAreaId : undefined;
  const team = useCachedResource<TeamMember[]>(teamAreaId && cacheKey.team(teamAreaId), () =>
    call(api.GET('/api/v1/areas/{id}/team', { params: { path: { id: teamAreaId ?? '' } } })),
  );
  const caseTypes = useCachedResource<CaseType[]>(needsTypes ? cacheKey.caseTypes : undefined, () =>
    call(api.GET('/api/v1/case-types')),
  );

  async function submit() {
    const missing = missingField(fields, values);
    if (missing) {
      Toast.show({ content: t('form.required', { field: t(missing.label) }) });
      return;
    }
    setBusy(true);
    try {
      const item = await outbox.add({
        label: `${labelOf(t, 'action', props.action)} · ${props.caseNo}`,
        ...actionRequest(props.caseId, props.action, bodyOf(fields, values)),
      });
      // The photos follow the action: sent once it went through, refused with it otherwise.
      await queuePhotos(photos, {
        caseId: props.caseId,
        afterItemId: item.id,
        label: t('photo.outboxLabel', { caseNo: props.caseNo }),
      });
      Toast.show({ content: navigator.onLine ? t('form.sent') : t('form.queued') });
      props.onClose();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={labelOf(t, 'action', props.action)} className="action-form">
      {needsTeam && !team.value?.length && !team.loading && <p className="hint">{t('form.noTeam')}</p>}
      {fields.map((spec) => (
        <Field
          key={spec.name}
          spec={spec}
          value={values[spec.name]}
          onChange={(v) => setValues((old) => ({ ...old, [spec.name]: v }))}
          caseId={props.caseId}
          {...(team.value ? { team: team.value } : {})}
          {...(caseTypes.value ? { caseTypes: caseTypes.value } : {})}
        />
      ))}
      {photoKinds.map((kind) => (
        <PhotoPicker
          key={kind}
          kind={kind}
          label={t(`photo.kind.${kind}`)}
          photos={photos}
          onChange={setPhotos}
        />
      ))}
      <Space block justify="end">
        <Button onClick={props.onClose}>{t('form.cancel')}</Button>
        <Button color="primary" loading={busy} onClick={() => void submit()}>
          {t('form.submit')}
        </Button>
      </Space>
    </Card>
  );
}
