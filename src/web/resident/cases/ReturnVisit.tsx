/** 回访: the reporter rates the result — satisfied (the case can be archived) or not (it is handled again). */
import { Button, Rate, Toast } from 'antd-mobile';
import { useId, useState } from 'react';
import { api, call } from '../../shared/api.ts';
import { useT } from '../i18n/index.ts';

export function ReturnVisit(props: { caseId: string; onDone(): void }) {
  const { t } = useT();
  const id = useId();
  const [rating, setRating] = useState(5);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);

  async function visit(satisfied: boolean) {
    setBusy(true);
    try {
      await call(
        api.POST('/api/v1/cases/{id}/actions/visit', {
          params: { path: { id: props.caseId } },
          body: { satisfied, rating, ...(comment.trim() ? { comment: comment.trim() } : {}) },
        }),
      );
      Toast.show({ content: t('visitThanks') });
      props.onDone();
    } catch (error) {
      Toast.show({ content: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="visit" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('visitTitle')}</h2>
      <p>{t('visitIntro')}</p>
      <fieldset className="field">
        <legend>{t('rating')}</legend>
        <Rate value={rating} onChange={(v) => setRating(Math.max(1, v))} />
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-comment`}>{t('comment')}</label>
        <textarea
          id={`${id}-comment`}
          rows={3}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      <div className="row">
        <Button color="success" loading={busy} disabled={busy} onClick={() => void visit(true)}>
          {t('satisfied')}
        </Button>
        <Button color="danger" fill="outline" disabled={busy} onClick={() => void visit(false)}>
          {t('notSatisfied')}
        </Button>
      </div>
    </section>
  );
}
