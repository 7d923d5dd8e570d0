/** Pickers the action forms use: people of an area, departments, another case. */
import { Select } from 'antd';
import { useState } from 'react';
import { api, call } from '../../shared/api.ts';
import { labelOf } from '../i18n.ts';
import { useConsoleI18n } from '../shell/use-console-i18n.ts';
import { useRemote } from '../shell/use-remote.ts';
import { useDepartments } from './use-catalogue.ts';

interface PickerProps<T> {
  id?: string;
  value?: T;
  onChange?: (value: T) => void;
}

/** People assigned in `areaId` or below (centre operators and administrators may list them). */
export function PeoplePicker(props: PickerProps<string[]> & { areaId: string | undefined }) {
  const { t } = useConsoleI18n();
  const people = useRemote(
    () =>
      props.areaId
        ? call(
            api.GET('/api/v1/users', { params: { query: { areaId: props.areaId, limit: 200, offset: 0 } } }),
          )
        : Promise.resolve({ items: [], total: 0, limit: 0, offset: 0 }),
    `people:${props.areaId}`,
  );
  return (
    <Select<string[]>
      id={props.id}
      mode="multiple"
      value={props.value}
      onChange={props.onChange}
      loading={people.loading}
      optionFilterProp="label"
      status={people.error ? 'error' : undefined}
      placeholder={people.error?.message}
      options={(people.data?.items ?? [])
        .filter((u) => u.active)
        .map((u) => ({
          value: u.id,
          label: `${u.displayName} · ${[...new Set(u.assignments.map((a) => labelOf(t, 'role', a.role)))].join('、')}`,
        }))}
    />
  );
}

export function DepartmentPicker(props: PickerProps<string[]>) {
  const { nameOf } = useConsoleI18n();
  const departments = useDepartments();
  return (
    <Select<string[]>
      id={props.id}
      mode="multiple"
      value={props.value}
      onChange={props.onChange}
      loading={departments.loading}
      optionFilterProp="label"
      options={(departments.data ?? []).map((d) => ({ value: d.id, label: nameOf(d) }))}
    />
  );
}

/** Another case, found by number or title. */
export function CasePicker(props: PickerProps<string> & { excludeId: string }) {
  const [q, setQ] = useState('');
  const found = useRemote(
    () =>
      call(
        api.GET('/api/v1/cases', {
          params: { query: { limit: 20, offset: 0, ...(q.trim() ? { q: q.trim() } : {}) } },
        }),
      ),
    `merge:${q}`,
  );
  return (
    <Select<string>
      id={props.id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={props.value}
      onChange={props.onChange}
      loading={found.loading}
      options={(found.data?.items ?? [])
        .filter((c) => c.id !== props.excludeId)
        .map((c) => ({ value: c.id, label: `${c.caseNo} ${c.title}` }))}
    />
  );
}
