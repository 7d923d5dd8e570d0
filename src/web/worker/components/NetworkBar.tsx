/** Says whether the phone is offline and how old the shown data is, and what waits in the outbox. */
import { NoticeBar } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { cacheKey, readCache } from '../cache.ts';
import { formatTime, useT } from '../i18n/index.ts';
import { hrefOf } from '../router.ts';
import { useOnline, useOutboxItems } from '../sync.ts';

/** When the task list was last synced: the age of what the phone shows on screens with no list of their own. */
function useLastSync(): string | undefined {
  const [savedAt, setSavedAt] = useState<string>();
  useEffect(() => {
    void readCache(cacheKey.tasks).then((c) => setSavedAt(c?.savedAt));
  }, []);
  return savedAt;
}

/** `savedAt`: when the data on this screen was synced (default: the task list's last sync). */
export function NetworkBar(props: { savedAt?: string | undefined }) {
  const { t, lang } = useT();
  const online = useOnline();
  const lastSync = useLastSync();
  const savedAt = props.savedAt ?? lastSync;
  const waiting = useOutboxItems().filter((i) => i.status === 'waiting' || i.status === 'sending').length;
  return (
    <>
      {!online && (
        <NoticeBar
          aria-live="polite"
          color="alert"
          content={savedAt ? t('net.offline', { time: formatTime(savedAt, lang) }) : t('net.offlineNever')}
        />
      )}
      {waiting > 0 && (
        <a href={hrefOf({ page: 'sync' })} className="waiting-link">
          <NoticeBar color="info" content={t('net.waiting', { count: waiting })} />
        </a>
      )}
    </>
  );
}
