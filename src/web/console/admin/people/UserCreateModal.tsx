/** Create a person's account with their first role (administrators). */
import { Form, Input } from 'antd';
import { createUser, type User } from '../../../shared/resources/users.ts';
import { FormModal } from '../common/FormModal.tsx';
import { useAdminI18n } from '../common/use-admin-i18n.ts';
import { useSaving } from '../common/use-saving.ts';
import { AssignmentFields, assignmentOf } from './AssignmentFields.tsx';
import { passwordRule } from './password-field.ts';

interface Values {
  username: string;
  displayName: string;
  password: string;
  phone?: string;
  role: string;
  areaId?: string | null;
  departmentId?: string | null;
  title?: string;
}

interface Props {
  roots: string[] | undefined;
  onClose(): void;
  onCreated(user: User): void;
}

/** `assignments[0].areaId` (or `assignments.0.areaId`) from the server is the form's `areaId`. */
function formField(path: (string | number)[]): (string | number)[] {
  if (path[0] !== 'assignments') return path;
  const last = path[2];
  return typeof last === 'string' ? [last] : ['role'];
}

/** The new-account dialog; server errors land on the field they name. */
export function UserCreateModal({ roots, onClose, onCreated }: Props) {
  const { t } = useAdminI18n();
  const [form] = Form.useForm<Values>();

  const { saving, problem, attempt } = useSaving(form, formField);

  const save = (values: Values) =>
    attempt(async () => {
      const user = await createUser({
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        password: values.password,
        phone: values.phone?.trim() || null,
        assignments: [assignmentOf(values)],
      });
      onCreated(user);
    });

  return (
    <FormModal title={t('people.create')} form={form} saving={saving} problem={problem} onClose={onClose}>
      <Form form={form} layout="vertical" onFinish={save} name="user-create">
        <Form.Item
          name="username"
          label={t('people.username')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('people.displayName')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('people.password')}
          extra={t('people.passwordRule')}
          dependencies={['username', 'phone']}
          rules={[
            { required: true, message: t('common.required') },
            passwordRule(t, (f) => ({
              username: f.getFieldValue('username'),
              phone: f.getFieldValue('phone'),
            })),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="phone" label={t('people.phone')}>
          <Input inputMode="tel" />
        </Form.Item>
        <AssignmentFields roots={roots} />
      </Form>
    </FormModal>
  );
}
