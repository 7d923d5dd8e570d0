/** A person's roles (岗位): the list with a remove button each, and a form to add one (administrators). */
import { Alert, Button, Divider, Form, List, Modal, Popconfirm, Tag } from 'antd';
import { useState } from 'react';
import { useRefresh } from '../../../shared/query.tsx';
import { queryKeys } from '../../../shared/query-keys.ts';
import { addAssignment, removeAssignment, type User, useUser } from '../../../shared/resources/users.ts';
import { showApiError } from '../common/api-errors.ts';
import { useAdminI18n } from '../common/use-admin-i18n.ts';
import { AssignmentFields, assignmentOf } from './AssignmentFields.tsx';

interface Props {
  user: User;
  roots: string[] | undefined;
  onClose(): void;
}

interface Values {
  role: string;
  areaId?: string | null;
  departmentId?: string | null;
  title?: string;
}

/** The assignments dialog. */
export function AssignmentsModal({ user, roots, onClose }: Props) {
  const { t, roleLabel } = useAdminI18n();
  const [form] = Form.useForm<Values>();
  const refresh = useRefresh();
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const current = useUser(user.id);
  const shown = current.data ?? user;

  // The person and the list behind the dialog both show the roles.
  const changed = () => void refresh(queryKeys.users);

  const add = async (values: Values) => {
    setProblem(undefined);
    setSaving(true);
    try {
      await addAssignment(user.id, assignmentOf(values));
      form.resetFields();
      changed();
    } catch (error) {
      setProblem(showApiError(form, error));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (assignmentId: string) => {
    setProblem(undefined);
    try {
      await removeAssignment(user.id, assignmentId);
      changed();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <Modal
      open
      title={t('people.assignmentsOf', { name: user.displayName })}
      footer={null}
      onCancel={onClose}
      width={640}
    >
      {problem && <Alert type="error" title={problem} style={{ marginBottom: 16 }} />}
      <List
        size="small"
        bordered
        loading={current.loading}
        dataSource={shown.assignments}
        locale={{ emptyText: t('people.noAssignments') }}
        renderItem={(a) => (
          <List.Item
            actions={[
              <Popconfirm
                key="remove"
                title={t('people.removeAssignment')}
                okText={t('common.yes')}
                cancelText={t('common.no')}
                onConfirm={() => remove(a.id)}
              >
                <Button size="small" danger>
                  {t('people.remove')}
                </Button>
              </Popconfirm>,
            ]}
          >
            <span data-testid="assignment">
              <Tag color="blue">{roleLabel(a.role)}</Tag>
              {[a.areaName, a.departmentName, a.title].filter(Boolean).join(' · ')}
            </span>
          </List.Item>
        )}
      />
      <Divider>{t('people.addAssignment')}</Divider>
      <Form form={form} layout="vertical" onFinish={add} name="assignment-add">
        <AssignmentFields roots={roots} />
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('people.addAssignment')}
        </Button>
      </Form>
    </Modal>
  );
}
