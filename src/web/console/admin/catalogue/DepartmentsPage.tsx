/** Functional departments (职能部门): the list; administrators add and rename them. */
import { Alert, Button, Card, Form, Table } from 'antd';
import { useState } from 'react';
import { useRefresh } from '../../../shared/query.tsx';
import { queryKeys } from '../../../shared/query-keys.ts';
import {
  createDepartment,
  type Department,
  type DepartmentInput,
  updateDepartment,
  useDepartments,
} from '../../../shared/resources/catalogue.ts';
import { FormModal } from '../common/FormModal.tsx';
import { editRowColumn } from '../common/TableParts.tsx';
import { useAdminI18n } from '../common/use-admin-i18n.ts';
import { useViewer } from '../common/use-me.ts';
import { useSaving } from '../common/use-saving.ts';
import { CatalogueNameFields } from './CatalogueNameFields.tsx';

/** The departments page. */
export function DepartmentsPage() {
  const { t } = useAdminI18n();
  const { viewer } = useViewer();
  const refresh = useRefresh();
  const [editing, setEditing] = useState<Department | 'new'>();
  const departments = useDepartments();
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
          {
            key: 'nameMn',
            title: t('catalogue.nameMn'),
            render: (_, d) => <span lang="mn-Mong">{d.nameMn ?? '—'}</span>,
          },
          ...editRowColumn<Department>(isAdmin, t, setEditing),
        ]}
      />
      {editing && (
        <DepartmentModal
          department={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            void refresh(queryKeys.departments);
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
  const { saving, problem, attempt } = useSaving(form);
  const save = (values: DepartmentInput) =>
    attempt(async () => {
      if (department) await updateDepartment(department.id, values);
      else await createDepartment(values);
      onSaved();
    });
  return (
    <FormModal
      title={department ? t('departments.edit') : t('departments.add')}
      form={form}
      saving={saving}
      problem={problem}
      onClose={onClose}
    >
      <Form form={form} layout="vertical" initialValues={department} onFinish={save} name="department-form">
        <CatalogueNameFields />
      </Form>
    </FormModal>
  );
}
