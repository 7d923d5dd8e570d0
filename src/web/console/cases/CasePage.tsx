/** 案件详情: the case's facts, the chain check of its history, the actions the person may take, and the timeline. */
import { Alert, Button, Card, Col, Row, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../shared/api.ts';
import { navigate } from '../shell/router.ts';
import { useConsoleI18n } from '../shell/use-console-i18n.ts';
import { useRemote } from '../shell/use-remote.ts';
import { CaseActions } from './CaseActions.tsx';
import { CaseDetails } from './CaseDetails.tsx';
import { CaseEvidence } from './CaseEvidence.tsx';
import { CaseTimeline } from './CaseTimeline.tsx';
import { type CaseView, caseViewOf } from './case-view.ts';
import { VerificationStatus } from './VerificationStatus.tsx';

export function CasePage(props: { caseId: string }) {
  const { t } = useConsoleI18n();
  const loaded = useRemote(
    () => call(api.GET('/api/v1/cases/{id}', { params: { path: { id: props.caseId } } })).then(caseViewOf),
    props.caseId,
  );
  const [theCase, setCase] = useState<CaseView>();
  const [version, setVersion] = useState(0);
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
      <CaseEvidence theCase={theCase} version={String(version)} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('case.actions')}>
            <CaseActions
              theCase={theCase}
              onChanged={(updated) => {
                setCase(updated);
                setVersion((v) => v + 1);
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <VerificationStatus caseId={theCase.id} version={String(version)} />
        </Col>
      </Row>
      <Card title={t('case.timeline')}>
        <CaseTimeline theCase={theCase} version={String(version)} />
      </Card>
    </Space>
  );
}
