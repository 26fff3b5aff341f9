import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { BankOutlined, HomeOutlined, PlusOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import type { UnitView } from '../../api/types.ts';
import { PageError } from '../../components/PageError.tsx';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable.tsx';
import { formatArea } from '../../components/labels.ts';
import { PageSpinner } from '../../shell/AppLayout.tsx';
import { RegionBreadcrumb } from './RegionBreadcrumb.tsx';
import { AddUnitModal } from './AddUnitModal.tsx';
import { buildingQuery, regionQuery } from './org.queries.ts';

/** /org/buildings/:id — a building's units with floor area, owners and the households living there. */
export default function BuildingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const { data, error, refetch } = useQuery(buildingQuery(id));
  // The building carries no ancestors of its own; its region's page has them for the breadcrumb.
  const region = useQuery({ ...regionQuery(data?.regionId ?? ''), enabled: Boolean(data) });
  const b = data?.id === id ? data : undefined;

  if (error && !b) return <PageError error={error} onRetry={() => void refetch()} />;
  if (!b) return <PageSpinner />;

  const columns: Column<UnitView>[] = [
    { key: 'number', title: t('people.building.unitNumber'), render: (u) => u.number },
    { key: 'floor', title: t('people.building.floor'), render: (u) => u.floor ?? '—' },
    {
      key: 'area',
      title: t('people.building.area'),
      render: (u) => <span className="gz-mono" data-testid="unit-area">{formatArea(u.areaCentiM2)}</span>,
    },
    {
      key: 'use',
      title: t('people.building.use'),
      render: (u) => (u.use === 'residential' ? t('people.building.useResidential') : t('people.building.useCommercial')),
    },
    {
      key: 'owners',
      title: t('people.building.owners'),
      render: (u) =>
        u.owners.length ? (
          <Space size={[4, 4]} wrap>
            {u.owners.map((o) =>
              o.kind === 'resident' ? (
                <Link key={o.id} to={`/org/residents/${o.id}`}>
                  <Tag icon={<UserOutlined />}>{o.name}</Tag>
                </Link>
              ) : (
                <Tag key={o.id} icon={<BankOutlined />}>
                  {o.name} · {t('people.building.ownerOrg')}
                </Tag>
              ),
            )}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      key: 'households',
      title: t('people.building.households'),
      render: (u) =>
        u.households.length ? (
          <Space orientation="vertical" size={0}>
            {u.households.map((h) => (
              <Link key={h.id} to={`/org/households/${h.id}`}>
                <HomeOutlined /> {h.address} · {t(`common.tenure.${h.tenure}`)}
              </Link>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <div data-testid="building-page">
      {region.data && <RegionBreadcrumb ancestors={[...region.data.ancestors, region.data]} current={b.name} />}
      <Typography.Title level={3}>{b.name}</Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('people.building.address')}>{b.address}</Descriptions.Item>
        <Descriptions.Item label={t('people.household.region')}>
          <Link to={`/org/regions/${b.regionId}`}>{b.regionName}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('people.building.floors')}>{b.floors ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('people.building.households')}>{b.households}</Descriptions.Item>
      </Descriptions>
      <Card
        size="small"
        title={`${t('people.building.units')} (${b.units.length})`}
        extra={
          b.abilities.includes('people.write') && (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="action-add-unit">
              {t('people.building.addUnit')}
            </Button>
          )
        }
      >
        <ResponsiveTable rows={b.units} columns={columns} rowKey={(u) => u.id} testId="building-units" />
      </Card>
      {adding && (
        <AddUnitModal
          buildingId={b.id}
          onClose={() => setAdding(false)}
          onDone={() => setAdding(false)}
        />
      )}
    </div>
  );
}
