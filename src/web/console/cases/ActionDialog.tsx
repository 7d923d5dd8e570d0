/** The form of one workflow action, with just the fields it needs; submits and hands back the new case. */
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Radio, Rate, Select } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { DIFFICULTIES } from '../../../shared/domain.ts';
import type { CaseView } from '../../shared/case-view.ts';
import { postAction } from '../../shared/resources/cases.ts';
import { useCaseTypes } from '../../shared/resources/catalogue.ts';
import { type ConsoleKey, labelOf } from '../i18n.ts';
import { useConsoleI18n } from '../shell/use-console-i18n.ts';
import { ACTION_FIELDS, type ActionField, type ActionValues, actionBody } from './action-fields.ts';
import { CasePicker, DepartmentPicker, PeoplePicker } from './pickers.tsx';

const { TextArea } = Input;

export function ActionDialog(props: {
  action: string;
  theCase: CaseView;
  onDone(updated: CaseView): void;
  onCancel(): void;
}) {
  const { t, nameOf } = useConsoleI18n();
  const [form] = Form.useForm<ActionValues>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const types = useCaseTypes();
  const c = props.theCase;
  const routeByType = Form.useWatch('routeByType', form);
  const required = [{ required: true, message: t('form.required') }];

  const item = (name: keyof ActionValues, label: ConsoleKey, control: ReactNode, rules = [] as object[]) => (
    <Form.Item key={name} name={name} label={t(label)} rules={rules}>
      {control}
    </Form.Item>
  );
  const difficulties = DIFFICULTIES.map((d) => ({ value: d, label: labelOf(t, 'difficulty', d) }));

  function dispatchFields(): ReactNode[] {
    const atLeast = (min: number, message: ConsoleKey) => ({
      validator: async () => {
        const v = form.getFieldsValue();
        if (v.routeByType) return;
        if ((v.handlerIds?.length ?? 0) + (v.departmentIds?.length ?? 0) < min) throw new Error(t(message));
      },
    });
    if (c.level === 4) {
      return [
        item(
          'routeByType',
          'form.routeMode',
          <Radio.Group
            options={[
              { value: true, label: t('form.routeByType') },
              { value: false, label: t('form.routeNamed') },
            ]}
          />,
        ),
        routeByType === false &&
          item('departmentIds', 'form.departments', <DepartmentPicker />, [atLeast(1, 'form.atLeastOne')]),
        item('dueAt', 'form.dueAt', <DatePicker showTime />),
      ];
    }
    if (c.level === 5) {
      return [
        <Alert key="joint" type="info" title={t('form.jointHint')} style={{ marginBottom: 16 }} />,
        item('departmentIds', 'form.departments', <DepartmentPicker />, [atLeast(2, 'form.atLeastTwo')]),
        item('dueAt', 'form.dueAt', <DatePicker showTime />),
      ];
    }
    return [
      item('handlerIds', 'form.handlers', <PeoplePicker areaId={c.handlingArea?.id} />, [
        atLeast(1, 'form.atLeastOne'),
      ]),
      item('departmentIds', 'form.departments', <DepartmentPicker />),
      item('dueAt', 'form.dueAt', <DatePicker showTime />),
    ];
  }

  function fieldsOf(field: ActionField): ReactNode {
    switch (field) {
      case 'caseType':
        return item(
          'caseType',
          'form.caseType',
          <Select options={(types.data ?? []).map((ct) => ({ value: ct.code, label: nameOf(ct) }))} />,
          required,
        );
      case 'title':
        return item('title', 'form.title', <Input maxLength={200} />);
      case 'difficulty':
        return item('difficulty', 'form.difficulty', <Select allowClear options={difficulties} />);
      case 'finalDifficulty':
        return item('finalDifficulty', 'form.finalDifficulty', <Select allowClear options={difficulties} />);
      case 'note':
        return item('note', 'form.note', <TextArea rows={3} maxLength={2000} />);
      case 'noteRequired':
        return item('note', 'form.note', <TextArea rows={3} maxLength={2000} />, required);
      case 'reason':
        return item('reason', 'form.reason', <TextArea rows={3} maxLength={2000} />, required);
      case 'intoCaseId':
        return item('intoCaseId', 'form.intoCase', <CasePicker excludeId={c.id} />, required);
      case 'dispatch':
        return dispatchFields();
      case 'outcome':
        return item(
          'outcome',
          'form.outcome',
          <Radio.Group
            options={['success', 'partial', 'failed'].map((o) => ({
              value: o,
              label: labelOf(t, 'outcome', o),
            }))}
          />,
          required,
        );
      case 'participants':
        return item(
          'participants',
          'form.participants',
          <Select mode="tags" open={false} suffixIcon={null} />,
        );
      case 'venue':
        return item('venue', 'form.venue', <Input maxLength={200} />);
      case 'link':
        return [
          item('userIds', 'form.users', <PeoplePicker areaId={c.handlingArea?.id} />),
          item('departmentIds', 'form.departments', <DepartmentPicker />),
        ];
      case 'result':
        return item('result', 'form.result', <TextArea rows={4} maxLength={5000} />, required);
      case 'message':
        return item('message', 'form.message', <TextArea rows={2} maxLength={500} />);
      case 'dueInWorkdays':
        return item('dueInWorkdays', 'form.dueInWorkdays', <InputNumber min={1} max={60} />);
      case 'escalationReason':
        return item(
          'escalationReason',
          'form.escalationReason',
          <Radio.Group
            options={['mediation_failed', 'beyond_authority'].map((r) => ({
              value: r,
              label: labelOf(t, 'escalation', r),
            }))}
          />,
          required,
        );
      case 'hours':
        return item('hours', 'form.hours', <InputNumber min={1} max={2000} />, required);
      case 'visit':
        return [
          item(
            'satisfied',
            'form.satisfied',
            <Radio.Group
              options={[
                { value: true, label: t('form.yes') },
                { value: false, label: t('form.no') },
              ]}
            />,
            required,
          ),
          item('rating', 'form.rating', <Rate />),
          item('comment', 'form.comment', <TextArea rows={2} maxLength={2000} />),
        ];
    }
  }

  async function submit(values: ActionValues) {
    setBusy(true);
    setError(undefined);
    try {
      const updated = await postAction(c.id, props.action, actionBody(props.action, values), idempotencyKey);
      props.onDone(updated);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={labelOf(t, 'action', props.action)}
      okText={t('action.submit')}
      cancelText={t('action.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={props.onCancel}
      destroyOnHidden
    >
      <Form<ActionValues>
        form={form}
        layout="vertical"
        name={`action-${props.action}`}
        initialValues={{ routeByType: c.level === 4 ? true : undefined, caseType: c.caseType ?? undefined }}
        onFinish={submit}
      >
        {(ACTION_FIELDS[props.action] ?? []).map(fieldsOf)}
      </Form>
      {error && <Alert type="error" title={error} />}
    </Modal>
  );
}
