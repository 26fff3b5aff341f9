import { useEffect, useRef, useState } from 'react';
import { Alert, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import type * as EChartsSetup from './echartsSetup.ts';

type Setup = typeof EChartsSetup;
let loading: Promise<Setup> | null = null;
/** Loads ECharts once per page visit, however many charts ask. */
function loadECharts(): Promise<Setup> {
  loading ??= import('./echartsSetup.ts').catch((e: unknown) => {
    loading = null; // let a later visit try again (e.g. after a dropped connection)
    throw e;
  });
  return loading;
}

/** Props of {@link EChart}. */
export interface EChartProps {
  option: EChartsCoreOption;
  height: number;
  /** Called with the index of the clicked data item (bars, points). */
  onItemClick?: (dataIndex: number) => void;
  testId?: string;
  ariaLabel: string;
}

/** One chart: ECharts arrives lazily, follows its container's width, and is disposed on unmount. */
export function EChart({ option, height, onItemClick, testId, ariaLabel }: EChartProps) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  // The latest click handler, read by ECharts' listener (set once, at init), updated after each render.
  const clickRef = useRef(onItemClick);
  useEffect(() => {
    clickRef.current = onItemClick;
  });
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    loadECharts()
      .then(({ echarts }) => {
        if (disposed || !box.current) return;
        const c = echarts.init(box.current);
        c.on('click', (p) => clickRef.current?.((p as { dataIndex: number }).dataIndex));
        chart.current = c;
        observer = new ResizeObserver(() => c.resize());
        observer.observe(box.current);
        setState('ready');
      })
      .catch(() => !disposed && setState('failed'));
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a drill-down changes the categories; stale bars from the last level must go.
    if (state === 'ready') chart.current?.setOption(option, { notMerge: true });
  }, [option, state]);

  if (state === 'failed') return <Alert type="warning" showIcon title={t('kpi.dashboard.chartFailed')} />;
  return (
    <Spin spinning={state === 'loading'} description={t('kpi.dashboard.chartLoading')}>
      <div ref={box} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} data-testid={testId} data-ready={state === 'ready'} />
    </Spin>
  );
}
