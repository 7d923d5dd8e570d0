/** Pickers the action forms use: people of an area, departments, another case. */
import { Select } from 'antd';
import { useState } from 'react';
import { useAreaTeam } from '../../shared/resources/areas.ts';
import { useCases } from '../../shared/resources/cases.ts';
import { useDepartments } from '../../shared/resources/catalogue.ts';
import { labelOf } from '../i18n.ts';
import { useConsoleI18n } from '../shell/use-console-i18n.ts';

interface PickerProps<T> {
  id?: string;
  value?: T;
  onChange?: (value: T) => void;
}

/** Several of `options`, searched by their labels. */
function MultiPicker(
  props: PickerProps<string[]> & {
    options: { value: string; label: string }[];
    loading: boolean;
    error?: Error | undefined;
  },
) {
  return (
    <Select<string[]>
      id={props.id}
      mode="multiple"
      value={props.value}
      onChange={props.onChange}
      loading={props.loading}
      optionFilterProp="label"
      status={props.error ? 'error' : undefined}
      placeholder={props.error?.message}
      options={props.options}
    />
  );
}

/**
 * The handlers of an area's team (GET /areas/{id}/team: the grid team and department handlers, never
 * residents or operators), each person once with every role they hold there.
 */
export function PeoplePicker(props: PickerProps<string[]> & { areaId: string | undefined }) {
  const { t } = useConsoleI18n();
  const team = useAreaTeam(props.areaId);
  const people = new Map<string, { name: string; roles: Set<string> }>();
  for (const m of team.data ?? []) {
    const person = people.get(m.userId) ?? { name: m.displayName, roles: new Set<string>() };
    person.roles.add(labelOf(t, 'role', m.role));
    people.set(m.userId, person);
  }
  return (
    <MultiPicker
      {...props}
      loading={team.loading}
      error={team.error}
      options={[...people].map(([id, p]) => ({ value: id, label: `${p.name} · ${[...p.roles].join('、')}` }))}
    />
  );
}

export function DepartmentPicker(props: PickerProps<string[]>) {
  const { nameOf } = useConsoleI18n();
  const departments = useDepartments();
  return (
    <MultiPicker
      {...props}
      loading={departments.loading}
      options={(departments.data ?? []).map((d) => ({ value: d.id, label: nameOf(d) }))}
    />
  );
}

/** Another case, found by number or title. */
export function CasePicker(props: PickerProps<string> & { excludeId: string }) {
  const [q, setQ] = useState('');
  const found = useCases({ limit: 20, offset: 0, ...(q.trim() ? { q: q.trim() } : {}) });
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
