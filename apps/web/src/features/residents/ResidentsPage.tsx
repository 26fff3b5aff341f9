import { useState } from 'react';
import { Card, Input, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RESIDENT_TAGS, type ResidentTag } from '@gongzhi/core';
import { PagedTable } from '../../components/PagedTable.tsx';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { useDomainLabels } from '../../components/labels.ts';
import { useUrlFilters } from '../../components/useUrlFilters.ts';
import { residentsQuery } from './residents.queries.ts';
import { residentColumns } from '../org/residentColumns.tsx';
import { useRelationLabel } from '../org/relations.ts';

/**
 * /residents — find people across the user's area by region, name (or a full ID/phone number) and
 * tag. Filters live in the URL so a found list can be bookmarked or sent to a colleague.
 */
export default function ResidentsPage() {
  const { t } = useTranslation();
  const labels = useDomainLabels();
  const relationLabel = useRelationLabel();
  const { filters, setFilter, key } = useUrlFilters<{ regionId?: string; q: string; tag?: ResidentTag }>({ regionId: undefined, q: '', tag: undefined });
  const { regionId, q, tag } = filters;
  const [draft, setDraft] = useState(q);
  const columns = residentColumns(t, relationLabel, { withRegion: true });

  return (
    <div data-testid="residents-page">
      <Typography.Title level={3}>{t('residents.title')}</Typography.Title>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <RegionTreeSelect value={regionId} onChange={(id) => setFilter('regionId', id)} testId="residents-region" style={{ width: 260 }} />
          <Input.Search
            allowClear
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onSearch={(v) => setFilter('q', v.trim() || undefined)}
            placeholder={t('residents.q')}
            style={{ width: 280 }}
            data-testid="residents-q"
          />
          <Select<ResidentTag>
            allowClear
            value={tag}
            onChange={(v) => setFilter('tag', v)}
            placeholder={t('residents.anyTag')}
            options={RESIDENT_TAGS.map((x) => ({ value: x, label: labels.tag(x) }))}
            style={{ width: 200 }}
            aria-label={t('residents.tag')}
            data-testid="residents-tag"
          />
        </Space>
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('residents.hint')}</Typography.Text>
        </div>
      </Card>
      <PagedTable
        query={(page) => residentsQuery({ regionId, q, tag, ...page })}
        resetKey={key}
        columns={columns}
        rowKey={(r) => r.id}
        testId="residents-table"
      />
    </div>
  );
}
