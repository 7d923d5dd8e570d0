/** The case-type catalogue (案件类型): names, default difficulty, order, active; administrators edit it. */
import { Alert, Button, Card, Form, InputNumber, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useRefresh } from '../../../shared/query.tsx';
import { queryKeys } from '../../../shared/query-keys.ts';
import {
  type CaseType,
  type CaseTypeInput,
  createCaseType,
  DEFAULT_DIFFICULTIES,
  updateCaseType,
  useCaseTypes,
} from '../../../shared/resources/catalogue.ts';
import { FormModal } from '../common/FormModal.tsx';
import { editRowColumn } from '../common/TableParts.tsx';
import { useAdminI18n } from '../common/use-admin-i18n.ts';
import { useViewer } from '../common/use-me.ts';
import { useSaving } from '../common/use-saving.ts';
import { CatalogueNameFields } from './CatalogueNameFields.tsx';

/** The case-types page. */
export function CaseTypesPage() {
  const { t, nameOf } = useAdminI18n();
  const { viewer } = useViewer();
  const isAdmin = viewer?.isAdmin ?? false;
  const refresh = useRefresh();
  const [editing, setEditing] = useState<CaseType | 'new'>();
  const types = useCaseTypes(isAdmin);
  return (
    <Card
      title={t('page.caseTypes')}
      extra={
        isAdmin && (
          <Button type="primary" onClick={() => setEditing('new')}>
            {t('caseTypes.add')}
          </Button>
        )
      }
    >
      {types.error && <Alert type="error" title={t('common.loadFailed', { message: types.error.message })} />}
      <Table<CaseType>
        rowKey="code"
        size="small"
        loading={types.loading || !viewer}
        dataSource={types.data ?? []}
        pagination={false}
        columns={[
          { key: 'sort', title: t('caseTypes.sort'), dataIndex: 'sort', width: 70 },
          { key: 'code', title: t('catalogue.code'), dataIndex: 'code', width: 180 },
          { key: 'name', title: t('catalogue.name'), render: (_, ct) => nameOf(ct) },
          {
            key: 'difficulty',
            title: t('caseTypes.difficulty'),
            width: 120,
            render: (_, ct) => t(`difficulty.${ct.defaultDifficulty}`),
          },
          {
            key: 'active',
            title: t('caseTypes.active'),
            width: 100,
            render: (_, ct) =>
              ct.active ? (
                <Tag color="green">{t('caseTypes.inUse')}</Tag>
              ) : (
                <Tag>{t('caseTypes.retired')}</Tag>
              ),
          },
          ...editRowColumn<CaseType>(isAdmin, t, setEditing),
        ]}
      />
      {editing && (
        <CaseTypeModal
          caseType={editing === 'new' ? undefined : editing}
          nextSort={Math.max(0, ...(types.data ?? []).map((ct) => ct.sort)) + 10}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            void refresh(queryKeys.allCaseTypes);
          }}
        />
      )}
    </Card>
  );
}

interface ModalProps {
  caseType: CaseType | undefined;
  nextSort: number;
  onClose(): void;
  onSaved(): void;
}

type Values = CaseTypeInput & { code: string };

/** Add or edit a case type (the code is fixed once made: cases refer to it). */
function CaseTypeModal({ caseType, nextSort, onClose, onSaved }: ModalProps) {
  const { t } = useAdminI18n();
  const [form] = Form.useForm<Values>();
  const { saving, problem, attempt } = useSaving(form);
  const save = ({ code, ...fields }: Values) =>
    attempt(async () => {
      if (caseType) await updateCaseType(caseType.code, fields);
      else await createCaseType({ code, ...fields });
      onSaved();
    });
  return (
    <FormModal
      title={caseType ? t('caseTypes.edit') : t('caseTypes.add')}
      form={form}
      saving={saving}
      problem={problem}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        name="case-type-form"
        initialValues={caseType ?? { defaultDifficulty: 'general', active: true, sort: nextSort }}
        onFinish={save}
      >
        <CatalogueNameFields codeFixed={caseType !== undefined} />
        <Form.Item name="defaultDifficulty" label={t('caseTypes.difficulty')}>
          <Select options={DEFAULT_DIFFICULTIES.map((d) => ({ value: d, label: t(`difficulty.${d}`) }))} />
        </Form.Item>
        <Form.Item name="sort" label={t('caseTypes.sort')}>
          <InputNumber min={0} max={1_000_000} precision={0} />
        </Form.Item>
        <Form.Item name="active" label={t('caseTypes.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
