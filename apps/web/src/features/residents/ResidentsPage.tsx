import { useState } from 'react';
import { Card, Input, Select, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RESIDENT_TAGS, type ResidentTag } from '@gongzhi/core';
import { useApi } from '../../api/useApi.ts';
import type { Page, ResidentView } from '../../api/types.ts';
import { PageError } from '../../components/PageError.tsx';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { useDomainLabels } from '../../components/labels.ts';
import { usePaging } from '../../components/usePaging.ts';
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
  const [params, setParams] = useSearchParams();
  const paging = usePaging(20);
  const regionId = params.get('regionId') ?? undefined;
  const q = params.get('q') ?? '';
  const tag = (params.get('tag') ?? undefined) as ResidentTag | undefined;
  const [draft, setDraft] = useState(q);

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    paging.reset();
    setParams(next, { replace: true });
  };

  const { data, error, loading, reload } = useApi<Page<ResidentView>>('/api/v1/residents', {
    regionId, q, tag, limit: paging.limit, offset: paging.offset,
  });
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
      {error ? (
        <PageError error={error} onRetry={reload} />
      ) : (
        <ResponsiveTable
          rows={data?.items}
          columns={columns}
          rowKey={(r) => r.id}
          loading={loading}
          paging={{ ...paging, total: data?.total ?? 0 }}
          testId="residents-table"
        />
      )}
    </div>
  );
}
