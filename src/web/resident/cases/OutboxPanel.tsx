/** What is waiting on the phone to be sent, what went through, and what the server refused and why. */
import { Button, Tag } from 'antd-mobile';
import { useEffect, useState } from 'react';
import type { OutboxItem } from '../../shared/outbox.ts';
import { useT } from '../i18n/index.ts';
import { caseOf, outbox } from '../report/resident-outbox.ts';
import { hrefOf } from '../router.ts';

export function OutboxPanel() {
  const { t } = useT();
  const [items, setItems] = useState<OutboxItem[]>([]);
  useEffect(() => outbox.subscribe(setItems), []);
  if (items.length === 0) return null;
  const done = items.some((i) => i.status === 'sent' || i.status === 'refused');
  const waiting = items.some((i) => i.status === 'waiting');

  return (
    <section className="outbox" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t('outboxTitle')}</h2>
      <ul>
        {items.map((item) => {
          const created = caseOf(item);
          return (
            <li key={item.id} className={`outbox-item ${item.status}`} data-status={item.status}>
              <span className="label">{item.label}</span>
              {item.status === 'waiting' && <Tag color="warning">{t('outboxWaiting')}</Tag>}
              {item.status === 'sending' && <Tag color="primary">{t('outboxSending')}</Tag>}
              {item.status === 'sent' && (
                <Tag color="success">
                  {t('outboxSent')}
                  {created ? ` · ${created.caseNo}` : ''}
                </Tag>
              )}
              {item.status === 'refused' && (
                <Tag color="danger">{t('outboxRefused', { reason: item.error ?? '' })}</Tag>
              )}
              {created && (
                <a className="open" href={hrefOf({ page: 'case', id: created.id })}>
                  {t('caseNo', { caseNo: created.caseNo })}
                </a>
              )}
            </li>
          );
        })}
      </ul>
      <div className="row">
        {waiting && (
          <Button size="mini" color="primary" fill="outline" onClick={() => void outbox.flush()}>
            {t('outboxSendNow')}
          </Button>
        )}
        {done && (
          <Button size="mini" fill="outline" onClick={() => void outbox.clearDone()}>
            {t('outboxClear')}
          </Button>
        )}
      </div>
    </section>
  );
}
