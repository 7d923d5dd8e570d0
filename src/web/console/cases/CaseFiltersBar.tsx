/** The case list's filter bar: every change goes to the address bar, which the list reads. */
import { Button, Checkbox, Form, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { CASE_STATUSES, type CaseStatus, LEVELS } from '../../../shared/domain.ts';
import { useCaseTypes } from '../../shared/resources/catalogue.ts';
import { labelOf } from '../i18n.ts';
import { useConsoleI18n } from '../shell/use-console-i18n.ts';
import { AreaTreeSelect } from './AreaTreeSelect.tsx';
import type { CaseFilters } from './filters.ts';

export function CaseFiltersBar(props: { filters: CaseFilters; onChange(next: CaseFilters): void }) {
  const { t, nameOf } = useConsoleI18n();
  const types = useCaseTypes();
  const f = props.filters;
  const set = (patch: Partial<CaseFilters>) => props.onChange({ ...f, ...patch, page: 1 });
  const [text, setText] = useState(f.q ?? '');
  useEffect(() => setText(f.q ?? ''), [f.q]);

  return (
    <Form layout="inline" style={{ rowGap: 12, marginBottom: 16 }}>
      <Form.Item label={t('filter.area')} htmlFor="filter-area">
        <AreaTreeSelect id="filter-area" value={f.areaId} onChange={(areaId) => set({ areaId })} />
      </Form.Item>
      <Form.Item label={t('filter.level')} htmlFor="filter-level">
        <Select<number>
          id="filter-level"
          style={{ width: 150 }}
          allowClear
          placeholder={t('filter.any')}
          value={f.level}
          onChange={(level) => set({ level })}
          options={LEVELS.map((l) => ({ value: l, label: `${l} · ${labelOf(t, 'level', String(l))}` }))}
        />
      </Form.Item>
      <Form.Item label={t('filter.status')} htmlFor="filter-status">
        <Select<CaseStatus[]>
          id="filter-status"
          mode="multiple"
          style={{ minWidth: 180 }}
          allowClear
          placeholder={t('filter.any')}
          value={f.status}
          onChange={(status) => set({ status })}
          options={CASE_STATUSES.map((s) => ({ value: s, label: labelOf(t, 'status', s) }))}
        />
      </Form.Item>
      <Form.Item label={t('filter.type')} htmlFor="filter-type">
        <Select<string>
          id="filter-type"
          style={{ width: 170 }}
          allowClear
          placeholder={t('filter.any')}
          value={f.caseType}
          onChange={(caseType) => set({ caseType })}
          options={(types.data ?? []).map((ct) => ({ value: ct.code, label: nameOf(ct) }))}
        />
      </Form.Item>
      <Form.Item>
        <Checkbox checked={f.overdue} onChange={(e) => set({ overdue: e.target.checked })}>
          {t('filter.overdue')}
        </Checkbox>
      </Form.Item>
      <Form.Item>
        <Checkbox checked={f.supervised} onChange={(e) => set({ supervised: e.target.checked })}>
          {t('filter.supervised')}
        </Checkbox>
      </Form.Item>
      <Form.Item label={t('filter.text')} htmlFor="filter-text">
        <Input.Search
          id="filter-text"
          style={{ width: 240 }}
          placeholder={t('filter.textPlaceholder')}
          value={text}
          allowClear
          onChange={(e) => setText(e.target.value)}
          onSearch={(q) => set({ q: q.trim() || undefined })}
        />
      </Form.Item>
      <Form.Item>
        <Button onClick={() => props.onChange({ status: [], overdue: false, supervised: false, page: 1 })}>
          {t('filter.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
