/**
 * The consistency report of the area tree (SPEC §1): household caps, children outside their parent,
 * overlapping siblings, gaps, households outside their grid, bad codes — within the viewer's scope.
 */
import { Alert, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { serverText } from '../../../shared/messages.ts';
import { type AreaViolation, useAreaChecks } from '../../../shared/resources/areas.ts';
import { useAdminI18n } from '../common/use-admin-i18n.ts';
import type { AdminKey } from '../i18n.ts';

/** Every kind of violation the server reports, with its label key and colour. */
export const VIOLATION_KINDS: { kind: string; label: AdminKey; color: string }[] = [
  { kind: 'cap_exceeded', label: 'checks.cap_exceeded', color: 'red' },
  { kind: 'outside_parent', label: 'checks.outside_parent', color: 'volcano' },
  { kind: 'sibling_overlap', label: 'checks.sibling_overlap', color: 'orange' },
  { kind: 'coverage_gap', label: 'checks.coverage_gap', color: 'gold' },
  { kind: 'household_outside_grid', label: 'checks.household_outside_grid', color: 'magenta' },
  { kind: 'household_not_in_lowest_grid', label: 'checks.household_not_in_lowest_grid', color: 'purple' },
  { kind: 'bad_code', label: 'checks.bad_code', color: 'blue' },
];

/** One line of plain words for a violation; the cap ones say how many households and what cap. */
function useDescribe() {
  const { t, lang } = useAdminI18n();
  return (v: AreaViolation): string => {
    const { households, cap } = v.details as { households?: number; cap?: number };
    if (v.kind === 'cap_exceeded' && households !== undefined && cap !== undefined) {
      return t('checks.capMessage', { households, cap });
    }
    return serverText(v, lang);
  };
}

interface Props {
  /** Opens the area a violation is about. */
  onOpen(areaId: string): void;
}

/** The list of violations, filterable by kind, reloadable. */
export function AreaChecks({ onOpen }: Props) {
  const { t } = useAdminI18n();
  const describe = useDescribe();
  const [kind, setKind] = useState<string>();
  const checks = useAreaChecks();
  if (checks.error) {
    return <Alert type="error" title={t('common.loadFailed', { message: checks.error.message })} />;
  }
  const all = checks.data?.violations ?? [];
  const shown = kind ? all.filter((v) => v.kind === kind) : all;
  const labelOf = (k: string) => VIOLATION_KINDS.find((v) => v.kind === k);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text strong data-testid="checks-count">
          {checks.loading ? t('common.loading') : t('checks.count', { count: all.length })}
        </Typography.Text>
        <Select
          aria-label={t('checks.filterKind')}
          allowClear
          placeholder={t('checks.allKinds')}
          style={{ width: 240 }}
          value={kind}
          onChange={setKind}
          options={VIOLATION_KINDS.map((v) => ({
            value: v.kind,
            label: `${t(v.label)} (${all.filter((x) => x.kind === v.kind).length})`,
          }))}
        />
        <Button onClick={checks.reload}>{t('common.refresh')}</Button>
      </Space>
      {!checks.loading && all.length === 0 ? (
        <Alert type="success" title={t('checks.none')} />
      ) : (
        <Table<AreaViolation>
          size="small"
          rowKey={(v) => `${v.kind}:${v.areaId}:${v.message}`}
          loading={checks.loading}
          dataSource={shown}
          pagination={{ pageSize: 20 }}
          columns={[
            {
              key: 'kind',
              title: t('checks.kind'),
              width: 200,
              render: (_, v) => {
                const label = labelOf(v.kind);
                return <Tag color={label?.color}>{label ? t(label.label) : v.kind}</Tag>;
              },
            },
            {
              key: 'code',
              title: t('areas.code'),
              width: 190,
              render: (_, v) => (
                <Button type="link" size="small" onClick={() => onOpen(v.areaId)} title={t('checks.open')}>
                  {v.code}
                </Button>
              ),
            },
            { key: 'message', title: t('checks.message'), render: (_, v) => describe(v) },
          ]}
        />
      )}
    </Space>
  );
}
