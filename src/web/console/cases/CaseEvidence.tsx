/**
 * 现场证据: the photos of a case (the resident's scene photos, the handler's before/after photos) and
 * a small map of where it is, on the case page (issue 7 #11).
 */
import { Card, Col, Empty, Row, Typography } from 'antd';
import type { Geometry } from 'geojson';
import type { CaseView } from '../../shared/case-view.ts';
import { galleryLabels } from '../../shared/evidence-labels.ts';
import { LazyCaseMap } from '../../shared/LazyCaseMap.tsx';
import { PhotoGallery } from '../../shared/PhotoGallery.tsx';
import { useArea } from '../../shared/resources/areas.ts';
import { useCasePhotos } from '../../shared/resources/cases.ts';
import { useConsoleI18n } from '../shell/use-console-i18n.ts';

export function CaseEvidence(props: { theCase: CaseView }) {
  const { t } = useConsoleI18n();
  const c = props.theCase;
  const photos = useCasePhotos(c.id);
  const gridId = c.grid?.id;
  const grid = useArea(gridId);
  const point = c.location && Number.isFinite(c.location.lng) ? c.location : null;
  return (
    <Card title={t('evidence.title')} data-testid="case-evidence">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          {photos.data && photos.data.length > 0 ? (
            <PhotoGallery
              photos={photos.data.map((p) => ({ id: p.id, kind: p.kind, src: p.url }))}
              labels={galleryLabels(t)}
            />
          ) : (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={photos.error?.message ?? t('evidence.noPhotos')}
            />
          )}
        </Col>
        <Col xs={24} lg={12}>
          {point ? (
            <>
              <LazyCaseMap
                point={point}
                polygon={(grid.data?.polygon as Geometry | null | undefined) ?? null}
                label={t('evidence.map', { caseNo: c.caseNo })}
              />
              <Typography.Text type="secondary" data-testid="case-point">
                {point.lng.toFixed(5)}, {point.lat.toFixed(5)}
              </Typography.Text>
            </>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evidence.noLocation')} />
          )}
        </Col>
      </Row>
    </Card>
  );
}
