/** 我的事项: the cases I reported, newest first, with their state in plain words; and the outbox. */
import { Button, ErrorBlock, Tag } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { api, call } from '../../shared/api.ts';
import { useT } from '../i18n/index.ts';
import { outbox } from '../report/resident-outbox.ts';
import { hrefOf } from '../router.ts';
import { OutboxPanel } from './OutboxPanel.tsx';
import { statusWord } from './timeline.ts';

interface CaseRow {
  id: string;
  caseNo: string;
  title: string;
  status: string;
  createdAt: string;
}

const CLOSED = new Set(['archived', 'rejected', 'merged', 'voided']);

export function MyCasesPage() {
  const { t, lang } = useT();
  const [cases, setCases] = useState<CaseRow[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(() => {
    // Offline, the list stays as it was; the outbox above shows what waits to be sent.
    if (!navigator.onLine) {
      setProblem(t('offlineBanner'));
      return;
    }
    call(api.GET('/api/v1/cases', { params: { query: { mine: true, limit: 100 } } })).then(
      (page) => {
        setCases(page.items);
        setProblem(null);
      },
      (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)),
    );
  }, [t]);

  useEffect(() => {
    load();
    // Reload when a report from the outbox goes through.
    let sent = -1;
    const unsubscribe = outbox.subscribe((items) => {
      const count = items.filter((i) => i.status === 'sent').length;
      if (sent !== -1 && count !== sent) load();
      sent = count;
    });
    window.addEventListener('online', load);
    return () => {
      unsubscribe();
      window.removeEventListener('online', load);
    };
  }, [load]);

  return (
    <div className="page cases">
      <h1>{t('casesTitle')}</h1>
      <OutboxPanel />
      {problem && !cases && (
        <ErrorBlock status="disconnected" title={problem} description="">
          <Button size="small" onClick={load}>
            {t('retry')}
          </Button>
        </ErrorBlock>
      )}
      {cases === null && !problem && <p className="hint">{t('loading')}</p>}
      {cases?.length === 0 && <p className="empty">{t('casesEmpty')}</p>}
      {cases && cases.length > 0 && (
        <ul className="case-list">
          {cases.map((c) => (
            <li key={c.id}>
              <a href={hrefOf({ page: 'case', id: c.id })} className="case-card" data-case-no={c.caseNo}>
                <span className="title">{c.title}</span>
                <span className="meta">
                  <Tag
                    color={c.status === 'verified' ? 'warning' : CLOSED.has(c.status) ? 'default' : 'primary'}
                  >
                    {statusWord(c.status, lang)}
                  </Tag>
                  <span>{t('caseNo', { caseNo: c.caseNo })}</span>
                  <time dateTime={c.createdAt}>{new Date(c.createdAt).toLocaleDateString()}</time>
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
