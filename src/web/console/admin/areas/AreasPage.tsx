/**
 * Areas and grids (区域与网格): the tree on the left; on the right the selected area with its
 * children as a list, on a map, and the consistency checks; administrators create and edit areas.
 */
import { Alert, Button, Card, Col, Descriptions, Row, Space, Spin, Tabs } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useRefresh } from '../../../shared/query.tsx';
import { queryKeys } from '../../../shared/query-keys.ts';
import { type Area, type AreaDetail, loadArea, useArea } from '../../../shared/resources/areas.ts';
import { useAdminI18n } from '../common/use-admin-i18n.ts';
import { useViewer } from '../common/use-me.ts';
import { AreaChecks } from './AreaChecks.tsx';
import { AreaChildrenTable } from './AreaChildrenTable.tsx';
import { AreaFormModal, type AreaFormTarget, CHILD_KINDS } from './AreaFormModal.tsx';
import { AreaTree } from './AreaTree.tsx';

// MapLibre is loaded only when the map tab is opened.
const AreaMap = lazy(() => import('./AreaMap.tsx').then((m) => ({ default: m.AreaMap })));

/** The areas-and-grids administration page. */
export function AreasPage() {
  const { t } = useAdminI18n();
  const { viewer, error } = useViewer();
  const [selected, setSelected] = useState<Area>();
  const [tab, setTab] = useState('list');
  const [form, setForm] = useState<AreaFormTarget>();
  // The tree reloads its open branches after an edit; the queries refresh through their keys.
  const [version, setVersion] = useState(0);
  const refresh = useRefresh();

  if (error) return <Alert type="error" title={t('common.loadFailed', { message: error.message })} />;
  if (!viewer) return <Spin />;

  const openById = (id: string) => {
    loadArea(id).then((area) => {
      setSelected(area);
      setTab('list');
    });
  };

  const saved = (area: AreaDetail) => {
    setForm(undefined);
    setVersion((v) => v + 1);
    void refresh(queryKeys.areas);
    setSelected(area);
  };

  return (
    <Row gutter={16}>
      <Col span={7}>
        <Card title={t('areas.tree')} size="small" styles={{ body: { maxHeight: 720, overflow: 'auto' } }}>
          <AreaTree
            roots={viewer.areaRoots}
            selectedId={selected?.id}
            onSelect={setSelected}
            version={version}
          />
        </Card>
      </Col>
      <Col span={17}>
        {selected && (
          <Space orientation="vertical" style={{ width: '100%' }} size="middle">
            <AreaSummary
              area={selected}
              isAdmin={viewer.isAdmin}
              onCreateChild={() => setForm({ mode: 'create', parent: selected })}
              onEdit={(detail) => setForm({ mode: 'edit', area: detail })}
            />
            <Card size="small">
              <Tabs
                activeKey={tab}
                onChange={setTab}
                destroyOnHidden
                items={[
                  {
                    key: 'list',
                    label: t('areas.tab.list'),
                    children: (
                      <AreaChildrenTable
                        area={selected}
                        isAdmin={viewer.isAdmin}
                        onOpen={setSelected}
                        onEdit={(detail) => setForm({ mode: 'edit', area: detail })}
                      />
                    ),
                  },
                  {
                    key: 'map',
                    label: t('areas.tab.map'),
                    children: (
                      <Suspense fallback={<Spin />}>
                        <AreaMap area={selected} onOpen={setSelected} />
                      </Suspense>
                    ),
                  },
                  {
                    key: 'checks',
                    label: t('areas.tab.checks'),
                    children: <AreaChecks onOpen={openById} />,
                  },
                ]}
              />
            </Card>
          </Space>
        )}
      </Col>
      {form && <AreaFormModal target={form} onClose={() => setForm(undefined)} onSaved={saved} />}
    </Row>
  );
}

interface SummaryProps {
  area: Area;
  isAdmin: boolean;
  onCreateChild(): void;
  onEdit(area: AreaDetail): void;
}

/** The selected area: where it sits, its code, kind and households, and the admin's buttons. */
function AreaSummary({ area, isAdmin, onCreateChild, onEdit }: SummaryProps) {
  const { t, nameOf, kindLabel } = useAdminI18n();
  const detail = useArea(area.id);
  const d = detail.data;
  const trail = d ? [...d.ancestors.map(nameOf), nameOf(d)].join(' › ') : nameOf(area);
  return (
    <Card
      size="small"
      title={<span data-testid="selected-area">{trail}</span>}
      extra={
        isAdmin && d ? (
          <Space>
            {CHILD_KINDS[d.kind] && <Button onClick={onCreateChild}>{t('areas.addChild')}</Button>}
            <Button type="primary" onClick={() => onEdit(d)}>
              {t('common.edit')}
            </Button>
          </Space>
        ) : undefined
      }
    >
      {detail.error ? (
        <Alert type="error" title={t('common.loadFailed', { message: detail.error.message })} />
      ) : (
        <Descriptions size="small" column={4}>
          <Descriptions.Item label={t('areas.code')}>{area.code}</Descriptions.Item>
          <Descriptions.Item label={t('areas.kind')}>{kindLabel(area.kind)}</Descriptions.Item>
          <Descriptions.Item label={t('areas.households')}>{d ? d.households : '…'}</Descriptions.Item>
          <Descriptions.Item label={t('areas.polygon')}>
            {d ? (d.polygon ? t('areas.hasPolygon') : t('areas.noPolygon')) : '…'}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
