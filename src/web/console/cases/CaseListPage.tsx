/** 案件列表: the cases the person may see, filtered from the address bar, paginated, with traffic lights. */
import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import type { components } from '../../shared/api-types.ts';
import { useCases } from '../../shared/resources/cases.ts';
import { useCaseTypes } from '../../shared/resources/catalogue.ts';
import { labelOf } from '../i18n.ts';
import { hrefOf, navigate } from '../shell/router.ts';
import { useConsoleI18n } from '../shell/use-console-i18n.ts';
import { CaseFiltersBar } from './CaseFiltersBar.tsx';
import { apiQueryOf, type CaseFilters, filtersFromSearch, PAGE_SIZE, searchOfFilters } from './filters.ts';
import { TrafficLight } from './TrafficLight.tsx';

type CaseSummary = components['schemas']['CaseSummary'];

export function CaseListPage(props: { search: URLSearchParams }) {
  const { t, nameOf, when } = useConsoleI18n();
  const filters = filtersFromSearch(props.search);
  const cases = useCases(apiQueryOf(filters));
  const types = useCaseTypes();
  const typeName = (code: string | null) => {
    const ct = code ? types.data?.find((x) => x.code === code) : undefined;
    return ct ? nameOf(ct) : (code ?? '—');
  };
  const go = (next: CaseFilters) => navigate(`/cases${searchOfFilters(next)}`);

  return (
    <Card title={t('list.title')}>
      <CaseFiltersBar filters={filters} onChange={go} />
      {cases.error && <Alert type="error" title={cases.error.message} style={{ marginBottom: 16 }} />}
      <Table<CaseSummary>
        rowKey="id"
        size="middle"
        // Narrow screens scroll the table inside its card instead of squeezing columns to a character.
        scroll={{ x: 'max-content' }}
        loading={cases.loading}
        dataSource={cases.data?.items ?? []}
        locale={{ emptyText: t('list.empty') }}
        pagination={{
          current: filters.page,
          pageSize: PAGE_SIZE,
          total: cases.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => <span data-testid="case-total">{t('list.total', { total })}</span>,
          onChange: (page) => go({ ...filters, page }),
        }}
        columns={[
          {
            key: 'light',
            title: t('list.light'),
            width: 96,
            render: (_, c) => <TrafficLight light={c.light} />,
          },
          {
            key: 'caseNo',
            title: t('list.caseNo'),
            width: 150,
            render: (_, c) => (
              <a
                href={hrefOf(`/cases/${c.id}`)}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/cases/${c.id}`);
                }}
              >
                {c.caseNo}
              </a>
            ),
          },
          {
            key: 'title',
            title: t('list.caseTitle'),
            width: 220,
            render: (_, c) => (
              <Typography.Text ellipsis style={{ maxWidth: 220 }}>
                {c.title}
              </Typography.Text>
            ),
          },
          { key: 'type', title: t('list.type'), width: 130, render: (_, c) => typeName(c.caseType) },
          {
            key: 'level',
            title: t('list.level'),
            width: 130,
            render: (_, c) => `${c.level} · ${labelOf(t, 'level', String(c.level))}`,
          },
          {
            key: 'status',
            title: t('list.status'),
            width: 100,
            render: (_, c) => <Tag data-status={c.status}>{labelOf(t, 'status', c.status)}</Tag>,
          },
          {
            key: 'flags',
            title: t('list.flags'),
            width: 90,
            render: (_, c) => (
              <Space size={4}>
                {c.supervised && <Tag color="purple">{t('flag.supervised')}</Tag>}
                {c.overdue && <Tag color="red">{t('flag.overdue')}</Tag>}
              </Space>
            ),
          },
          {
            key: 'due',
            title: t('list.due'),
            width: 170,
            render: (_, c) => (c.stepDueAt ? when(c.stepDueAt) : '—'),
          },
          { key: 'createdAt', title: t('list.createdAt'), width: 170, render: (_, c) => when(c.createdAt) },
        ]}
      />
    </Card>
  );
}
