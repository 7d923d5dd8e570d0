/** The buttons of exactly the actions the signed-in person may take now (`allowedActions`). */
import { App, Button, Empty, Space } from 'antd';
import { useState } from 'react';
import type { CaseView } from '../../shared/case-view.ts';
import { labelOf } from '../i18n.ts';
import { useConsoleI18n } from '../shell/use-console-i18n.ts';
import { ActionDialog } from './ActionDialog.tsx';

export function CaseActions(props: { theCase: CaseView; onChanged(updated: CaseView): void }) {
  const { t } = useConsoleI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState<string>();
  const actions = props.theCase.allowedActions;
  if (actions.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.noActions')} />;
  return (
    <>
      <Space wrap data-testid="case-actions">
        {actions.map((a) => (
          <Button
            key={a}
            data-action={a}
            type={a === 'dispatch' || a === 'register' || a === 'verify' ? 'primary' : 'default'}
            danger={a === 'reject' || a === 'request_void' || a === 'approve_void'}
            onClick={() => setOpen(a)}
          >
            {labelOf(t, 'action', a)}
          </Button>
        ))}
      </Space>
      {open && (
        <ActionDialog
          action={open}
          theCase={props.theCase}
          onCancel={() => setOpen(undefined)}
          onDone={(updated) => {
            void message.success(t('action.done', { action: labelOf(t, 'action', open) }));
            setOpen(undefined);
            props.onChanged(updated);
          }}
        />
      )}
    </>
  );
}
