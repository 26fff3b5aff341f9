import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { Button, Card, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import { Trans, useTranslation } from 'react-i18next';
import { download, gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { PageError } from '../../components/PageError.tsx';
import { formatMinute } from '../../components/time.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';
import { BallotCard } from './BallotCard.tsx';
import { ProgressCard } from './ProgressCard.tsx';
import { ResultsCard } from './ResultsCard.tsx';
import { PaperBallotModal } from './PaperBallotModal.tsx';
import type { AssemblyDetail } from './types.ts';
import { assemblyKeys, assemblyQuery } from './assembly.queries.ts';

const STATE_COLOR = { noticed: 'blue', voting: 'orange', closed: 'default' } as const;

/** The state of an assembly as a coloured tag. */
export function AssemblyStateTag({ state }: { state: AssemblyDetail['state'] }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOR[state]} data-testid="assembly-state" data-state={state}>{t(`assembly.state.${state}`)}</Tag>;
}

/**
 * /assemblies/:id — one assembly. Owners on the roll get their ballot first (the page a phone
 * lands on); staff get the live quorum progress, paper-ballot entry, opening and closing; everyone
 * who may see it gets the results once published, with the export to recount them.
 */
export default function AssemblyPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const notify = useNotifyError();
  const { data: detail, error, refetch } = useQuery(assemblyQuery(id));
  const [paper, setPaper] = useState(false);
  // Opening or closing answers with the assembly as it now stands; progress and lists refetch.
  const stepping = useApiMutation({
    mutationFn: (path: 'open' | 'close') => unwrap(path === 'open'
      ? gz.POST('/api/v1/assemblies/{id}/open', { params: { path: { id } } })
      : gz.POST('/api/v1/assemblies/{id}/close', { params: { path: { id } } })),
    invalidates: [assemblyKeys.all],
  });

  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  if (!detail) return <Spin />;
  const a = detail;
  const manage = a.abilities.includes('manage');
  const busy = stepping.isPending;
  const step = (path: 'open' | 'close') => stepping.mutate(path);

  return (
    <div data-testid="assembly-page" style={{ maxWidth: 960 }}>
      <Space align="center" wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>{a.title}</Typography.Title>
        <AssemblyStateTag state={a.state} />
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {a.region.name} · <Trans i18nKey="assembly.detail.window" values={{ from: formatMinute(a.opensAt), to: formatMinute(a.closesAt) }} components={{ d: <span className="gz-date" /> }} />
      </Typography.Paragraph>

      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        {a.mine && a.state === 'voting' && <BallotCard assembly={a} />}
        {a.mine && a.state === 'closed' && Object.keys(a.mine.cast).length > 0 && <BallotCard assembly={a} />}

        {manage && (
          <Space wrap>
            {a.state === 'noticed' && <Button type="primary" loading={busy} onClick={() => step('open')} data-testid="assembly-open">{t('assembly.detail.open')}</Button>}
            {a.state === 'voting' && <Button onClick={() => setPaper(true)} data-testid="assembly-paper">{t('assembly.detail.paper')}</Button>}
            {a.state === 'voting' && <Button danger loading={busy} onClick={() => step('close')} data-testid="assembly-close">{t('assembly.detail.close')}</Button>}
          </Space>
        )}

        {a.state !== 'noticed' && <ProgressCard assemblyId={a.id} matters={a.matters} live={a.state === 'voting'} />}
        {a.state === 'noticed' && <Typography.Text type="secondary">{t('assembly.detail.notOpenYet')}</Typography.Text>}

        {a.resultsPublishedAt && (
          <>
            <ResultsCard matters={a.matters} />
            <Space wrap>
              <Button onClick={() => void download(`/api/v1/assemblies/${a.id}/ballots.xlsx`, undefined, 'ballots.xlsx').catch(notify)} data-testid="assembly-export">
                {t('assembly.detail.export')}
              </Button>
              <Link to={`/public/assemblies/${a.id}`}>{t('assembly.detail.publicLink')}</Link>
            </Space>
          </>
        )}

        <Card title={t('assembly.detail.matters')}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('assembly.detail.noticedAtLabel')}>{formatMinute(a.noticedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('assembly.detail.resultsDueLabel')}>{formatMinute(a.resultsDueAt)}</Descriptions.Item>
            {a.eligible && <Descriptions.Item label={t('assembly.detail.eligibleLabel')}>{t('assembly.detail.eligible', a.eligible)}</Descriptions.Item>}
          </Descriptions>
          {a.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.description}</Typography.Paragraph>}
          {a.matters.map((m) => (
            <div key={m.id} style={{ marginBottom: 12 }}>
              <Typography.Text strong>{m.position}. {m.title}</Typography.Text>
              <div><Tag>{t(`assembly.kind.${m.kind}`)}</Tag><Typography.Text type="secondary">{t(`assembly.majority.${m.majority}`)}</Typography.Text></div>
              {m.description && <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{m.description}</Typography.Paragraph>}
            </div>
          ))}
        </Card>
      </Space>
      {manage && a.state === 'voting' && (
        <PaperBallotModal assembly={a} open={paper} onClose={() => setPaper(false)} />
      )}
    </div>
  );
}
