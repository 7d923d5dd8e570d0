/** Outbox items as a person reads them: what was done, and whether it waits, went through or was refused and why. */
import { List, Tag } from 'antd-mobile';
import type { OutboxItem, OutboxStatus } from '../../shared/outbox.ts';
import { formatTime, useT } from '../i18n/index.ts';
import { hrefOf } from '../router.ts';
import { caseIdOf } from '../sync.ts';

const STATUS_COLOURS: Record<OutboxStatus, string> = {
  waiting: 'default',
  sending: 'primary',
  sent: 'success',
  refused: 'danger',
};

/** The case an item made or changed, from the server's answer. */
function answeredCase(item: OutboxItem): { id: string; caseNo: string } | undefined {
  const r = item.response as { id?: unknown; caseNo?: unknown } | undefined;
  return typeof r?.id === 'string' && typeof r.caseNo === 'string'
    ? { id: r.id, caseNo: r.caseNo }
    : undefined;
}

export function OutboxList(props: { items: OutboxItem[] }) {
  const { t, lang } = useT();
  return (
    <>
      {props.items.map((item) => {
        // a new report learns its case number from the server's answer
        const made = item.status === 'sent' && !caseIdOf(item) ? answeredCase(item) : undefined;
        const caseId = made?.id ?? caseIdOf(item);
        return (
          <List.Item
            key={item.id}
            className={`outbox-item outbox-${item.status}`}
            data-status={item.status}
            extra={<Tag color={STATUS_COLOURS[item.status]}>{t(`sync.status.${item.status}`)}</Tag>}
            description={
              <>
                <div>
                  {item.status === 'sent' || item.status === 'refused'
                    ? t('sync.sentAt', { time: formatTime(item.sentAt, lang) })
                    : t('sync.createdAt', { time: formatTime(item.createdAt, lang) })}
                </div>
                {made && <div>{t('sync.caseNo', { caseNo: made.caseNo })}</div>}
                {item.status === 'refused' && (
                  <div className="refused-reason" role="alert">
                    {t('sync.refusedBecause', { message: item.error ?? '' })}
                  </div>
                )}
                {item.status === 'waiting' && item.error && (
                  <div>{t('sync.lastError', { message: item.error })}</div>
                )}
                {caseId && window.location.hash !== hrefOf({ page: 'case', id: caseId }) && (
                  <a href={hrefOf({ page: 'case', id: caseId })}>{t('sync.openCase')}</a>
                )}
              </>
            }
          >
            {item.label}
          </List.Item>
        );
      })}
    </>
  );
}
