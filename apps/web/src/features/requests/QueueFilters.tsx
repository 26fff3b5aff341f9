import { useState } from 'react';
import { Card, Checkbox, Input, Segmented, Select, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { MATTERS, REQUEST_STATES, type Matter, type RequestState } from '@gongzhi/core';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { useRequestLabels } from './requestLabels.ts';

/** The work queue's filters, as kept in the URL (strings; absent means "any"). */
export interface QueueFilterValues {
  scope: 'open' | 'all';
  state?: RequestState;
  matter?: Matter;
  sla?: 'yellow' | 'red';
  unplaced: boolean;
  mine: boolean;
  regionId?: string;
  q: string;
}

/** Props of {@link QueueFilters}. */
export interface QueueFiltersProps {
  value: QueueFilterValues;
  onChange: (key: keyof QueueFilterValues, value: string | undefined) => void;
  /** Show the unplaced switch (only sorters can place requests). */
  showUnplaced: boolean;
}

/** Filters of the staff work queue: open/all, state, matter, time card, unplaced, mine, region, text. */
export function QueueFilters({ value, onChange, showUnplaced }: QueueFiltersProps) {
  const { t } = useTranslation();
  const labels = useRequestLabels();
  const [draft, setDraft] = useState(value.q);
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="queue-filters">
      <Space wrap>
        <Segmented<'open' | 'all'>
          value={value.scope}
          onChange={(v) => onChange('scope', v === 'open' ? undefined : v)}
          options={[{ value: 'open', label: t('requests.queue.open') }, { value: 'all', label: t('requests.queue.all') }]}
          data-testid="queue-scope"
        />
        <Select<RequestState>
          allowClear
          value={value.state}
          onChange={(v) => onChange('state', v)}
          placeholder={t('requests.queue.anyState')}
          options={REQUEST_STATES.map((s) => ({ value: s, label: labels.state(s) }))}
          style={{ width: 140 }}
          aria-label={t('requests.col.state')}
          data-testid="queue-state"
        />
        <Select<Matter>
          allowClear
          value={value.matter}
          onChange={(v) => onChange('matter', v)}
          placeholder={t('requests.queue.anyMatter')}
          options={MATTERS.map((m) => ({ value: m, label: labels.matter(m) }))}
          style={{ width: 130 }}
          aria-label={t('requests.detail.matter')}
          data-testid="queue-matter"
        />
        <Select<'yellow' | 'red'>
          allowClear
          value={value.sla}
          onChange={(v) => onChange('sla', v)}
          placeholder={t('requests.queue.anySla')}
          options={[{ value: 'yellow', label: t('requests.sla.yellow') }, { value: 'red', label: t('requests.sla.red') }]}
          style={{ width: 130 }}
          aria-label={t('requests.col.sla')}
          data-testid="queue-sla"
        />
        <RegionTreeSelect value={value.regionId} onChange={(id) => onChange('regionId', id)} style={{ width: 220 }} testId="queue-region" />
        <Input.Search
          allowClear
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onSearch={(v) => onChange('q', v.trim() || undefined)}
          placeholder={t('requests.queue.search')}
          style={{ width: 240 }}
          data-testid="queue-q"
        />
        {showUnplaced && (
          <Checkbox checked={value.unplaced} onChange={(e) => onChange('unplaced', e.target.checked ? 'true' : undefined)} data-testid="queue-unplaced">
            {t('requests.queue.unplaced')}
          </Checkbox>
        )}
        <Tooltip title={t('requests.queue.mineHint')}>
          <Checkbox checked={value.mine} onChange={(e) => onChange('mine', e.target.checked ? 'true' : undefined)} data-testid="queue-mine">
            {t('requests.queue.mine')}
          </Checkbox>
        </Tooltip>
      </Space>
    </Card>
  );
}
