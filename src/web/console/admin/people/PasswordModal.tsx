/** Set a new password for a person (administrators); their sessions end. */
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { showApiError } from '../common/api-errors.ts';
import { useAdminI18n } from '../common/use-admin-i18n.ts';
import { resetPassword, type User } from './users-api.ts';

interface Props {
  user: User;
  onClose(): void;
  onDone(): void;
}

/** The reset-password dialog. */
export function PasswordModal({ user, onClose, onDone }: Props) {
  const { t } = useAdminI18n();
  const [form] = Form.useForm<{ password: string; repeat: string }>();
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const save = async ({ password }: { password: string }) => {
    setSaving(true);
    setProblem(undefined);
    try {
      await resetPassword(user.id, password);
      onDone();
    } catch (error) {
      setProblem(showApiError(form, error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('people.resetPasswordOf', { name: user.displayName })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" title={problem} style={{ marginBottom: 16 }} />}
      <Alert type="info" title={t('people.resetPasswordNote')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={save} name="password-reset">
        <Form.Item
          name="password"
          label={t('people.newPassword')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('people.repeatPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('people.passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
