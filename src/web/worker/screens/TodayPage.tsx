/**
 * Today (今日): my tasks with their deadlines and traffic lights, my grid's open cases, and the
 * reminders and supervision orders addressed to me — from the server, or as last synced offline.
 */
import { Button, List, NavBar, Tag } from 'antd-mobile';
import { useEffect } from 'react';
import { OPEN_STATUSES } from '../../../shared/domain.ts';
import { api, call } from '../../shared/api.ts';
import { serverText } from '../../shared/messages.ts';
import { localName } from '../../shared/vocabulary.ts';
import { cacheKey } from '../cache.ts';
import { CaseCard } from '../components/CaseCard.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { NetworkBar } from '../components/NetworkBar.tsx';
import { formatTime, labelOf, useT } from '../i18n/index.ts';
import { useMyGrid } from '../my-grid.ts';
import { prefetchCases, prefetchCatalogue } from '../prefetch.ts';
import { useCachedResource } from '../resource.ts';
import { hrefOf, navigate } from '../router.ts';
import { myGridId } from '../session.ts';
import { useOnline } from '../sync.ts';
import type { CaseSummary, Me, Notification } from '../types.ts';

export function TodayPage(props: { me: Me }) {
  const { t, lang } = useT();
  const online = useOnline();
  const gridId = myGridId(props.me);

  const grid = useMyGrid(props.me);
  const tasks = useCachedResource<CaseSummary[]>(
    cacheKey.tasks,
    async () =>
      (
        await call(
          api.GET('/api/v1/cases', {
            params: { query: { assigned: true, status: [...OPEN_STATUSES], limit: 100 } },
          }),
        )
      ).items,
  );
  const gridCases = useCachedResource<CaseSummary[]>(
    gridId && cacheKey.gridCases,
    async () =>
      (
        await call(
          api.GET('/api/v1/cases', {
            params: { query: { areaId: gridId, status: [...OPEN_STATUSES], limit: 100 } },
          }),
        )
      ).items,
  );
  const notices = useCachedResource<Notification[]>(cacheKey.notifications, () =>
    call(api.GET('/api/v1/notifications', { params: { query: { limit: 30 } } })),
  );

  useEffect(() => {
    if (!online || !tasks.fresh) return;
    void prefetchCatalogue();
    void prefetchCases([...(tasks.value ?? []), ...(gridCases.value ?? [])].map((c) => c.id));
  }, [online, tasks.fresh, tasks.value, gridCases.value]);

  const taskIds = new Set((tasks.value ?? []).map((c) => c.id));
  const others = (gridCases.value ?? []).filter((c) => !taskIds.has(c.id));
  const gridName = localName(grid.value, lang);

  return (
    <>
      <NavBar back={null} right={<LanguageSwitch />}>
        {t('app.name')}
      </NavBar>
      <NetworkBar savedAt={tasks.savedAt} />
      <div className="today-head">
        <h2>{t('today.greeting', { name: props.me.displayName })}</h2>
        {gridName && <p>{t('today.grid', { grid: gridName })}</p>}
        {online && tasks.savedAt && (
          <p className="hint">{t('net.synced', { time: formatTime(tasks.savedAt, lang) })}</p>
        )}
        <Button color="primary" block onClick={() => navigate({ page: 'report' })}>
          {t('today.report')}
        </Button>
      </div>

      <List header={t('today.tasks')} className="tasks">
        {(tasks.value ?? []).map((c) => (
          <CaseCard key={c.id} item={c} />
        ))}
        {tasks.value?.length === 0 && <List.Item>{t('today.tasksEmpty')}</List.Item>}
      </List>

      <List header={t('today.notices')} className="notices">
        {(notices.value ?? []).slice(0, 10).map((n) => (
          <List.Item
            key={n.id}
            onClick={() => {
              if (online && !n.readAt)
                void api.POST('/api/v1/notifications/{id}/read', { params: { path: { id: n.id } } });
              window.location.hash = hrefOf({ page: 'case', id: n.caseId });
            }}
            prefix={
              <Tag color={n.kind === 'supervision' ? 'danger' : 'warning'}>
                {labelOf(t, 'notice', n.kind)}
              </Tag>
            }
            description={formatTime(n.createdAt, lang)}
            className={n.readAt ? 'read' : 'unread'}
          >
            {serverText(n, lang === 'en' ? 'en' : lang === 'mn' ? 'mn' : 'zh')}
          </List.Item>
        ))}
        {notices.value?.length === 0 && <List.Item>{t('today.noticesEmpty')}</List.Item>}
      </List>

      {gridId && (
        <List header={t('today.gridCases')} className="grid-cases">
          {others.map((c) => (
            <CaseCard key={c.id} item={c} />
          ))}
          {gridCases.value && others.length === 0 && <List.Item>{t('today.gridCasesEmpty')}</List.Item>}
        </List>
      )}
    </>
  );
}
