import { Link, useParams } from 'react-router';
import { Card, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { PageError } from '../../components/PageError.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { formatArea } from '../../components/labels.ts';
import { PageSpinner } from '../../shell/AppLayout.tsx';
import { RegionBreadcrumb } from './RegionBreadcrumb.tsx';
import { useRevealInTree } from './OrgPage.tsx';
import { AddResidentForm } from './AddResidentForm.tsx';
import { residentColumns } from './residentColumns.tsx';
import { useRelationLabel } from './relations.ts';
import { householdQuery } from './org.queries.ts';

/** /org/households/:id — a household's home and its members, with "add member" for writers. */
export default function HouseholdPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const relationLabel = useRelationLabel();
  const { data, error, isFetching, refetch } = useQuery(householdQuery(id));
  const h = data?.id === id ? data : undefined;
  useRevealInTree(h?.ancestors.map((a) => a.id));

  if (error && !h) return <PageError error={error} onRetry={() => void refetch()} />;
  if (!h) return <PageSpinner />;

  return (
    <div data-testid="household-page">
      <RegionBreadcrumb ancestors={h.ancestors} current={h.address} />
      <Typography.Title level={3}>{h.address}</Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 12 }} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('people.household.tenure')}>{t(`common.tenure.${h.tenure}`)}</Descriptions.Item>
        <Descriptions.Item label={t('people.household.head')}>{h.head ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('people.household.region')}>
          <Link to={`/org/regions/${h.regionId}`}>{h.regionName ?? '—'}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('people.household.unit')} span={3}>
          {h.unit ? (
            <Space wrap>
              <Link to={`/org/buildings/${h.unit.buildingId}`}>{h.unit.number}</Link>
              <span className="gz-mono">{formatArea(h.unit.areaCentiM2)} m²</span>
              {h.unit.owners.length > 0 && (
                <span>
                  {t('people.building.owners')}: {h.unit.owners.map((o) => o.name).join('、')}
                </span>
              )}
            </Space>
          ) : (
            t('people.household.noUnit')
          )}
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title={`${t('people.household.members')} (${h.members})`} style={{ marginBottom: 12 }}>
        <ResponsiveTable
          rows={h.residents}
          columns={residentColumns(t, relationLabel)}
          rowKey={(r) => r.id}
          loading={isFetching}
          testId="household-members"
        />
      </Card>
      {h.abilities.includes('people.write') && <AddResidentForm householdId={h.id} hasHead={h.head !== null} />}
    </div>
  );
}
