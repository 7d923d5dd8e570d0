/**
 * The code and the names every catalogue entry (department, case type) carries: Chinese and English
 * required, traditional Mongolian optional (the apps show Chinese where it is empty).
 */
import { Form, Input } from 'antd';
import { useAdminI18n } from '../common/use-admin-i18n.ts';

/** The code (fixed once made when `codeFixed`), the two required names and the Mongolian one. */
export function CatalogueNameFields({ codeFixed = false }: { codeFixed?: boolean }) {
  const { t } = useAdminI18n();
  return (
    <>
      <Form.Item
        name="code"
        label={t('catalogue.code')}
        extra={t('catalogue.codeHelp')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input disabled={codeFixed} />
      </Form.Item>
      <Form.Item
        name="nameZh"
        label={t('catalogue.nameZh')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="nameEn"
        label={t('catalogue.nameEn')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="nameMn" label={t('catalogue.nameMn')} extra={t('catalogue.nameMnHelp')}>
        <Input lang="mn-Mong" />
      </Form.Item>
    </>
  );
}
