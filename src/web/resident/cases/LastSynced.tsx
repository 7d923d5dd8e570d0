/** When what the page shows was last synced with the server (shown online and offline alike). */
import { useT } from '../i18n/index.ts';
import { shortTime } from '../i18n/time.ts';

export function LastSynced(props: { savedAt: string | undefined }) {
  const { t } = useT();
  if (!props.savedAt) return null;
  return (
    <p className="hint synced" data-testid="last-synced">
      {t('lastSynced', { time: shortTime(props.savedAt) })}
    </p>
  );
}
