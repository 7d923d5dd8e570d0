/**
 * The level-4 routing table (分流分调): at the banner centre a case of a type, in an area, goes to a
 * department. Edited as one table and saved whole; the server names the first bad row.
 */
import { Alert, Card, Form, message, Select, Spin, Table } from 'antd';
import { useEffect, useState } from 'react';
import { AreaPicker } from '../common/AreaPicker.tsx';
import { RuleTableNotes, RuleTableToolbar, removeRowColumn } from '../common/TableParts.tsx';
import { useAdminI18n } from '../common/use-admin-i18n.ts';
import { useViewer } from '../common/use-me.ts';
import { useRemote } from '../common/use-remote.ts';
import { useSaving } from '../common/use-saving.ts';
import {
  listCaseTypes,
  listDepartments,
  listRoutingRules,
  type RoutingRuleInput,
  replaceRoutingRules,
} from './catalogue-api.ts';

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
  const [round, setRound] = useState(0);
  const { saving, problem, attempt } = useSaving(form, rowField);
  const data = useRemote(
    () => Promise.all([listRoutingRules(), listCaseTypes(false), listDepartments()]),
    `routing:${round}`,
  );

  useEffect(() => {
    if (data.data) {
      form.setFieldsValue({
        rules: data.data[0].map(({ caseType, departmentId, areaId }) => ({ caseType, departmentId, areaId })),
      });
    }
  }, [data.data, form]);

  if (data.error)
    return <Alert type="error" title={t('common.loadFailed', { message: data.error.message })} />;
  if (!data.data || !viewer) return <Spin />;
  const [, caseTypes, departments] = data.data;

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
      setRound((r) => r + 1);
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
