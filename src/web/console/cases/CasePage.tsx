/** 案件详情: the case's facts, the chain check of its history, the actions the person may take, and the timeline. */
import { Alert, Button, Card, Col, Row, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { CaseView } from '../../shared/case-view.ts';
import { useRefresh } from '../../shared/query.tsx';
import { queryKeys } from '../../shared/query-keys.ts';
import { useCase } from '../../shared/resources/cases.ts';
import { navigate } from '../shell/router.ts';
import { useConsoleI18n } from '../shell/use-console-i18n.ts';
import { CaseActions } from './CaseActions.tsx';
import { CaseDetails } from './CaseDetails.tsx';
import { CaseEvidence } from './CaseEvidence.tsx';
import { CaseTimeline } from './CaseTimeline.tsx';
import { VerificationStatus } from './VerificationStatus.tsx';

export function CasePage(props: { caseId: string }) {
  const { t } = useConsoleI18n();
  const loaded = useCase(props.caseId);
  const refresh = useRefresh();
  const [theCase, setCase] = useState<CaseView>();
  useEffect(() => setCase(loaded.data), [loaded.data]);

  const back = (
    <Button
      type="link"
      onClick={() => (window.history.length > 1 ? window.history.back() : navigate('/cases'))}
    >
      ← {t('case.back')}
    </Button>
  );
  if (loaded.error) return <Alert type="error" title={loaded.error.message} action={back} />;
  if (!theCase) return <Spin />;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <div>
        {back}
        <Typography.Title level={3} style={{ margin: 0 }}>
          <span data-testid="case-no">{theCase.caseNo}</span> {theCase.title}
        </Typography.Title>
      </div>
      <CaseDetails theCase={theCase} />
      <CaseEvidence theCase={theCase} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('case.actions')}>
            <CaseActions
              theCase={theCase}
              onChanged={(updated) => {
                setCase(updated);
                // The history, photos and verification below follow the action.
                void refresh(queryKeys.case(theCase.id));
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <VerificationStatus caseId={theCase.id} />
        </Col>
      </Row>
      <Card title={t('case.timeline')}>
        <CaseTimeline theCase={theCase} />
      </Card>
    </Space>
  );
}
