/**
 * Pieces shared by the administration tables: the edit column of the catalogue lists, and the rule
 * tables edited and saved whole (routing 分流分调, time limits 办理时限): their page state
 * (`useRuleTable`) and their card (`RuleTable`: the notes above the table, the rows, the delete-row
 * column and the add/save toolbar — the editing parts shown to administrators only).
 */
import {
  Alert,
  Button,
  Card,
  Form,
  type FormInstance,
  type FormListFieldData,
  message,
  Space,
  Table,
  type TableColumnType,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import { useRefresh } from '../../../shared/query.tsx';
import { ProblemAlert } from './FormModal.tsx';
import { type AdminI18n, useAdminI18n } from './use-admin-i18n.ts';
import { useViewer } from './use-me.ts';
import { useSaving } from './use-saving.ts';

/** The intro line, the read-only note for non-administrators and the save problem, above the table. */
export function RuleTableNotes(props: { intro: string; isAdmin: boolean; problem: string | undefined }) {
  const { t } = useAdminI18n();
  return (
    <>
      <Typography.Paragraph type="secondary">{props.intro}</Typography.Paragraph>
      {!props.isAdmin && <Alert type="info" title={t('common.readOnly')} style={{ marginBottom: 16 }} />}
      <ProblemAlert problem={props.problem} />
    </>
  );
}

/** The edit column for administrators (none for everyone else), to spread into `columns`. */
export function editRowColumn<Row>(
  isAdmin: boolean,
  t: AdminI18n['t'],
  edit: (row: Row) => void,
): TableColumnType<Row>[] {
  if (!isAdmin) return [];
  return [
    {
      key: 'actions',
      title: t('common.actions'),
      width: 100,
      render: (_: unknown, row: Row) => (
        <Button size="small" onClick={() => edit(row)}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];
}

/** The delete-row column for administrators (none for everyone else), to spread into `columns`. */
export function removeRowColumn<Row extends { name: number }>(
  isAdmin: boolean,
  t: AdminI18n['t'],
  remove: (index: number) => void,
): TableColumnType<Row>[] {
  if (!isAdmin) return [];
  return [
    {
      key: 'remove',
      title: t('common.actions'),
      width: 90,
      render: (_: unknown, row: Row) => (
        <Button size="small" danger onClick={() => remove(row.name)}>
          {t('common.delete')}
        </Button>
      ),
    },
  ];
}

interface ToolbarProps {
  isAdmin: boolean;
  addLabel: string;
  saveLabel: string;
  saving: boolean;
  onAdd(): void;
  onSave(): void;
}

/** Add a row and save the whole table (administrators only). */
export function RuleTableToolbar({ isAdmin, addLabel, saveLabel, saving, onAdd, onSave }: ToolbarProps) {
  if (!isAdmin) return null;
  return (
    <Space style={{ marginTop: 16 }}>
      <Button onClick={onAdd}>{addLabel}</Button>
      <Button type="primary" loading={saving} onClick={onSave}>
        {saveLabel}
      </Button>
    </Space>
  );
}

/**
 * The state of a rule-table page: its form (the rows under `rules`), whether the viewer may edit,
 * the save in progress and its problem, and a toast. A server error naming a whole row (`rules.3`,
 * e.g. a duplicate) is shown on that row's `rowField` column.
 */
export function useRuleTable<Values>(rowField: string) {
  const [toast, toastHolder] = message.useMessage();
  const { viewer } = useViewer();
  const isAdmin = viewer?.isAdmin ?? false;
  const [form] = Form.useForm<Values>();
  const refresh = useRefresh();
  const onRow = (path: (string | number)[]) => (path.length === 2 ? [...path, rowField] : path);
  const { saving, problem, attempt } = useSaving(form, onRow);
  return { toast, toastHolder, viewer, isAdmin, form, refresh, saving, problem, attempt };
}

interface RuleTableProps<Values> {
  title: string;
  intro: string;
  /** The form's name (its fields' ids start with it). */
  name: string;
  table: Pick<
    ReturnType<typeof useRuleTable<Values>>,
    'toastHolder' | 'isAdmin' | 'form' | 'saving' | 'problem'
  >;
  onFinish(values: Values): void;
  emptyText: string;
  /** The columns, each rendering its form control of a row; the delete column is added after them. */
  columns: TableColumnType<FormListFieldData>[];
  addLabel: string;
  saveLabel: string;
  /** The values of a row added. */
  newRow(): object;
}

/** A rule table on a card: the rows of the form's `rules`, edited in place and saved whole. */
export function RuleTable<Values>(props: RuleTableProps<Values>): ReactNode {
  const { t } = useAdminI18n();
  const { toastHolder, isAdmin, form, saving, problem } = props.table;
  return (
    <Card title={props.title}>
      {toastHolder}
      <RuleTableNotes intro={props.intro} isAdmin={isAdmin} problem={problem} />
      <Form
        form={form as FormInstance}
        name={props.name}
        onFinish={props.onFinish}
        disabled={!isAdmin}
        component="div"
      >
        <Form.List name="rules">
          {(fields, { add, remove }) => (
            <>
              <Table
                size="small"
                rowKey="key"
                dataSource={fields}
                pagination={false}
                locale={{ emptyText: props.emptyText }}
                columns={[...props.columns, ...removeRowColumn<FormListFieldData>(isAdmin, t, remove)]}
              />
              <RuleTableToolbar
                isAdmin={isAdmin}
                addLabel={props.addLabel}
                saveLabel={props.saveLabel}
                saving={saving}
                onAdd={() => add(props.newRow())}
                onSave={() => form.submit()}
              />
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}
