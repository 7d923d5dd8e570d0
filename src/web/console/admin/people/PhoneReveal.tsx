/** A phone number masked by default (138****5678), shown in full on request — the server logs the view. */
import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { revealPhone } from '../../../shared/resources/users.ts';
import { useAdminI18n } from '../common/use-admin-i18n.ts';

interface Props {
  userId: string;
  masked: string | null;
}

/** The masked number with a "show full number" button. */
export function PhoneReveal({ userId, masked }: Props) {
  const { t } = useAdminI18n();
  const [full, setFull] = useState<string | null>();
  const [failed, setFailed] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (masked === null) return <Typography.Text type="secondary">—</Typography.Text>;
  if (full !== undefined) return <Typography.Text data-testid="phone-full">{full ?? '—'}</Typography.Text>;
  const show = async () => {
    setBusy(true);
    try {
      setFull(await revealPhone(userId));
    } catch (e) {
      setFailed(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space size={4}>
      <Typography.Text>{masked}</Typography.Text>
      <Button size="small" type="link" loading={busy} onClick={show} title={t('people.phoneLogged')}>
        {t('people.showPhone')}
      </Button>
      {failed && <Typography.Text type="danger">{failed}</Typography.Text>}
    </Space>
  );
}
