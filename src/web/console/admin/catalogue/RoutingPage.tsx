/**
 * The level-4 routing table (分流分调): at the banner centre a case of a type, in an area, goes to a
 * department. Edited as one table and saved whole; the server names the first bad row.
 */
import { Alert, Card, Form, message, Select, Spin, Table } from 'antd';
import { useEffect } from 'react';
import { useRefresh } from '../../../shared/query.tsx';
import { queryKeys } from '../../../shared/query-keys.ts';
import {
  type RoutingRuleInput,
  replaceRoutingRules,
  useCaseTypes,
  useDepartments,
  useRoutingRules,
} from '../../../shared/resources/catalogue.ts';
import { AreaPicker } from '../common/AreaPicker.tsx';
import { RuleTableNotes, RuleTableToolbar, removeRowColumn } from '../common/TableParts.tsx';
import { useAdminI18n } from '../common/use-admin-i18n.ts';
import { useViewer } from '../common/use-me.ts';
import { useSaving } from '../common/use-saving.ts';

interface Values {
  rules: RoutingRuleInput[];
}

/** `rules[3]` (a duplicate row) is shown on that row's case type. */
function rowField(path: (string | number)[]): (string | number)[] {
  return path.length === 2 ? [...path, 'caseType'] : path;
}

/** The routing-table page. */
export function RoutingPage() {
  const { t, nameOf } = useAdminI18n();
  const [toast, toastHolder] = message.useMessage();
  const { viewer } = useViewer();
  const isAdmin = viewer?.isAdmin ?? false;
  const [form] = Form.useForm<Values>();
  const refresh = useRefresh();
  const { saving, problem, attempt } = useSaving(form, rowField);
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
    <Card title={t('page.routing')}>
      {toastHolder}
      <RuleTableNotes intro={t('routing.intro')} isAdmin={isAdmin} problem={problem} />
      <Form form={form} name="routing" onFinish={save} disabled={!isAdmin} component="div">
        <Form.List name="rules">
          {(fields, { add, remove }) => (
            <>
              <Table
                size="small"
                rowKey="key"
                dataSource={fields}
                pagination={false}
                locale={{ emptyText: t('routing.empty') }}
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
                  ...removeRowColumn(isAdmin, t, remove),
                ]}
              />
              <RuleTableToolbar
                isAdmin={isAdmin}
                addLabel={t('routing.addRow')}
                saveLabel={t('routing.save')}
                saving={saving}
                onAdd={() => add({ caseType: undefined, departmentId: undefined, areaId: null })}
                onSave={() => form.submit()}
              />
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}
