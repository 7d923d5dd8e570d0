/** 登录: username (or phone) and password. */
import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useSession } from './session.tsx';
import { useConsoleI18n } from './use-console-i18n.ts';

interface Credentials {
  username: string;
  password: string;
}

export function SignInPage() {
  const { t } = useConsoleI18n();
  const { signIn } = useSession();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(values: Credentials) {
    setBusy(true);
    setError(undefined);
    try {
      await signIn(values.username.trim(), values.password);
    } catch (e) {
      setError(t('signin.failed', { message: e instanceof Error ? e.message : String(e) }));
      setBusy(false);
    }
  }

  return (
    <main className="signin">
      <Card title={t('signin.title')} extra={<LanguageSwitch />} style={{ width: 420 }}>
        <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            label={t('signin.username')}
            name="username"
            rules={[{ required: true, message: t('signin.required') }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('signin.password')}
            name="password"
            rules={[{ required: true, message: t('signin.required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('signin.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
