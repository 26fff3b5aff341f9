import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import type { BuildingView } from '../../api/types.ts';
import { PageError } from '../../components/PageError.tsx';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable.tsx';
import { buildingsQuery } from './org.queries.ts';

/** The buildings below a grid or micro-grid. */
export function RegionBuildings({ regionId }: { regionId: string }) {
  const { t } = useTranslation();
  const { data, error, isFetching, refetch } = useQuery(buildingsQuery(regionId));
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  const columns: Column<BuildingView>[] = [
    { key: 'name', title: t('people.building.name'), render: (b) => <Link to={`/org/buildings/${b.id}`}>{b.name}</Link> },
    { key: 'address', title: t('people.building.address'), render: (b) => b.address },
    { key: 'floors', title: t('people.building.floors'), render: (b) => b.floors ?? '—' },
    { key: 'units', title: t('people.building.units'), render: (b) => b.units },
    { key: 'households', title: t('people.building.households'), render: (b) => b.households },
  ];
  return <ResponsiveTable rows={data} columns={columns} rowKey={(b) => b.id} rowHref={(b) => `/org/buildings/${b.id}`} loading={isFetching} testId="region-buildings" />;
}
