/** 链校验: whether the case's history is intact, from `GET /api/v1/cases/{id}/verification`. */
import { Alert } from 'antd';
import { useCaseVerification } from '../../shared/resources/cases.ts';
import { useConsoleI18n } from '../shell/use-console-i18n.ts';

export function VerificationStatus(props: { caseId: string }) {
  const { t } = useConsoleI18n();
  const check = useCaseVerification(props.caseId);
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
