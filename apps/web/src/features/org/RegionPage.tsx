import { Link, useParams } from 'react-router';
import { Card, Col, Descriptions, Row, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ResidentTag } from '@gongzhi/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { RegionDetail, RegionSummary } from '../../api/types.ts';
import { LevelTag } from '../../components/LevelTag.tsx';
import { PageError } from '../../components/PageError.tsx';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable.tsx';
import { useDomainLabels } from '../../components/labels.ts';
import { PageSpinner } from '../../shell/AppLayout.tsx';
import { RegionBreadcrumb } from './RegionBreadcrumb.tsx';
import { RegionActions } from './RegionActions.tsx';
import { RegionBuildings } from './RegionBuildings.tsx';
import { RegionHouseholds } from './RegionHouseholds.tsx';
import { useRevealInTree } from './OrgPage.tsx';
import { orgKeys, regionQuery, regionsQuery } from './org.queries.ts';

/** /org/regions/:id — one region: where it sits, what is below it, and what the user may do to it. */
export default function RegionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const detail = useQuery(regionQuery(id));
  const region = detail.data?.id === id ? detail.data : undefined;
  const leaf = region?.level === 'microgrid';
  const children = useQuery({ ...regionsQuery(id, true), enabled: Boolean(region && !leaf) });
  useRevealInTree(region?.ancestors.map((a) => a.id));

  if (detail.error && !region) return <PageError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!region) return <PageSpinner />;

  const can = (a: string) => region.abilities.includes(a);
  // This region, its lists and the tree beside it (the parents' names and counts; a move changes two
  // parents) all show the change: the whole register is marked stale.
  const changed = () => void qc.invalidateQueries({ queryKey: orgKeys.all });

  const tabs = [];
  if (!leaf) {
    tabs.push({
      key: 'children',
      label: `${t('org.region.tabs.children')} (${region.counts.children})`,
      children: <ChildrenTable rows={children.data} loading={children.isFetching} />,
    });
  }
  if ((region.level === 'grid' || region.level === 'microgrid') && can('people.read')) {
    tabs.push({ key: 'buildings', label: t('org.region.tabs.buildings'), children: <RegionBuildings regionId={region.id} /> });
  }
  if (can('people.read')) {
    tabs.push({
      key: 'households',
      label: `${t('org.region.tabs.households')} (${region.counts.households})`,
      children: <RegionHouseholds region={region} />,
    });
  }

  return (
    <div data-testid="region-page">
      <RegionBreadcrumb ancestors={region.ancestors} current={region.name} />
      <Space align="center" wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="region-name">
          {region.name}
        </Typography.Title>
        <LevelTag level={region.level} />
        {region.retired && (
          <Tag icon={<StopOutlined />} data-testid="region-retired">
            {t('org.region.retired')}
          </Tag>
        )}
      </Space>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('org.region.code')}>
          <span className="gz-mono" data-testid="region-code">{region.code}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('org.region.level')}>{t(`common.level.${region.level}`)}</Descriptions.Item>
      </Descriptions>
      <RegionActions region={region} onChanged={changed} />
      <RegionStats region={region} />
      <TagCounts counts={region.tagCounts} />
      {tabs.length > 0 && <Tabs items={tabs} style={{ marginTop: 8 }} />}
    </div>
  );
}

function RegionStats({ region }: { region: RegionDetail }) {
  const { t } = useTranslation();
  const stats = [
    { key: 'children', value: region.counts.children },
    { key: 'buildings', value: region.counts.buildings },
    { key: 'households', value: region.counts.households },
    { key: 'residents', value: region.counts.residents },
  ] as const;
  return (
    <Row gutter={[12, 12]} style={{ margin: '12px 0' }}>
      {stats.map((s) => (
        <Col xs={12} md={6} key={s.key}>
          <Card size="small">
            <Statistic title={t(`org.region.stats.${s.key}`)} value={s.value} data-testid={`stat-${s.key}`} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function TagCounts({ counts }: { counts: Record<string, number> }) {
  const { t } = useTranslation();
  const labels = useDomainLabels();
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  return (
    <Card size="small" title={t('org.region.tags')} data-testid="tag-counts">
      {entries.length === 0 ? (
        <Typography.Text type="secondary">{t('org.region.noTags')}</Typography.Text>
      ) : (
        <Space size={[8, 8]} wrap>
          {entries.map(([tag, n]) => (
            <Tag key={tag} data-tag={tag}>
              {labels.tag(tag as ResidentTag)}: <strong>{n}</strong>
            </Tag>
          ))}
        </Space>
      )}
    </Card>
  );
}

function ChildrenTable({ rows, loading }: { rows: RegionSummary[] | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const columns: Column<RegionSummary>[] = [
    { key: 'name', title: t('common.field.name'), render: (r) => <Link to={`/org/regions/${r.id}`}>{r.name}</Link> },
    { key: 'level', title: t('common.field.level'), render: (r) => <LevelTag level={r.level} /> },
    { key: 'code', title: t('common.field.code'), render: (r) => <span className="gz-mono">{r.code}</span> },
    { key: 'households', title: t('org.region.stats.households'), render: (r) => r.counts.households },
    { key: 'residents', title: t('org.region.stats.residents'), render: (r) => r.counts.residents },
    {
      key: 'status',
      title: t('common.field.status'),
      render: (r) => (r.retired ? <Tag icon={<StopOutlined />}>{t('common.status.retired')}</Tag> : t('common.status.active')),
    },
  ];
  return <ResponsiveTable rows={rows} columns={columns} rowKey={(r) => r.id} rowHref={(r) => `/org/regions/${r.id}`} loading={loading} testId="region-children" />;
}
