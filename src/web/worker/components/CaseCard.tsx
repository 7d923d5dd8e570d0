/** One case in a list: title, number, status, light and deadline; tapping opens the case page. */
import { List, Space, Tag } from 'antd-mobile';
import { formatTime, labelOf, useT } from '../i18n/index.ts';
import { hrefOf } from '../router.ts';
import type { CaseSummary } from '../types.ts';
import { LightTag } from './LightTag.tsx';

export function CaseCard(props: { item: CaseSummary }) {
  const { t, lang } = useT();
  const c = props.item;
  return (
    <List.Item
      className="case-card"
      arrowIcon
      onClick={() => {
        window.location.hash = hrefOf({ page: 'case', id: c.id });
      }}
      description={
        <Space wrap style={{ '--gap': '6px' }}>
          <span>{c.caseNo}</span>
          <Tag color="primary" fill="outline">
            {labelOf(t, 'status', c.status)}
          </Tag>
          <LightTag light={c.light} />
          {c.supervised && <Tag color="danger">{t('case.supervised')}</Tag>}
          <span>{c.stepDueAt ? t('case.due', { time: formatTime(c.stepDueAt, lang) }) : ''}</span>
        </Space>
      }
    >
      {c.title}
    </List.Item>
  );
}
