/**
 * The sync view (同步): everything recorded on this phone, in the order it is sent — what is waiting,
 * what went through, and what the server refused and why — plus sign-out once nothing waits.
 */
import { Button, List, NavBar, Space } from 'antd-mobile';
import { useState } from 'react';
import { NetworkBar } from '../components/NetworkBar.tsx';
import { OutboxList } from '../components/OutboxList.tsx';
import { useT } from '../i18n/index.ts';
import { navigate } from '../router.ts';
import { signOut } from '../session.ts';
import { outbox, useOnline, useOutboxItems } from '../sync.ts';

export function SyncPage(props: { onSignedOut(): void }) {
  const { t } = useT();
  const online = useOnline();
  const items = useOutboxItems();
  const [syncing, setSyncing] = useState(false);
  const count = (...statuses: string[]) => items.filter((i) => statuses.includes(i.status)).length;
  const waiting = count('waiting', 'sending');

  return (
    <>
      <NavBar onBack={() => navigate({ page: 'today' })}>{t('sync.title')}</NavBar>
      <NetworkBar />
      <p className="intro">{t('sync.intro')}</p>
      <p className="sync-counts" data-testid="sync-counts">
        {t('sync.counts', { waiting, sent: count('sent'), refused: count('refused') })}
      </p>
      <Space block justify="center">
        <Button
          color="primary"
          disabled={!online || waiting === 0}
          loading={syncing}
          onClick={async () => {
            setSyncing(true);
            await outbox.flush();
            setSyncing(false);
          }}
        >
          {t('sync.now')}
        </Button>
        <Button disabled={count('sent', 'refused') === 0} onClick={() => void outbox.clearDone()}>
          {t('sync.clear')}
        </Button>
      </Space>
      <List className="outbox">
        {items.length === 0 ? <List.Item>{t('sync.empty')}</List.Item> : <OutboxList items={items} />}
      </List>
      <div className="sign-out">
        {waiting > 0 && <p className="hint">{t('signOut.blocked', { count: waiting })}</p>}
        <Button
          block
          color="danger"
          fill="outline"
          disabled={waiting > 0}
          onClick={async () => {
            await signOut();
            props.onSignedOut();
          }}
        >
          {t('signOut')}
        </Button>
      </div>
    </>
  );
}
