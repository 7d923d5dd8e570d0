/**
 * The level-4 routing table (分流分调): at the banner centre a case of a type, in an area, goes to a
 * department. Edited as one table and saved whole; the server names the first bad row.
 */
import { Alert, Form, Select, Spin } from 'antd';
import { useEffect } from 'react';
import { queryKeys } from '../../../shared/query-keys.ts';
import {
  type RoutingRuleInput,
  replaceRoutingRules,
  useCaseTypes,
  useDepartments,
  useRoutingRules,
} from '../../../shared/resources/catalogue.ts';
import { AreaPicker } from '../common/AreaPicker.tsx';
import { RuleTable, useRuleTable } from '../common/TableParts.tsx';
import { useAdminI18n } from '../common/use-admin-i18n.ts';

interface Values {
  rules: RoutingRuleInput[];
}

/** The routing-table page. */
export function RoutingPage() {
  const { t, nameOf } = useAdminI18n();
  // A duplicate row (`rules[3]`) is shown on that row's case type.
  const table = useRuleTable<Values>('caseType');
  const { toast, viewer, form, refresh, attempt } = table;
  const rules = useRoutingRules();
  const types = useCaseTypes();
  const units = useDepartments();

  useEffect(() => {
    if (rules.data) {
      form.setFieldsValue({
        rules: rules.data.map(({ caseType, departmentId, areaId }) => ({ caseType, departmentId, areaId })),
      });
    }
  }, [rules.data, form]);

  const error = rules.error ?? types.error ?? units.error;
  if (error) return <Alert type="error" title={t('common.loadFailed', { message: error.message })} />;
  if (!rules.data || !types.data || !units.data || !viewer) return <Spin />;
  const caseTypes = types.data;
  const departments = units.data;

  const save = (values: Values) =>
    attempt(async () => {
      await replaceRoutingRules(
        (values.rules ?? []).map((r) => ({
          caseType: r.caseType,
          departmentId: r.departmentId,
          areaId: r.areaId ?? null,
        })),
      );
      toast.success(t('common.saved'));
      void refresh(queryKeys.routingRules);
    });

  return (
    <RuleTable
      title={t('page.routing')}
      intro={t('routing.intro')}
      name="routing"
      table={table}
      onFinish={save}
      emptyText={t('routing.empty')}
      addLabel={t('routing.addRow')}
      saveLabel={t('routing.save')}
      newRow={() => ({ caseType: undefined, departmentId: undefined, areaId: null })}
      columns={[
        {
          key: 'caseType',
          title: t('routing.caseType'),
          width: '30%',
          render: (_, field) => (
            <Form.Item
              name={[field.name, 'caseType']}
              rules={[{ required: true, message: t('common.required') }]}
              style={{ margin: 0 }}
            >
              <Select
                aria-label={t('routing.caseTypeOfRow', { row: field.name + 1 })}
                options={caseTypes.map((ct) => ({ value: ct.code, label: nameOf(ct) }))}
              />
            </Form.Item>
          ),
        },
        {
          key: 'area',
          title: t('routing.area'),
          width: '30%',
          render: (_, field) => (
            <Form.Item name={[field.name, 'areaId']} style={{ margin: 0 }}>
              <AreaPicker
                roots={viewer.areaRoots}
                allowClear
                placeholder={t('routing.everywhere')}
                aria-label={t('routing.areaOfRow', { row: field.name + 1 })}
              />
            </Form.Item>
          ),
        },
        {
          key: 'department',
          title: t('routing.department'),
          width: '30%',
          render: (_, field) => (
            <Form.Item
              name={[field.name, 'departmentId']}
              rules={[{ required: true, message: t('common.required') }]}
              style={{ margin: 0 }}
            >
              <Select
                aria-label={t('routing.departmentOfRow', { row: field.name + 1 })}
                options={departments.map((d) => ({ value: d.id, label: nameOf(d) }))}
              />
            </Form.Item>
          ),
        },
      ]}
    />
  );
}
