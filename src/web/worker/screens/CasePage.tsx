/**
 * A case page: details, what waits in the outbox for it, exactly the actions the case JSON's
 * `allowedActions` lists for me, and the timeline — from the server, or as last synced offline.
 */
import { Button, Card, List, NavBar, Space, Tag } from 'antd-mobile';
import { useState } from 'react';
import { api, call } from '../../shared/api.ts';
import type { ActionName } from '../../shared/codes.ts';
import { levelName, localName } from '../../shared/vocabulary.ts';
import { ACTION_FIELDS } from '../actions/fields.ts';
import { cacheKey } from '../cache.ts';
import { ActionForm } from '../components/ActionForm.tsx';
import { CaseEvidence } from '../components/CaseEvidence.tsx';
import { LightTag } from '../components/LightTag.tsx';
import { NetworkBar } from '../components/NetworkBar.tsx';
import { OutboxList } from '../components/OutboxList.tsx';
import { Timeline } from '../components/Timeline.tsx';
import { formatTime, labelOf, useT } from '../i18n/index.ts';
import { fetchCase, fetchHistory } from '../prefetch.ts';
import { useCachedResource } from '../resource.ts';
import { navigate } from '../router.ts';
import { caseIdOf, useOnline, useOutboxItems } from '../sync.ts';
import type { CaseType, HistoryEntry, WorkerCase } from '../types.ts';

export function CasePage(props: { id: string }) {
  const { t, lang } = useT();
  const online = useOnline();
  const mine = useOutboxItems().filter((i) => caseIdOf(i) === props.id);
  const detail = useCachedResource<WorkerCase>(cacheKey.case(props.id), () => fetchCase(props.id));
  const history = useCachedResource<HistoryEntry[]>(cacheKey.history(props.id), () => fetchHistory(props.id));
  const caseTypes = useCachedResource<CaseType[]>(cacheKey.caseTypes, () =>
    call(api.GET('/api/v1/case-types')),
  );
  const [acting, setActing] = useState<ActionName>();
  const c = detail.value;
  const name = (n: Parameters<typeof localName>[0]) => localName(n, lang);
  const caseType = c?.caseType ? caseTypes.value?.find((x) => x.code === c.caseType) : undefined;

  return (
    <>
      <NavBar onBack={() => navigate({ page: 'today' })} backIcon>
        {c?.caseNo ?? t('nav.back')}
      </NavBar>
      <NetworkBar savedAt={detail.savedAt} />
      {!c && !detail.loading && (
        <Card>
          <p role="alert">{detail.error ? t('case.notFound') : t('case.notCached')}</p>
        </Card>
      )}
      {c && (
        <>
          <Card title={<h2 className="case-title">{c.title}</h2>}>
            <Space wrap>
              <Tag color="primary">{labelOf(t, 'status', c.status)}</Tag>
              <LightTag light={c.light} />
              {c.supervised && <Tag color="danger">{t('case.supervised')}</Tag>}
              {c.overdue && <Tag color="danger">{t('case.overdue')}</Tag>}
            </Space>
            <p className="case-meta">
              {t('case.level', { level: c.level, name: levelName(c.level, lang) })} ·{' '}
              {c.stepDueAt ? t('case.due', { time: formatTime(c.stepDueAt, lang) }) : t('case.noDue')}
            </p>
          </Card>

          <CaseEvidence theCase={c} />

          <List header={t('case.description')}>
            <List.Item>{c.description}</List.Item>
            {c.caseType && (
              <List.Item extra={<span data-case-type>{caseType ? name(caseType) : c.caseType}</span>}>
                {t('field.caseType')}
              </List.Item>
            )}
            {c.grid && <List.Item extra={name(c.grid.name)}>{t('case.grid')}</List.Item>}
            <List.Item extra={c.reporter?.name ?? t('case.anonymous')}>{t('case.reporter')}</List.Item>
            {c.contactPhone && <List.Item extra={c.contactPhone}>{t('case.phone')}</List.Item>}
            {c.parties.some((p) => p.active) && (
              <List.Item
                extra={c.parties
                  .filter((p) => p.active)
                  .map((p) => `${p.user?.name ?? name(p.department?.name)}（${labelOf(t, 'party', p.kind)}）`)
                  .join('、')}
              >
                {t('case.parties')}
              </List.Item>
            )}
            {c.result && <List.Item description={c.result}>{t('case.result')}</List.Item>}
            {c.supervisionOrders.map((o) => (
              <List.Item
                key={o.id}
                description={t('case.orderDue', { reason: o.reason, time: formatTime(o.dueAt, lang) })}
              >
                {t('case.orders')}
              </List.Item>
            ))}
          </List>

          {mine.length > 0 && (
            <List header={t('case.pending')}>
              <OutboxList items={mine} />
            </List>
          )}

          <Card title={t('case.actions')} className="case-actions">
            {!online && c.allowedActions.length > 0 && <p className="hint">{t('case.actionsOffline')}</p>}
            {c.allowedActions.length === 0 && <p>{t('case.noActions')}</p>}
            <Space wrap>
              {c.allowedActions
                .filter((a) => a in ACTION_FIELDS)
                .map((a) => (
                  <Button
                    key={a}
                    size="small"
                    color={acting === a ? 'primary' : 'default'}
                    data-action={a}
                    onClick={() => setActing(acting === a ? undefined : a)}
                  >
                    {labelOf(t, 'action', a)}
                  </Button>
                ))}
            </Space>
          </Card>
          {acting && (
            <ActionForm
              key={acting}
              caseId={c.id}
              caseNo={c.caseNo}
              action={acting}
              teamAreaId={c.handlingArea?.id}
              onClose={() => setActing(undefined)}
            />
          )}

          <Card title={t('case.timeline')}>
            {history.value ? <Timeline entries={history.value} /> : <p>{t('case.timelineEmpty')}</p>}
          </Card>
        </>
      )}
    </>
  );
}
