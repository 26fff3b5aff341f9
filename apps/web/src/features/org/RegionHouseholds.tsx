import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Input, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { HouseholdView, RegionDetail } from '../../api/types.ts';
import { PagedTable } from '../../components/PagedTable.tsx';
import type { Column } from '../../components/ResponsiveTable.tsx';
import { householdsQuery } from './org.queries.ts';
import { AddHouseholdModal } from './AddHouseholdModal.tsx';

/** The households in a region's subtree, paged and searchable, with "register household" for writers. */
export function RegionHouseholds({ region }: { region: RegionDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
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
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 280 }}
          data-testid="households-search"
        />
        {canAdd && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="action-add-household">
            {t('org.actions.addHousehold')}
          </Button>
        )}
      </Space>
      <PagedTable
        query={(page) => householdsQuery({ regionId: region.id, q, ...page })}
        resetKey={`${region.id}|${q}`}
        columns={columns}
        rowKey={(h) => h.id}
        rowHref={(h) => `/org/households/${h.id}`}
        testId="region-households"
      />
      {adding && (
        <AddHouseholdModal regionId={region.id} onClose={() => setAdding(false)} onDone={(id) => navigate(`/org/households/${id}`)} />
      )}
    </>
  );
}
