/**
 * 我的事项: the cases I reported, newest first, with their state in plain words; and the outbox.
 * Shown as last synced when there is no signal.
 */
import { Button, ErrorBlock, Tag } from 'antd-mobile';
import { api, call } from '../../shared/api.ts';
import { useCachedResource } from '../../shared/cached-resource.ts';
import { useOnline } from '../../shared/online.ts';
import { queryKeys } from '../../shared/query-keys.ts';
import { useRefreshAfterSending } from '../../shared/refresh-after-sending.ts';
import { cacheKey, residentCache } from '../cache.ts';
import { useT } from '../i18n/index.ts';
import { dayOf } from '../i18n/time.ts';
import { outbox } from '../report/resident-outbox.ts';
import { hrefOf } from '../router.ts';
import { LastSynced } from './LastSynced.tsx';
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

const SENT = ['sent'] as const;
const MY_CASES = [queryKeys.offline(cacheKey.myCases)];
/** Each report the outbox sends reloads the list. */
const myCasesKeys = () => MY_CASES;

export function MyCasesPage() {
  const { t, lang } = useT();
  const online = useOnline();
  useRefreshAfterSending(outbox, SENT, myCasesKeys);
  const cases = useCachedResource<CaseRow[]>(
    residentCache,
    cacheKey.myCases,
    async () =>
      (await call(api.GET('/api/v1/cases', { params: { query: { mine: true, limit: 100 } } }))).items,
    { online },
  );
  const list = cases.value;

  return (
    <div className="page cases">
      <h1>{t('casesTitle')}</h1>
      <LastSynced savedAt={cases.savedAt} />
      <OutboxPanel />
      {!list && !cases.loading && (
        <ErrorBlock
          status="disconnected"
          title={cases.error?.message ?? t('offlineNothingSaved')}
          description=""
        >
          <Button size="small" onClick={cases.reload}>
            {t('retry')}
          </Button>
        </ErrorBlock>
      )}
      {!list && cases.loading && <p className="hint">{t('loading')}</p>}
      {list?.length === 0 && <p className="empty">{t('casesEmpty')}</p>}
      {list && list.length > 0 && (
        <ul className="case-list">
          {list.map((c) => (
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
                  <time dateTime={c.createdAt}>{dayOf(c.createdAt)}</time>
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
