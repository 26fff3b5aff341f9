import { useState } from 'react';
import { Button, Card, DatePicker, Input, Popover, Space, Tag, Tooltip, Typography } from 'antd';
import { FilterOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { AuditEntryView } from '../../api/types.ts';
import { PagedTable } from '../../components/PagedTable.tsx';
import type { Column } from '../../components/ResponsiveTable.tsx';
import { useUrlFilters } from '../../components/useUrlFilters.ts';
import { auditQuery } from './audit.queries.ts';
import { shorten } from '../../components/labels.ts';
import { endOfDayIso, formatTime, startOfDayIso } from '../../components/time.ts';
import { RangeLabels, rangeIds } from '../../components/RangeLabels.tsx';

const TEXT_FILTERS = ['action', 'subjectType', 'subjectId'] as const;

/** A long value shortened, with the whole of it on hover (digests and ids are 36–64 characters). */
function Short({ value, n = 10 }: { value: string | null; n?: number }) {
  if (!value) return <span>—</span>;
  return (
    <Tooltip title={<span className="gz-mono">{value}</span>}>
      <Typography.Text className="gz-mono" copyable={{ text: value }}>
        {shorten(value, n)}
      </Typography.Text>
    </Tooltip>
  );
}

/**
 * /audit — who did what to which record, when and from where. Filters live in the URL so an auditor
 * can link a finding; dates are whole days in Asia/Shanghai.
 */
export default function AuditPage() {
  const { t } = useTranslation();
  const { filters, setFilters: update, key } = useUrlFilters<Record<'actorId' | 'actorName' | 'action' | 'subjectType' | 'subjectId' | 'from' | 'to', string | undefined>>({
    actorId: undefined, actorName: undefined, action: undefined, subjectType: undefined, subjectId: undefined, from: undefined, to: undefined,
  });
  const get = (k: keyof typeof filters) => filters[k];
  const [draft, setDraft] = useState(() => Object.fromEntries(TEXT_FILTERS.map((k) => [k, filters[k] ?? ''])));
  const { from, to } = filters;
  const query = {
    actorId: get('actorId'), action: get('action'), subjectType: get('subjectType'), subjectId: get('subjectId'),
    from: from ? startOfDayIso(dayjs(from)) : undefined, to: to ? endOfDayIso(dayjs(to)) : undefined,
  };

  const columns: Column<AuditEntryView>[] = [
    { key: 'at', title: t('audit.time'), render: (e) => <span className="gz-mono">{formatTime(e.at)}</span> },
    {
      key: 'actor',
      title: t('audit.actor'),
      render: (e) =>
        e.actorId ? (
          <Space size={4}>
            <span>{e.actorName}</span>
            <Tooltip title={t('audit.actorFilter')}>
              <Button size="small" type="text" icon={<FilterOutlined />} aria-label={t('audit.actorFilter')}
                onClick={() => update({ actorId: e.actorId ?? undefined, actorName: e.actorName })} />
            </Tooltip>
          </Space>
        ) : (
          e.actorName || t('audit.system')
        ),
    },
    { key: 'action', title: t('audit.action'), render: (e) => <Tag className="gz-mono">{e.action}</Tag> },
    {
      key: 'subject',
      title: t('audit.subject'),
      render: (e) => (
        <Space size={4}>
          <span>{e.subjectType}</span>
          <Short value={e.subjectId} n={8} />
        </Space>
      ),
    },
    { key: 'before', title: t('audit.before'), render: (e) => <Short value={e.beforeDigest} /> },
    { key: 'after', title: t('audit.after'), render: (e) => <Short value={e.afterDigest} /> },
    { key: 'ip', title: t('audit.ip'), render: (e) => <span className="gz-mono">{e.ip ?? '—'}</span> },
    {
      key: 'details',
      title: t('audit.details'),
      render: (e) =>
        e.details == null ? (
          '—'
        ) : (
          <Popover content={<pre className="gz-mono" style={{ maxWidth: 480, maxHeight: 320, overflow: 'auto', margin: 0 }}>{JSON.stringify(e.details, null, 2)}</pre>}>
            <Button size="small" icon={<InfoCircleOutlined />}>{t('audit.details')}</Button>
          </Popover>
        ),
    },
  ];

  return (
    <div data-testid="audit-page">
      <Typography.Title level={3}>{t('audit.title')}</Typography.Title>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          {TEXT_FILTERS.map((k) => (
            <Input
              key={k}
              allowClear
              value={draft[k]}
              onChange={(ev) => setDraft((d) => ({ ...d, [k]: ev.target.value }))}
              onPressEnter={() => update({ [k]: draft[k]?.trim() })}
              onBlur={() => update({ [k]: draft[k]?.trim() })}
              placeholder={k === 'action' ? t('audit.actionPlaceholder') : k === 'subjectType' ? t('audit.subjectTypePlaceholder') : t('audit.subjectId')}
              aria-label={t(`audit.${k}`)}
              style={{ width: k === 'subjectType' ? 220 : 300 }}
              data-testid={`audit-${k}`}
            />
          ))}
          {/* One item of the row: the labels sit with their picker. */}
          <span>
            <RangeLabels base="audit-dates" label={t('audit.dates')} />
            <DatePicker.RangePicker
              id={rangeIds('audit-dates')}
              aria-label={t('audit.dates')}
              value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
              onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
              allowEmpty={[true, true]}
              data-testid="audit-dates"
            />
          </span>
          {get('actorId') && (
            <Tag closable onClose={() => update({ actorId: undefined, actorName: undefined })} data-testid="audit-actor-filter">
              {t('audit.clearActor', { name: get('actorName') ?? shorten(get('actorId')) })}
            </Tag>
          )}
        </Space>
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('audit.hint')}</Typography.Text>
        </div>
      </Card>
      <PagedTable
        query={(page) => auditQuery({ ...query, ...page })}
        pageSize={50}
        resetKey={key}
        columns={columns}
        rowKey={(e) => e.id}
        testId="audit-table"
      />
    </div>
  );
}
