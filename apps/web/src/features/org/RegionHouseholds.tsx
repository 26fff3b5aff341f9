import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Input, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi.ts';
import type { HouseholdView, Page, RegionDetail } from '../../api/types.ts';
import { PageError } from '../../components/PageError.tsx';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable.tsx';
import { usePaging } from '../../components/usePaging.ts';
import { AddHouseholdModal } from './AddHouseholdModal.tsx';

/** The households in a region's subtree, paged and searchable, with "register household" for writers. */
export function RegionHouseholds({ region }: { region: RegionDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const paging = usePaging(20);
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const { data, error, loading, reload } = useApi<Page<HouseholdView>>('/api/v1/households', {
    regionId: region.id, q, limit: paging.limit, offset: paging.offset,
  });
  const canAdd = region.abilities.includes('people.write') && !region.retired && (region.level === 'grid' || region.level === 'microgrid');

  const columns: Column<HouseholdView>[] = [
    { key: 'address', title: t('people.household.address'), render: (h) => <Link to={`/org/households/${h.id}`}>{h.address}</Link> },
    { key: 'head', title: t('org.region.head'), render: (h) => h.head ?? '—' },
    { key: 'members', title: t('org.region.members'), render: (h) => h.members },
    { key: 'tenure', title: t('org.region.tenure'), render: (h) => t(`common.tenure.${h.tenure}`) },
    { key: 'region', title: t('people.household.region'), render: (h) => h.regionName ?? '—' },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('org.region.householdsSearch')}
          onSearch={(v) => {
            paging.reset();
            setQ(v.trim());
          }}
          style={{ width: 280 }}
          data-testid="households-search"
        />
        {canAdd && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="action-add-household">
            {t('org.actions.addHousehold')}
          </Button>
        )}
      </Space>
      {error ? (
        <PageError error={error} onRetry={reload} />
      ) : (
        <ResponsiveTable
          rows={data?.items}
          columns={columns}
          rowKey={(h) => h.id}
          loading={loading}
          paging={{ ...paging, total: data?.total ?? 0 }}
          testId="region-households"
        />
      )}
      {adding && (
        <AddHouseholdModal regionId={region.id} onClose={() => setAdding(false)} onDone={(id) => navigate(`/org/households/${id}`)} />
      )}
    </>
  );
}
