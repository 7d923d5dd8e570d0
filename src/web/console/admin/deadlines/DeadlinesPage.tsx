/**
 * Time limits (办理时限) per loop step, handling level and case type: the whole table is edited and
 * saved at once; the most specific rule applies to a case. Server errors land on the row they name.
 */
import { Alert, Form, InputNumber, Select, Spin } from 'antd';
import { useEffect } from 'react';
import { LEVEL_NAMES, LEVELS } from '../../../../shared/domain.ts';
import { queryKeys } from '../../../shared/query-keys.ts';
import { useCaseTypes } from '../../../shared/resources/catalogue.ts';
import {
  DEADLINE_STEPS,
  type DeadlineRule,
  type DeadlineStep,
  saveDeadlineRules,
  TIME_UNITS,
  type TimeUnit,
  useDeadlineRules,
} from '../../../shared/resources/deadlines.ts';
import { RuleTable, useRuleTable } from '../common/TableParts.tsx';
import { useAdminI18n } from '../common/use-admin-i18n.ts';

/** "Any" in a select (a select cannot hold null); sent as null. */
const ANY = '*';

interface Row {
  step: DeadlineStep;
  level: number | typeof ANY;
  caseType: string;
  amount: number;
  unit: TimeUnit;
}

const toRow = (r: DeadlineRule): Row => ({
  step: r.step,
  level: r.level ?? ANY,
  caseType: r.caseType ?? ANY,
  amount: r.amount,
  unit: r.unit,
});

/** The time-limits page. */
export function DeadlinesPage() {
  const { t, lang, nameOf } = useAdminI18n();
  // A duplicate row (`rules.3`) is shown on that row's step.
  const table = useRuleTable<{ rules: Row[] }>('step');
  const { toast, viewer, form, refresh, attempt } = table;
  const rules = useDeadlineRules();
  const types = useCaseTypes();

  useEffect(() => {
    if (rules.data) form.setFieldsValue({ rules: rules.data.map(toRow) });
  }, [rules.data, form]);

  const error = rules.error ?? types.error;
  if (error) return <Alert type="error" title={t('common.loadFailed', { message: error.message })} />;
  if (!rules.data || !types.data || !viewer) return <Spin />;
  const caseTypes = types.data;

  const save = ({ rules }: { rules: Row[] }) =>
    attempt(async () => {
      await saveDeadlineRules(
        (rules ?? []).map((r) => ({
          step: r.step,
          level: r.level === ANY ? null : r.level,
          caseType: r.caseType === ANY ? null : r.caseType,
          amount: r.amount,
          unit: r.unit,
        })),
      );
      toast.success(t('common.saved'));
      void refresh(queryKeys.deadlineRules);
    });

  const cell = (name: (string | number)[], control: React.ReactNode, required = true) => (
    <Form.Item
      name={name}
      style={{ margin: 0 }}
      rules={required ? [{ required: true, message: t('common.required') }] : undefined}
    >
      {control}
    </Form.Item>
  );

  return (
    <RuleTable
      title={t('page.deadlines')}
      intro={t('deadlines.intro')}
      name="deadlines"
      table={table}
      onFinish={save}
      emptyText={t('deadlines.empty')}
      addLabel={t('deadlines.addRow')}
      saveLabel={t('deadlines.save')}
      newRow={() => ({ step: 'handle', level: ANY, caseType: ANY, amount: 1, unit: 'workday' }) satisfies Row}
      columns={[
        {
          key: 'step',
          title: t('deadlines.step'),
          render: (_, f) =>
            cell(
              [f.name, 'step'],
              <Select
                aria-label={t('deadlines.stepOfRow', { row: f.name + 1 })}
                options={DEADLINE_STEPS.map((s) => ({ value: s, label: t(`step.${s}`) }))}
              />,
            ),
        },
        {
          key: 'level',
          title: t('deadlines.level'),
          render: (_, f) =>
            cell(
              [f.name, 'level'],
              <Select
                aria-label={t('deadlines.levelOfRow', { row: f.name + 1 })}
                options={[
                  { value: ANY, label: t('deadlines.anyLevel') },
                  ...LEVELS.map((l) => ({
                    value: l,
                    label: `L${l} ${LEVEL_NAMES[l][lang === 'en' ? 'en' : 'zh']}`,
                  })),
                ]}
              />,
            ),
        },
        {
          key: 'caseType',
          title: t('deadlines.caseType'),
          render: (_, f) =>
            cell(
              [f.name, 'caseType'],
              <Select
                aria-label={t('deadlines.caseTypeOfRow', { row: f.name + 1 })}
                options={[
                  { value: ANY, label: t('deadlines.anyType') },
                  ...caseTypes.map((ct) => ({ value: ct.code, label: nameOf(ct) })),
                ]}
              />,
            ),
        },
        {
          key: 'amount',
          title: t('deadlines.amount'),
          width: 110,
          render: (_, f) =>
            cell(
              [f.name, 'amount'],
              <InputNumber
                aria-label={t('deadlines.amountOfRow', { row: f.name + 1 })}
                min={0.5}
                max={1000}
                step={1}
                style={{ width: '100%' }}
              />,
            ),
        },
        {
          key: 'unit',
          title: t('deadlines.unit'),
          width: 130,
          render: (_, f) =>
            cell(
              [f.name, 'unit'],
              <Select
                aria-label={t('deadlines.unitOfRow', { row: f.name + 1 })}
                options={TIME_UNITS.map((u) => ({ value: u, label: t(`unit.${u}`) }))}
              />,
            ),
        },
      ]}
    />
  );
}
