import { useState } from 'react';
import { Button, Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ResidentTag } from '@gongzhi/core';
import { useQuery } from '@tanstack/react-query';
import { PageError } from '../../components/PageError.tsx';
import { useDomainLabels } from '../../components/labels.ts';
import { useSession } from '../../shell/session.tsx';
import { RuleModal } from './RuleModal.tsx';
import type { Coverage, VisitRuleView } from './types.ts';
import { coverageQuery, rulesQuery } from './visits.queries.ts';

type Counts = Coverage['totals'];

/** /visits/coverage — overdue households by grid and by grid worker, and each community's rule. */
export default function CoveragePage() {
  const { t } = useTranslation();
  const labels = useDomainLabels();
  const cov = useQuery(coverageQuery());
  const rules = useQuery(rulesQuery());
  const { can } = useSession();
  const [editing, setEditing] = useState<VisitRuleView>();
  if (cov.error) return <PageError error={cov.error} onRetry={() => void cov.refetch()} />;
  const countCols = [
    { key: 'h', title: t('visits.coverage.households'), render: (r: Counts) => r.households },
    { key: 'o', title: t('visits.coverage.overdue'), render: (r: Counts) => <Typography.Text type={r.overdue ? 'danger' : undefined} strong>{r.overdue}</Typography.Text> },
    { key: 'd', title: t('visits.coverage.due'), render: (r: Counts) => r.due },
    { key: 's', title: t('visits.coverage.special'), render: (r: Counts) => r.special },
    { key: 'so', title: t('visits.coverage.specialOverdue'), render: (r: Counts) => r.specialOverdue },
  ];
  const totals = cov.data?.totals;
  return (
    <div data-testid="visit-coverage-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('visits.coverage.title')}</Typography.Title>
      {cov.data && <Typography.Text type="secondary">{t('visits.coverage.today', { day: cov.data.today })}</Typography.Text>}
      <Row gutter={12} style={{ margin: '12px 0' }}>
        {(['households', 'overdue', 'due', 'specialOverdue'] as const).map((k) => (
          <Col xs={12} md={6} key={k}><Card size="small"><Statistic title={t(`visits.coverage.${k}`)} value={totals?.[k] ?? 0} loading={cov.isFetching} /></Card></Col>
        ))}
      </Row>
      <Card size="small" title={t('visits.coverage.byGrid')} style={{ marginBottom: 12 }}>
        <Table size="small" rowKey="regionId" loading={cov.isFetching} dataSource={cov.data?.byGrid} data-testid="coverage-grids" scroll={{ x: true }}
          columns={[{ key: 'n', title: t('visits.coverage.grid'), render: (r: Coverage['byGrid'][number]) => r.name }, ...countCols]} />
      </Card>
      <Card size="small" title={t('visits.coverage.byWorker')} style={{ marginBottom: 12 }}>
        <Table size="small" rowKey="userId" loading={cov.isFetching} dataSource={cov.data?.byWorker} data-testid="coverage-workers" scroll={{ x: true }}
          columns={[{ key: 'n', title: t('visits.coverage.worker'), render: (r: Coverage['byWorker'][number]) => r.name }, ...countCols,
            { key: 'v', title: t('visits.coverage.visits30d'), render: (r: Coverage['byWorker'][number]) => r.visits30d }]} />
      </Card>
      <Card size="small" title={t('visits.coverage.rules')}>
        <Table size="small" rowKey="regionId" loading={rules.isFetching} dataSource={rules.data} scroll={{ x: true }} columns={[
          { key: 'c', title: t('visits.coverage.community'), render: (r: VisitRuleView) => r.name },
          { key: 'h', title: t('visits.coverage.households'), render: (r: VisitRuleView) => r.households },
          { key: 's', title: t('visits.coverage.size'), render: (r: VisitRuleView) => <>{t(`visits.coverage.${r.effective.size}`)}{(!r.configured || r.configured.size === 'auto') && <Tag style={{ marginLeft: 4 }}>{t('visits.coverage.auto')}</Tag>}</> },
          { key: 'r', title: t('visits.coverage.regular'), render: (r: VisitRuleView) => r.effective.regularDays },
          { key: 'sd', title: t('visits.coverage.specialDays'), render: (r: VisitRuleView) => r.effective.specialDays },
          { key: 'st', title: t('visits.coverage.specialTags'), render: (r: VisitRuleView) => r.effective.specialTags.map((x) => labels.tag(x as ResidentTag)).join('、') },
          ...(can('visit.configure') ? [{ key: 'e', title: '', render: (r: VisitRuleView) => <Button size="small" onClick={() => setEditing(r)}>{t('visits.coverage.edit')}</Button> }] : []),
        ]} />
        {editing && <RuleModal rule={editing} onClose={() => setEditing(undefined)} />}
      </Card>
    </div>
  );
}
