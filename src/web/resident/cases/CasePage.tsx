/** One of my cases: its state, photos, the timeline in plain words, the handler's result and the return visit. */
import { Button, ErrorBlock, Steps, Tag } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { api, call } from '../../shared/api.ts';
import { useT } from '../i18n/index.ts';
import { useCaseTypes } from '../report/case-types.ts';
import { hrefOf } from '../router.ts';
import { ReturnVisit } from './ReturnVisit.tsx';
import { describeEvent, type HistoryEvent, type Names, statusWord } from './timeline.ts';

interface Party {
  user: { id: string; name: string | null } | null;
  department: { id: string; name: { zh: string; en: string } | null } | null;
}

/** The fields of the case JSON (cases/presenter.ts) this page shows. */
interface ResidentCase {
  id: string;
  caseNo: string;
  title: string;
  description: string;
  status: string;
  caseType: string | null;
  result: string | null;
  satisfaction: string | null;
  createdAt: string;
  parties: Party[];
  allowedActions: string[];
  grid: { name: { zh: string; en: string } } | null;
}

interface Loaded {
  c: ResidentCase;
  history: HistoryEvent[];
  photos: { id: string; url: string }[];
}

export function CasePage(props: { id: string }) {
  const { t, lang } = useT();
  const types = useCaseTypes();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(() => {
    const path = { params: { path: { id: props.id } } };
    Promise.all([
      call(api.GET('/api/v1/cases/{id}', path)),
      call(api.GET('/api/v1/cases/{id}/history', path)),
      call(api.GET('/api/v1/cases/{id}/photos', path)),
    ]).then(
      ([c, history, photos]) => {
        setLoaded({ c: c as unknown as ResidentCase, history, photos });
        setProblem(null);
      },
      (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)),
    );
  }, [props.id]);
  useEffect(load, [load]);

  if (problem && !loaded) {
    return (
      <div className="page">
        <a href={hrefOf({ page: 'cases' })}>‹ {t('back')}</a>
        <ErrorBlock status="disconnected" title={problem} description="">
          <Button size="small" onClick={load}>
            {t('retry')}
          </Button>
        </ErrorBlock>
      </div>
    );
  }
  if (!loaded) return <p className="page hint">{t('loading')}</p>;

  const { c, history, photos } = loaded;
  const nameIn = (n: { zh: string; en: string } | null | undefined) =>
    n ? (lang === 'en' ? n.en : n.zh) : undefined;
  const names: Names = {
    user: (id) => c.parties.find((p) => p.user?.id === id)?.user?.name ?? undefined,
    department: (id) => nameIn(c.parties.find((p) => p.department?.id === id)?.department?.name),
    caseType: (code) => {
      const type = types.find((x) => x.code === code);
      return type ? (lang === 'en' ? type.nameEn : type.nameZh) : code;
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
      <p className="meta">
        <Tag color={c.status === 'verified' ? 'warning' : 'primary'} data-testid="status">
          {statusWord(c.status, lang)}
        </Tag>
        <span>{t('caseNo', { caseNo: c.caseNo })}</span>
        {c.grid && <span>{nameIn(c.grid.name)}</span>}
      </p>
      <p className="description">{c.description}</p>
      {photos.length > 0 && (
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
      {c.allowedActions.includes('visit') && <ReturnVisit caseId={c.id} onDone={load} />}
      <section className="timeline">
        <h2>{t('timeline')}</h2>
        <Steps direction="vertical" current={steps.length - 1}>
          {steps.map(({ event, text }) => (
            <Steps.Step
              key={event.seq}
              title={text}
              description={<time dateTime={event.at}>{new Date(event.at).toLocaleString()}</time>}
              status="finish"
            />
          ))}
        </Steps>
      </section>
    </article>
  );
}
