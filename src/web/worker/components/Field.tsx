/**
 * One form field of the worker app, labelled for screen readers and the browser tests: text,
 * long text, number, one choice among options, several people, a case type, or another case.
 */
import { Checkbox, Input, Selector, Space, TextArea } from 'antd-mobile';
import { useId } from 'react';
import { localName } from '../../shared/vocabulary.ts';
import type { FieldSpec } from '../actions/fields.ts';
import { labelOf, useT } from '../i18n/index.ts';
import type { CaseType, TeamMember } from '../types.ts';
import { CaseSearch } from './CaseSearch.tsx';

export interface FieldProps {
  spec: FieldSpec;
  value: string | string[] | undefined;
  onChange(value: string | string[]): void;
  team?: TeamMember[];
  caseTypes?: CaseType[];
  /** The case the form acts on (left out of case searches). */
  caseId?: string;
}

/** Who usually handles cases comes first in the list (grid workers before chiefs). */
const HANDLER_ORDER = ['grid_worker', 'part_time_worker', 'police_officer', 'grid_manager', 'social_force'];

/** Each person once, with every role they hold in the team, handlers first. */
function peopleOf(team: TeamMember[]): { userId: string; displayName: string; roles: string[] }[] {
  const byId = new Map<string, { userId: string; displayName: string; roles: string[] }>();
  for (const m of team) {
    const person = byId.get(m.userId) ?? { userId: m.userId, displayName: m.displayName, roles: [] };
    if (!person.roles.includes(m.role)) person.roles.push(m.role);
    byId.set(m.userId, person);
  }
  const place = (role: string) => {
    const i = HANDLER_ORDER.indexOf(role);
    return i === -1 ? HANDLER_ORDER.length : i;
  };
  const rank = (roles: string[]) => Math.min(...roles.map(place));
  return [...byId.values()].sort((x, y) => rank(x.roles) - rank(y.roles));
}

export function Field(props: FieldProps) {
  const { t, lang } = useT();
  const id = useId();
  const { spec } = props;
  const label = `${t(spec.label)}${spec.required ? '' : ` ${t('form.optional')}`}`;
  const text = typeof props.value === 'string' ? props.value : '';
  const list = Array.isArray(props.value) ? props.value : [];

  if (spec.kind === 'case')
    return (
      <CaseSearch
        label={label}
        excludeId={props.caseId ?? ''}
        value={text || undefined}
        onChange={props.onChange}
      />
    );

  let control: React.ReactNode;
  switch (spec.kind) {
    case 'textarea':
      control = <TextArea id={id} value={text} onChange={props.onChange} autoSize={{ minRows: 2 }} />;
      break;
    case 'text':
    case 'list':
      control = <Input id={id} value={text} onChange={props.onChange} />;
      break;
    case 'number':
      control = (
        <Input
          id={id}
          type="number"
          inputMode="numeric"
          value={text}
          onChange={props.onChange}
          {...(spec.min !== undefined ? { min: spec.min } : {})}
        />
      );
      break;
    case 'choice':
    case 'yesno': {
      const options =
        spec.kind === 'yesno'
          ? [
              { label: t('yes'), value: 'yes' },
              { label: t('no'), value: 'no' },
            ]
          : (spec.options ?? []).map((o) => ({ label: labelOf(t, spec.optionPrefix ?? '', o), value: o }));
      control = (
        <Selector options={options} value={text ? [text] : []} onChange={(v) => props.onChange(v[0] ?? '')} />
      );
      break;
    }
    case 'caseType':
      control = (
        <Selector
          columns={2}
          options={(props.caseTypes ?? [])
            .filter((c) => c.active)
            .map((c) => ({ label: localName(c, lang), value: c.code }))}
          value={text ? [text] : []}
          onChange={(v) => props.onChange(v[0] ?? '')}
        />
      );
      break;
    case 'people':
      control = (
        <Checkbox.Group value={list} onChange={(v) => props.onChange(v.map(String))}>
          <Space direction="vertical">
            {peopleOf(props.team ?? []).map((p) => (
              <Checkbox key={p.userId} value={p.userId}>
                {p.displayName}（{p.roles.map((r) => labelOf(t, 'role', r)).join('、')}）
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      );
      break;
  }

  const grouped =
    spec.kind === 'choice' || spec.kind === 'yesno' || spec.kind === 'caseType' || spec.kind === 'people';
  if (grouped)
    return (
      <fieldset className="field">
        <legend className="field-label">{label}</legend>
        {control}
      </fieldset>
    );
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {control}
    </div>
  );
}
