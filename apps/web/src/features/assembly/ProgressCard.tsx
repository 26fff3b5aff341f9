import { Card, Progress, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { progressQuery } from './assembly.queries.ts';
import type { AssemblyMatter } from './types.ts';

/** Percent of `part` in `total` for a progress bar, from decimal strings without floats in the rule. */
function percent(part: string | number, total: string | number): number {
  // Display only: the quorum itself is decided on the server with integers.
  const p = Number(String(part).replace('.', ''));
  const q = Number(String(total).replace('.', ''));
  return q > 0 ? Math.min(100, Math.floor((p * 1000) / q) / 10) : 0;
}

/**
 * A progress bar with a mark at two thirds, the quorum line (the bar itself is only what took part:
 * a pre-filled "success" segment would read as if two thirds had voted already).
 */
function QuorumBar({ value, met, testId, label }: { value: number; met: boolean; testId: string; label: string }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <div style={{ position: 'relative', flex: 1 }}>
        <Progress percent={value} showInfo={false} status={met ? 'success' : 'normal'} data-testid={testId} aria-label={label} style={{ margin: 0 }} />
        <div aria-hidden title="2/3" data-testid={`${testId}-line`}
          style={{ position: 'absolute', top: -4, bottom: -4, left: `${200 / 3}%`, borderLeft: '2px dashed #595959' }} />
      </div>
      <span style={{ minWidth: '3.5em', textAlign: 'right' }}>{value}%</span>
    </div>
  );
}

/**
 * Live progress toward the quorum, polled every five seconds while voting runs: owners and area
 * taking part against the two-thirds line, what is still missing, and whether each matter would
 * pass on the votes so far.
 */
export function ProgressCard({ assemblyId, matters, live }: { assemblyId: string; matters: AssemblyMatter[]; live: boolean }) {
  const { t } = useTranslation();
  const { data } = useQuery(progressQuery(assemblyId, live));
  if (!data) return null;
  const first = data.matters[0];
  return (
    <Card title={t('assembly.progress.title')} extra={live ? <Typography.Text type="secondary">{t('assembly.progress.updated')}</Typography.Text> : null} data-testid="assembly-progress">
      {first && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>{t('assembly.progress.quorum')}</Typography.Text>
          <div>{t('assembly.progress.owners', { n: first.participating.owners, total: data.eligible.owners })}</div>
          <QuorumBar value={percent(first.participating.owners, data.eligible.owners)} met={data.eligible.owners > 0 && first.shortfall.owners === 0} testId="progress-owners" label={t('assembly.progress.owners', { n: first.participating.owners, total: data.eligible.owners })} />
          <div>{t('assembly.progress.area', { n: first.participating.area, total: data.eligible.area })}</div>
          <QuorumBar value={percent(first.participating.area, data.eligible.area)} met={data.eligible.owners > 0 && first.shortfall.area === '0.00'} testId="progress-area" label={t('assembly.progress.area', { n: first.participating.area, total: data.eligible.area })} />
          {first.quorumMet
            ? <Tag color="green" data-testid="progress-quorum-met">{t('assembly.progress.quorumMet')}</Tag>
            : <Typography.Text type="warning" data-testid="progress-shortfall" data-owners={first.shortfall.owners}>{t('assembly.progress.short', first.shortfall)}</Typography.Text>}
        </Space>
      )}
      <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
        {data.matters.map((p) => {
          const m = matters.find((x) => x.id === p.matterId);
          return (
            <div key={p.matterId} data-testid={`progress-matter-${m?.position ?? 0}`} data-participating={p.participating.owners}>
              <Typography.Text strong>{m?.position}. {m?.title}</Typography.Text>{' '}
              {p.passingNow !== null && <Tag color={p.passingNow ? 'green' : 'default'}>{p.passingNow ? t('assembly.progress.passingNow') : t('assembly.progress.notPassingNow')}</Tag>}
              <div>{p.for ? t('assembly.progress.forNow', p.for) : t('assembly.progress.participating', p.participating)}</div>
            </div>
          );
        })}
      </Space>
    </Card>
  );
}
