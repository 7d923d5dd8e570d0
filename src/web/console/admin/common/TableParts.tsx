/**
 * Pieces shared by the administration tables: the edit column of the catalogue lists, and for the
 * tables edited and saved whole (routing 分流分调, time limits 办理时限) the notes above the table, the
 * delete-row column and the add/save toolbar — the editing parts shown to administrators only.
 */
import { Alert, Button, Space, type TableColumnType, Typography } from 'antd';
import { ProblemAlert } from './FormModal.tsx';
import { type AdminI18n, useAdminI18n } from './use-admin-i18n.ts';

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
