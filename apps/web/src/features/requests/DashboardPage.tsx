import { useState } from 'react';
import { App, Breadcrumb, Button, DatePicker, Select, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { download } from '../../api/client.ts';
import type { KpiView } from '../../api/types.ts';
import { PageError } from '../../components/PageError.tsx';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable.tsx';
import { todayInChina } from '../../components/time.ts';
import { KpiCharts } from './KpiCharts.tsx';
import { RateCards } from './RateCards.tsx';
import { useCategories, useDepartments } from './catalogue.ts';
import { percent } from './requestLabels.ts';
import { kpisQuery } from './requests.queries.ts';
import { RangeLabels, rangeIds } from '../../components/RangeLabels.tsx';

type Child = KpiView['children'][number];
interface Crumb { id: string; name: string }

/**
 * /dashboard — response, resolution, satisfaction and on-time rates for a region and period, with
 * drill-down from the top of the user's area to grids (click a child; the breadcrumb goes back up),
 * charts, and an .xlsx export of the comparison table.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [todayInChina().subtract(29, 'day'), todayInChina()]);
  const [departmentId, setDepartmentId] = useState<string>();
  // The drill path below the top of my area (which the API picks when no region is given).
  const [path, setPath] = useState<Crumb[]>([]);
  const regionId = path[path.length - 1]?.id;
  const { data: categories } = useCategories();
  const departments = useDepartments(categories);
  const { data, error, isFetching: loading, refetch } = useQuery(kpisQuery({
    regionId, departmentId, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'),
  }));
  // The top of my area, remembered when drilling down from it (the answer then names the child).
  const [root, setRoot] = useState<Crumb | null>(null);
  const top = root ?? (!regionId && data?.region ? { id: data.region.id, name: data.region.name } : null);

  const drill = (c: Child) => {
    if (c.level === 'microgrid') return;
    if (top && !root) setRoot(top);
    setPath((p) => [...p, { id: c.id, name: c.name }]);
  };
  const all = top ? [top, ...path] : path;
  const crumbs = all.map((c, i) => ({
    key: c.id,
    title: i < all.length - 1 ? <a onClick={() => setPath(path.slice(0, i))}>{c.name}</a> : c.name,
  }));

  // The server builds the workbook (.xlsx) from the same figures, so the file matches the screen.
  const exportIt = async () => {
    if (!data) return;
    const name = `诉求指标-${data.region?.name ?? ''}-${data.from}-${data.to}.xlsx`;
    try {
      await download('/api/v1/kpis/export.xlsx', { regionId: data.region?.id, departmentId, from: data.from, to: data.to }, name);
      void message.success(t('kpi.dashboard.exported', { name }));
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  const columns: Column<Child>[] = [
    {
      key: 'name',
      title: t('kpi.dashboard.name'),
      render: (c) => (c.level === 'microgrid' ? c.name : <a onClick={() => drill(c)} data-testid="kpi-drill">{c.name}</a>),
    },
    { key: 'received', title: t('kpi.dashboard.col.received'), render: (c) => c.rates.received },
    { key: 'response', title: t('kpi.dashboard.responseRate'), render: (c) => percent(c.rates.responseRate) },
    { key: 'resolution', title: t('kpi.dashboard.resolutionRate'), render: (c) => percent(c.rates.resolutionRate) },
    { key: 'satisfaction', title: t('kpi.dashboard.satisfactionRate'), render: (c) => percent(c.rates.satisfactionRate) },
    { key: 'onTime', title: t('kpi.dashboard.onTimeRate'), render: (c) => percent(c.rates.onTimeRate) },
  ];

  return (
    <div data-testid="dashboard-page">
      <Typography.Title level={3}>{t('kpi.dashboard.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        {/* One item of the row: the labels sit with their picker. */}
        <span>
          <RangeLabels base="kpi-period" label={t('kpi.dashboard.period')} />
          <DatePicker.RangePicker
            id={rangeIds('kpi-period')}
            value={range}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            aria-label={t('kpi.dashboard.period')}
            data-testid="kpi-period"
          />
        </span>
        {departments.length > 0 && (
          <Select
            allowClear
            value={departmentId}
            onChange={setDepartmentId}
            placeholder={t('kpi.dashboard.anyDepartment')} aria-label={t('kpi.dashboard.anyDepartment')}
            options={departments.map((d) => ({ value: d.id, label: d.name }))}
            style={{ width: 200 }}
            data-testid="kpi-department"
          />
        )}
        <Button icon={<DownloadOutlined />} onClick={() => void exportIt()} disabled={!data} title={t('kpi.dashboard.exportHint')} data-testid="kpi-export">
          {t('kpi.dashboard.export')}
        </Button>
      </Space>
      <Breadcrumb items={crumbs} style={{ marginBottom: 12 }} data-testid="kpi-breadcrumb" />
      {error ? (
        <PageError error={error} onRetry={() => void refetch()} />
      ) : data ? (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <RateCards rates={data.total} />
          <KpiCharts view={data} onDrill={drill} />
          <ResponsiveTable rows={data.children} columns={columns} rowKey={(c) => c.id} loading={loading} testId="kpi-children" />
        </Space>
      ) : null}
    </div>
  );
}
