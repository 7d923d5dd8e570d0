/** Set a new password for a person (administrators); their sessions end. */
import { Alert, Form, Input } from 'antd';
import { resetPassword, type User } from '../../../shared/resources/users.ts';
import { FormModal } from '../common/FormModal.tsx';
import { useAdminI18n } from '../common/use-admin-i18n.ts';
import { useSaving } from '../common/use-saving.ts';
import { passwordRule } from './password-field.ts';

interface Props {
  user: User;
  onClose(): void;
  onDone(): void;
}

/** The reset-password dialog. */
export function PasswordModal({ user, onClose, onDone }: Props) {
  const { t } = useAdminI18n();
  const [form] = Form.useForm<{ password: string; repeat: string }>();
  const { saving, problem, attempt } = useSaving(form);
  const save = ({ password }: { password: string }) =>
    attempt(async () => {
      await resetPassword(user.id, password);
      onDone();
    });
  return (
    <FormModal
      title={t('people.resetPasswordOf', { name: user.displayName })}
      form={form}
      saving={saving}
      problem={problem}
      onClose={onClose}
    >
      <Alert type="info" title={t('people.resetPasswordNote')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={save} name="password-reset">
        <Form.Item
          name="password"
          label={t('people.newPassword')}
          extra={t('people.passwordRule')}
          rules={[
            { required: true, message: t('common.required') },
            passwordRule(t, () => ({ username: user.username })),
          ]}
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
    </FormModal>
  );
}
