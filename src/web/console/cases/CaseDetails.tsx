/** The case's facts: number, status, level, type, where, who reported, deadlines, parties. */
import { Descriptions, Space, Tag, Typography } from 'antd';
import type { CaseView } from '../../shared/case-view.ts';
import { useCaseTypes } from '../../shared/resources/catalogue.ts';
import { levelName } from '../../shared/vocabulary.ts';
import { labelOf } from '../i18n.ts';
import { useConsoleI18n } from '../shell/use-console-i18n.ts';
import { TrafficLight } from './TrafficLight.tsx';

export function CaseDetails(props: { theCase: CaseView }) {
  const { t, lang, nameOf, pick, when } = useConsoleI18n();
  const types = useCaseTypes();
  const c = props.theCase;
  const type = c.caseType ? types.data?.find((x) => x.code === c.caseType) : undefined;
  return (
    <div data-testid="case-details">
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}>
        <Descriptions.Item label={t('list.status')}>
          <Space>
            <Tag color="blue" data-testid="case-status" data-status={c.status}>
              {labelOf(t, 'status', c.status)}
            </Tag>
            {c.supervised && <Tag color="purple">{t('flag.supervised')}</Tag>}
            {c.overdue && <Tag color="red">{t('flag.overdue')}</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('list.level')}>
          <span data-testid="case-level">
            {t('case.levelValue', { level: c.level, name: levelName(c.level, lang) })}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('list.light')}>
          <TrafficLight light={c.light} />
        </Descriptions.Item>
        <Descriptions.Item label={t('list.type')}>
          {type ? nameOf(type) : (c.caseType ?? '—')}
        </Descriptions.Item>
        <Descriptions.Item label={t('case.grid')}>{c.grid ? pick(c.grid.name) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('case.handlingArea')}>
          {c.handlingArea ? pick(c.handlingArea.name) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('case.reporter')}>
          {c.anonymous && !c.reporter ? t('case.anonymous') : (c.reporter?.name ?? '—')}
        </Descriptions.Item>
        <Descriptions.Item label={t('case.phone')}>{c.contactPhone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('case.source')}>{labelOf(t, 'source', c.source)}</Descriptions.Item>
        <Descriptions.Item label={t('case.createdAt')}>{when(c.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('case.stepDue')}>
          {c.stepDueAt ? when(c.stepDueAt) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('case.difficulty')}>
          {c.difficulty ? labelOf(t, 'difficulty', c.difficulty) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('case.description')} span="filled">
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
            {c.description}
          </Typography.Paragraph>
        </Descriptions.Item>
        {c.result && (
          <Descriptions.Item label={t('case.result')} span="filled">
            {c.result}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('case.parties')} span="filled">
          {c.parties.length === 0
            ? t('case.noParties')
            : c.parties.map((p) => (
                <Tag
                  key={`${p.level}:${p.kind}:${p.user?.id ?? p.department?.id}`}
                  color={p.active ? 'green' : undefined}
                >
                  {p.user?.name ?? (p.department?.name ? pick(p.department.name) : '—')} ·{' '}
                  {labelOf(t, 'level', String(p.level))}
                  {p.active ? '' : ` ${t('case.inactive')}`}
                </Tag>
              ))}
        </Descriptions.Item>
        {c.requests.some((r) => r.status === 'pending') && (
          <Descriptions.Item label={t('case.requests')} span="filled">
            {c.requests
              .filter((r) => r.status === 'pending')
              .map((r) => (
                <div key={r.id}>
                  {labelOf(t, 'action', r.kind === 'void' ? 'request_void' : 'request_extension')} ·{' '}
                  {r.requestedBy.name ?? ''} {r.hours ? `· ${r.hours}h` : ''}{' '}
                  {r.reason ? `· ${r.reason}` : ''}
                </div>
              ))}
          </Descriptions.Item>
        )}
        {c.supervisionOrders.length > 0 && (
          <Descriptions.Item label={t('case.orders')} span="filled">
            {c.supervisionOrders.map((o) => (
              <div key={o.id}>
                {o.reason} · {when(o.dueAt)} · {labelOf(t, 'order', o.status)}
              </div>
            ))}
          </Descriptions.Item>
        )}
      </Descriptions>
    </div>
  );
}
