/** The administration pages' add/edit dialog: Save and Cancel, a busy OK button, and a problem banner. */
import { Alert, type FormInstance, Modal, type ModalProps } from 'antd';
import type { ReactNode } from 'react';
import { useAdminI18n } from './use-admin-i18n.ts';

/** An error banner above a form, shown only when there is a problem. */
export function ProblemAlert({ problem }: { problem: string | undefined }) {
  return problem ? <Alert type="error" title={problem} style={{ marginBottom: 16 }} /> : null;
}

interface Props {
  title: ReactNode;
  /** The form inside: OK submits it. */
  form: FormInstance;
  saving: boolean;
  problem: string | undefined;
  onClose(): void;
  width?: ModalProps['width'];
  children: ReactNode;
}

/** A modal form dialog whose OK button submits `form`; the content is unmounted when it closes. */
export function FormModal({ title, form, saving, problem, onClose, width, children }: Props) {
  const { t } = useAdminI18n();
  return (
    <Modal
      open
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      {...(width === undefined ? {} : { width })}
    >
      <ProblemAlert problem={problem} />
      {children}
    </Modal>
  );
}
