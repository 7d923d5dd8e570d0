/** 链校验: whether the case's history is intact, from `GET /api/v1/cases/{id}/verification`. */
import { Alert } from 'antd';
import { api, call } from '../../shared/api.ts';
import { useConsoleI18n } from '../shell/use-console-i18n.ts';
import { useRemote } from '../shell/use-remote.ts';

export function VerificationStatus(props: { caseId: string; version: string }) {
  const { t } = useConsoleI18n();
  const check = useRemote(
    () => call(api.GET('/api/v1/cases/{id}/verification', { params: { path: { id: props.caseId } } })),
    `verify:${props.caseId}:${props.version}`,
  );
  if (check.error) return <Alert type="error" title={t('verify.title')} description={check.error.message} />;
  if (!check.data) return <Alert type="info" title={t('verify.title')} description={t('verify.checking')} />;
  const v = check.data;
  return (
    <div data-testid="verification" data-status={v.status}>
      {v.status === 'intact' ? (
        <Alert
          type="success"
          showIcon
          title={t('verify.title')}
          description={t('verify.intact', { checked: v.checked })}
        />
      ) : (
        <Alert
          type="error"
          showIcon
          title={t('verify.title')}
          description={
            <>
              {t('verify.broken', { count: v.broken.length })}
              <ul>
                {v.broken.map((b) => (
                  <li key={b.seq}>
                    #{b.seq} {b.message}
                  </li>
                ))}
              </ul>
            </>
          }
        />
      )}
    </div>
  );
}
