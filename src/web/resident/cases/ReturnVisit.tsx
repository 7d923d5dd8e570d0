/** 回访: the reporter rates the result — satisfied (the case can be archived) or not (it is handled again). */
import { Button, Toast } from 'antd-mobile';
import { useId, useState } from 'react';
import { api, call } from '../../shared/api.ts';
import { useT } from '../i18n/index.ts';

const STARS = [1, 2, 3, 4, 5] as const;
type Stars = (typeof STARS)[number];

/**
 * Five stars, each its own radio button whose tap area is exactly the star — antd-mobile's Rate
 * computes the star from the x position over its whole (stretched, or vertical) width and mis-rates.
 * No star is chosen until the person taps one.
 */
function StarRating(props: { value: Stars | null; onChange(value: Stars): void }) {
  const { t } = useT();
  const name = useId();
  return (
    <div className="stars">
      {STARS.map((n) => (
        <label key={n} className={`star${props.value !== null && n <= props.value ? ' on' : ''}`}>
          <input
            type="radio"
            name={name}
            value={n}
            checked={props.value === n}
            aria-label={t('ratingStar', { n })}
            onChange={() => props.onChange(n)}
          />
          <span aria-hidden="true">★</span>
        </label>
      ))}
      {props.value !== null && (
        <output className="rating-value" data-testid="rating-value">
          {t('ratingChosen', { n: props.value })}
        </output>
      )}
    </div>
  );
}

export function ReturnVisit(props: { caseId: string; onDone(): void }) {
  const { t } = useT();
  const id = useId();
  const [rating, setRating] = useState<Stars | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);

  async function visit(satisfied: boolean) {
    if (rating === null) return;
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

  // Five stars and "not satisfied" contradict each other; the server refuses it too.
  const contradicts = rating === 5;
  return (
    <section className="visit" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('visitTitle')}</h2>
      <p>{t('visitIntro')}</p>
      <fieldset className="field">
        <legend>{t('rating')}</legend>
        <StarRating value={rating} onChange={setRating} />
        {rating === null && <p className="hint">{t('ratingNeeded')}</p>}
        {contradicts && <p className="hint">{t('ratingContradicts')}</p>}
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
        <Button
          color="success"
          loading={busy}
          disabled={busy || rating === null}
          onClick={() => void visit(true)}
        >
          {t('satisfied')}
        </Button>
        <Button
          color="danger"
          fill="outline"
          disabled={busy || rating === null || contradicts}
          onClick={() => void visit(false)}
        >
          {t('notSatisfied')}
        </Button>
      </div>
    </section>
  );
}
