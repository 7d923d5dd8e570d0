/** The list view: the selected area's children with code, kind and household count. */
import { Alert, Button, Table } from 'antd';
import { type Area, type AreaDetail, useChildrenInDetail } from '../../../shared/resources/areas.ts';
import { useAdminI18n } from '../common/use-admin-i18n.ts';

interface Props {
  area: Area;
  isAdmin: boolean;
  onOpen(area: Area): void;
  onEdit(area: AreaDetail): void;
}

/** Children of an area, each with its household count (households in the grids below it). */
export function AreaChildrenTable({ area, isAdmin, onOpen, onEdit }: Props) {
  const { t, nameOf, kindLabel } = useAdminI18n();
  const children = useChildrenInDetail(area.id);
  if (children.error) {
    return <Alert type="error" title={t('common.loadFailed', { message: children.error.message })} />;
  }
  const rows = children.data ?? [];
  const total = rows.reduce((sum, row) => sum + row.households, 0);
  return (
    <Table<AreaDetail>
      size="small"
      rowKey="id"
      loading={children.loading}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20 } : false}
      locale={{ emptyText: t('areas.noChildren') }}
      aria-label={t('areas.childrenOf', { name: nameOf(area) })}
      columns={[
        { key: 'code', title: t('areas.code'), dataIndex: 'code', width: 190 },
        {
          key: 'name',
          title: t('areas.name'),
          render: (_, row) => (
            <Button type="link" size="small" onClick={() => onOpen(row)}>
              {nameOf(row)}
            </Button>
          ),
        },
        { key: 'kind', title: t('areas.kind'), render: (_, row) => kindLabel(row.kind), width: 140 },
        {
          key: 'households',
          title: t('areas.households'),
          dataIndex: 'households',
          align: 'right',
          width: 100,
        },
        ...(isAdmin
          ? [
              {
                key: 'actions',
                title: t('common.actions'),
                width: 100,
                render: (_: unknown, row: AreaDetail) => (
                  <Button size="small" onClick={() => onEdit(row)}>
                    {t('common.edit')}
                  </Button>
                ),
              },
            ]
          : []),
      ]}
      summary={() =>
        rows.length > 0 ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={3}>
              {t('areas.childrenTotal', { count: rows.length })}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {total}
            </Table.Summary.Cell>
            {isAdmin && <Table.Summary.Cell index={4} />}
          </Table.Summary.Row>
        ) : undefined
      }
    />
  );
}
