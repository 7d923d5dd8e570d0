/** Create a child area or edit one (administrators): kind, code, names and the polygon as GeoJSON. */
import { Form, Input, Select } from 'antd';
import { ApiError } from '../../../shared/api.ts';
import {
  type Area,
  type AreaChanges,
  type AreaDetail,
  type AreaKindName,
  createArea,
  updateArea,
} from '../../../shared/resources/areas.ts';
import { FormModal } from '../common/FormModal.tsx';
import { useAdminI18n } from '../common/use-admin-i18n.ts';
import { useSaving } from '../common/use-saving.ts';

/** Which kinds may sit under a parent of each kind (SPEC §1). */
export const CHILD_KINDS: Record<string, AreaKindName[]> = {
  banner: ['town'],
  town: ['village'],
  village: ['unit_grid', 'community_grid', 'enterprise_grid'],
  community_grid: ['micro_grid'],
};

export type AreaFormTarget = { mode: 'create'; parent: Area } | { mode: 'edit'; area: AreaDetail };

interface Values {
  kind?: AreaKindName;
  code: string;
  nameZh: string;
  nameEn: string;
  nameMn?: string;
  polygon?: string;
}

interface Props {
  target: AreaFormTarget;
  onClose(): void;
  onSaved(area: AreaDetail): void;
}

/** The polygon text as GeoJSON, `null` to remove it, or undefined when it does not parse. */
function parsePolygon(text: string | undefined): { value: unknown } | undefined {
  if (!text || text.trim() === '') return { value: null };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** The create/edit dialog; server errors land on the field they name. */
export function AreaFormModal({ target, onClose, onSaved }: Props) {
  const { t, kindLabel, nameOf } = useAdminI18n();
  const [form] = Form.useForm<Values>();
  const editing = target.mode === 'edit' ? target.area : undefined;
  const kinds = target.mode === 'create' ? (CHILD_KINDS[target.parent.kind] ?? []) : [];

  const initial: Partial<Values> = editing
    ? {
        code: editing.code,
        nameZh: editing.nameZh,
        nameEn: editing.nameEn,
        nameMn: editing.nameMn ?? '',
        polygon: editing.polygon ? JSON.stringify(editing.polygon) : '',
      }
    : { kind: kinds[0], code: target.mode === 'create' ? target.parent.code : '' };

  const { saving, problem, attempt } = useSaving(form);

  const save = (values: Values) =>
    attempt(async () => {
      const polygon = parsePolygon(values.polygon);
      if (!polygon) {
        form.setFields([{ name: 'polygon', errors: [t('areas.form.polygonInvalid')] }]);
        return;
      }
      try {
        const names = { nameZh: values.nameZh, nameEn: values.nameEn, nameMn: values.nameMn?.trim() || null };
        const saved = editing
          ? await updateArea(editing.id, {
              ...names,
              code: values.code,
              polygon: polygon.value,
            } satisfies AreaChanges)
          : await createArea({
              ...names,
              parentId: target.mode === 'create' ? target.parent.id : null,
              kind: values.kind as AreaKindName,
              code: values.code,
              ...(polygon.value === null ? {} : { polygon: polygon.value }),
            });
        onSaved(saved);
      } catch (error) {
        // A taken code is a conflict without a field: it can only be the code.
        if (!(error instanceof ApiError && error.code === 'conflict')) throw error;
        form.setFields([{ name: 'code', errors: [error.message] }]);
      }
    });

  return (
    <FormModal
      title={
        editing
          ? t('areas.form.editTitle', { name: nameOf(editing) })
          : t('areas.form.createTitle', { name: target.mode === 'create' ? nameOf(target.parent) : '' })
      }
      form={form}
      saving={saving}
      problem={problem}
      onClose={onClose}
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save} name="area-form">
        {!editing && (
          <Form.Item name="kind" label={t('areas.kind')} rules={[{ required: true }]}>
            <Select options={kinds.map((k) => ({ value: k, label: kindLabel(k) }))} />
          </Form.Item>
        )}
        <Form.Item
          name="code"
          label={t('areas.code')}
          extra={t('areas.form.codeHelp')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input inputMode="numeric" />
        </Form.Item>
        <Form.Item
          name="nameZh"
          label={t('areas.nameZh')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('areas.nameEn')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="nameMn" label={t('areas.nameMn')}>
          <Input />
        </Form.Item>
        <Form.Item name="polygon" label={t('areas.polygon')} extra={t('areas.form.polygonHelp')}>
          <Input.TextArea rows={4} spellCheck={false} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
