/** Functional departments (职能部门): the list; administrators add and rename them. */
import { Alert, Button, Card, Form, Input, Modal, Table } from 'antd';
import { useState } from 'react';
import { showApiError } from '../common/api-errors.ts';
import { useAdminI18n } from '../common/use-admin-i18n.ts';
import { useViewer } from '../common/use-me.ts';
import { useRemote } from '../common/use-remote.ts';
import {
  createDepartment,
  type Department,
  type DepartmentInput,
  listDepartments,
  updateDepartment,
} from './catalogue-api.ts';

/** The departments page. */
export function DepartmentsPage() {
  const { t } = useAdminI18n();
  const { viewer } = useViewer();
  const [round, setRound] = useState(0);
  const [editing, setEditing] = useState<Department | 'new'>();
  const departments = useRemote(listDepartments, `departments:${round}`);
  const isAdmin = viewer?.isAdmin ?? false;
  return (
    <Card
      title={t('page.departments')}
      extra={
        isAdmin && (
          <Button type="primary" onClick={() => setEditing('new')}>
            {t('departments.add')}
          </Button>
        )
      }
    >
      {departments.error && (
        <Alert type="error" title={t('common.loadFailed', { message: departments.error.message })} />
      )}
      <Table<Department>
        rowKey="id"
        size="small"
        loading={departments.loading}
        dataSource={departments.data ?? []}
        pagination={false}
        columns={[
          { key: 'code', title: t('catalogue.code'), dataIndex: 'code', width: 220 },
          { key: 'nameZh', title: t('catalogue.nameZh'), dataIndex: 'nameZh' },
          { key: 'nameEn', title: t('catalogue.nameEn'), dataIndex: 'nameEn' },
          ...(isAdmin
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  width: 100,
                  render: (_: unknown, d: Department) => (
                    <Button size="small" onClick={() => setEditing(d)}>
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <DepartmentModal
          department={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            setRound((r) => r + 1);
          }}
        />
      )}
    </Card>
  );
}

interface ModalProps {
  department: Department | undefined;
  onClose(): void;
  onSaved(): void;
}

/** Add or rename a department; server errors land on the field they name. */
function DepartmentModal({ department, onClose, onSaved }: ModalProps) {
  const { t } = useAdminI18n();
  const [form] = Form.useForm<DepartmentInput>();
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const save = async (values: DepartmentInput) => {
    setProblem(undefined);
    setSaving(true);
    try {
      if (department) await updateDepartment(department.id, values);
      else await createDepartment(values);
      onSaved();
    } catch (error) {
      setProblem(showApiError(form, error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={department ? t('departments.edit') : t('departments.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" title={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={department} onFinish={save} name="department-form">
        <Form.Item
          name="code"
          label={t('catalogue.code')}
          extra={t('catalogue.codeHelp')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="nameZh"
          label={t('catalogue.nameZh')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('catalogue.nameEn')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
