import { useMemo } from 'react';
import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KpiView } from '../../api/types.ts';
import { usePreferences } from '../../shell/preferences.tsx';
import { EChart } from './EChart.tsx';
import { fillDays } from './kpiData.ts';

const pct = (r: number | null) => (r === null ? '-' : Math.round(r * 1000) / 10);

/** Props of {@link KpiCharts}. */
export interface KpiChartsProps {
  view: KpiView;
  onDrill: (child: KpiView['children'][number]) => void;
}

/**
 * The children's four rates side by side (click a bar group to drill down) and the daily received /
 * resolved line. Text grows with elder mode; the numbers are also in the table below for readers
 * who cannot use a chart.
 */
export function KpiCharts({ view, onDrill }: KpiChartsProps) {
  const { t } = useTranslation();
  const { elder } = usePreferences();
  const fontSize = elder ? 16 : 12;

  const bars = useMemo(() => ({
    textStyle: { fontSize },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—') },
    legend: { top: 0, textStyle: { fontSize } },
    grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'category', data: view.children.map((c) => c.name), axisLabel: { fontSize, interval: 0, rotate: view.children.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%', fontSize } },
    series: (['responseRate', 'resolutionRate', 'satisfactionRate', 'onTimeRate'] as const).map((k) => ({
      name: t(`kpi.dashboard.${k}`),
      type: 'bar',
      data: view.children.map((c) => pct(c.rates[k])),
      cursor: 'pointer',
    })),
  }), [view, t, fontSize]);

  const line = useMemo(() => {
    const days = fillDays(view);
    return {
    textStyle: { fontSize },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { fontSize } },
    grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)), axisLabel: { fontSize } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
    series: [
      { name: t('kpi.dashboard.received'), type: 'line', data: days.map((d) => d.received) },
      { name: t('kpi.dashboard.resolved'), type: 'line', data: days.map((d) => d.resolved) },
    ],
    };
  }, [view, t, fontSize]);

  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} xl={14}>
        <Card size="small" title={t('kpi.dashboard.children')} extra={<Typography.Text type="secondary">{t('kpi.dashboard.drillHint')}</Typography.Text>}>
          {view.children.length ? (
            <EChart
              option={bars}
              height={320}
              testId="kpi-chart"
              ariaLabel={t('kpi.dashboard.children')}
              onItemClick={(i) => {
                const child = view.children[i];
                if (child) onDrill(child);
              }}
            />
          ) : (
            <Typography.Text type="secondary">{t('kpi.dashboard.noChildren')}</Typography.Text>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('kpi.dashboard.daily')}>
          <EChart option={line} height={320} testId="kpi-daily-chart" ariaLabel={t('kpi.dashboard.daily')} />
        </Card>
      </Col>
    </Row>
  );
}
