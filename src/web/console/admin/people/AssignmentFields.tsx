/** The fields of one assignment — role, area, department, title — inside a create or add form. */
import { Form, Input, Select } from 'antd';
import { ROLES } from '../../../../shared/domain.ts';
import { useDepartments } from '../../../shared/resources/catalogue.ts';
import { AreaPicker } from '../common/AreaPicker.tsx';
import { useAdminI18n } from '../common/use-admin-i18n.ts';

interface Props {
  roots: string[] | undefined;
}

/** Role, area (from the tree), department (for department handlers) and an optional title. */
export function AssignmentFields({ roots }: Props) {
  const { t, roleLabel, nameOf } = useAdminI18n();
  const departments = useDepartments();
  const role = Form.useWatch<string | undefined>('role');
  return (
    <>
      <Form.Item
        name="role"
        label={t('people.role')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
        />
      </Form.Item>
      <Form.Item
        name="areaId"
        label={t('people.area')}
        extra={role === 'resident' ? t('people.residentHome') : undefined}
      >
        <AreaPicker roots={roots} allowClear />
      </Form.Item>
      {role === 'department_handler' && (
        <Form.Item
          name="departmentId"
          label={t('people.department')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select
            loading={departments.loading}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: nameOf(d) }))}
          />
        </Form.Item>
      )}
      <Form.Item name="title" label={t('people.title')} extra={t('people.titleHelp')}>
        <Input maxLength={50} />
      </Form.Item>
    </>
  );
}

/** The assignment part of form values, as the API takes it. */
export function assignmentOf(values: {
  role: string;
  areaId?: string | null;
  departmentId?: string | null;
  title?: string;
}) {
  return {
    role: values.role as (typeof ROLES)[number],
    areaId: values.areaId ?? null,
    departmentId: values.role === 'department_handler' ? (values.departmentId ?? null) : null,
    title: values.title?.trim() || null,
  };
}
