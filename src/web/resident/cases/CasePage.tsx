/** One of my cases: its state, photos, the timeline in plain words, the handler's result and the return visit. */
import { Button, ErrorBlock, Tag } from 'antd-mobile';
import { api, call } from '../../shared/api.ts';
import { useCachedResource } from '../../shared/cached-resource.ts';
import type { CaseView } from '../../shared/case-view.ts';
import { useOnline } from '../../shared/online.ts';
import { localName } from '../../shared/vocabulary.ts';
import { cacheKey, residentCache } from '../cache.ts';
import { useT } from '../i18n/index.ts';
import { fullTime } from '../i18n/time.ts';
import { caseTypeName, useCaseTypes } from '../report/case-types.ts';
import { hrefOf } from '../router.ts';
import { LastSynced } from './LastSynced.tsx';
import { ReturnVisit } from './ReturnVisit.tsx';
import { describeEvent, type HistoryEvent, type Names, statusWord } from './timeline.ts';

/** A name as the server gives it: Chinese, English and, where on record, Mongolian. */
interface AreaName {
  zh: string;
  en: string;
  mn?: string | null;
}

/** The case as this page reads it (the apps' one view of the case JSON). */
type ResidentCase = CaseView;

interface Loaded {
  c: ResidentCase;
  history: HistoryEvent[];
  photos: { id: string; url: string }[];
}

export function CasePage(props: { id: string }) {
  const { t, lang } = useT();
  const types = useCaseTypes();
  const online = useOnline();
  const path = { params: { path: { id: props.id } } };
  const page = useCachedResource<Loaded>(
    residentCache,
    cacheKey.casePage(props.id),
    async () => {
      const [c, history, photos] = await Promise.all([
        call(api.GET('/api/v1/cases/{id}', path)),
        call(api.GET('/api/v1/cases/{id}/history', path)),
        call(api.GET('/api/v1/cases/{id}/photos', path)),
      ]);
      return { c, history, photos };
    },
    { online },
  );
  const loaded = page.value;

  if (!loaded) {
    if (page.loading) return <p className="page hint">{t('loading')}</p>;
    return (
      <div className="page">
        <a href={hrefOf({ page: 'cases' })}>‹ {t('back')}</a>
        <ErrorBlock
          status="disconnected"
          title={page.error?.message ?? t('offlineNothingSaved')}
          description=""
        >
          <Button size="small" onClick={page.reload}>
            {t('retry')}
          </Button>
        </ErrorBlock>
      </div>
    );
  }

  const { c, history, photos } = loaded;
  const nameIn = (n: AreaName | null | undefined) => (n ? localName(n, lang) : undefined);
  const names: Names = {
    user: (id) => c.parties.find((p) => p.user?.id === id)?.user?.name ?? undefined,
    department: (id) => nameIn(c.parties.find((p) => p.department?.id === id)?.department?.name),
    caseType: (code) => {
      const type = types.find((x) => x.code === code);
      return type ? caseTypeName(type, lang) : code;
    },
  };
  const steps = history
    .map((event) => ({ event, text: describeEvent(event, t, names) }))
    .filter((s): s is { event: HistoryEvent; text: string } => s.text !== null);

  return (
    <article className="page case">
      <a className="back" href={hrefOf({ page: 'cases' })}>
        ‹ {t('back')}
      </a>
      <h1>{c.title}</h1>
      <LastSynced savedAt={page.savedAt} />
      <p className="meta">
        <Tag color={c.status === 'verified' ? 'warning' : 'primary'} data-testid="status">
          {statusWord(c.status, lang)}
        </Tag>
        <span>{t('caseNo', { caseNo: c.caseNo })}</span>
        {c.grid && <span>{nameIn(c.grid.name)}</span>}
      </p>
      <p className="description">{c.description}</p>
      {/* Offline the photos cannot be fetched: they are not shown rather than shown broken. */}
      {online && photos.length > 0 && (
        <section aria-label={t('photosOfCase')} className="thumbs">
          {photos.map((photo) => (
            <a key={photo.id} href={photo.url} className="thumb" target="_blank" rel="noreferrer">
              <img src={photo.url} alt={t('photosOfCase')} loading="lazy" />
            </a>
          ))}
        </section>
      )}
      {c.result && (
        <section className="result">
          <h2>{t('result')}</h2>
          <p>{c.result}</p>
        </section>
      )}
      {c.satisfaction && (
        <p className="satisfaction">
          {c.satisfaction === 'satisfied' ? t('satisfactionSatisfied') : t('satisfactionUnsatisfied')}
        </p>
      )}
      {online && c.allowedActions.includes('visit') && <ReturnVisit caseId={c.id} onDone={page.reload} />}
      <section className="timeline">
        <h2>{t('timeline')}</h2>
        {/* A plain list, so the steps read top to bottom, or in columns left to right in Mongolian. */}
        <ol className="steps">
          {steps.map(({ event, text }) => (
            <li key={event.seq}>
              <span className="step-text">{text}</span>
              <time className="step-time" dateTime={event.at}>
                {fullTime(event.at)}
              </time>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
