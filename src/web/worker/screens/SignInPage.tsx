/** Sign-in by username or phone and password; needs signal once, then the app works offline. */
import { Button, Form, Input, NoticeBar } from 'antd-mobile';
import { useState } from 'react';
import { ApiError } from '../../shared/api.ts';
import { useT } from '../i18n/index.ts';
import { signIn } from '../session.ts';
import { useOnline } from '../sync.ts';
import type { Me } from '../types.ts';

export function SignInPage(props: { onSignedIn(me: Me): void }) {
  const { t } = useT();
  const online = useOnline();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    setError(undefined);
    try {
      props.onSignedIn(await signIn(username.trim(), password));
    } catch (err) {
      setError(t('signIn.failed', { message: err instanceof ApiError ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="sign-in">
      <h1>{t('app.name')}</h1>
      <p className="tagline">{t('app.tagline')}</p>
      {!online && <NoticeBar color="alert" content={t('signIn.offline')} wrap />}
      <Form
        layout="vertical"
        onFinish={() => void submit()}
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy} disabled={!online}>
            {t('signIn.submit')}
          </Button>
        }
      >
        <Form.Header>{t('signIn.title')}</Form.Header>
        <Form.Item label={<label htmlFor="sign-in-username">{t('signIn.username')}</label>}>
          <Input id="sign-in-username" autoComplete="username" value={username} onChange={setUsername} />
        </Form.Item>
        <Form.Item label={<label htmlFor="sign-in-password">{t('signIn.password')}</label>}>
          <Input
            id="sign-in-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
          />
        </Form.Item>
      </Form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
