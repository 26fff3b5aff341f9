import { useParams } from 'react-router';
import { Result, Spin, Typography } from 'antd';
import { Trans, useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { PageError } from '../../components/PageError.tsx';
import { formatMinute } from '../../components/time.ts';
import { ResultsCard } from './ResultsCard.tsx';
import { resultsQuery } from './assembly.queries.ts';

/**
 * /public/assemblies/:id — the published results of an owners' assembly, for anyone, without
 * signing in: counts and areas only, never names.
 */
export default function PublicResultsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { data, error, refetch } = useQuery(resultsQuery(id));
  return (
    <div data-testid="assembly-public" style={{ maxWidth: 760, margin: '0 auto', padding: 16 }}>
      <Typography.Title level={2}>{t('assembly.public.title')}</Typography.Title>
      {/* Not published yet is the normal state before the count, not a failure (issue 15 · item 17a). */}
      {error?.code === 'ASSEMBLY_RESULTS_NOT_PUBLISHED' && (
        <Result status="info" title={t('assembly.public.notPublished')} subTitle={t('assembly.public.notPublishedHint')} data-testid="assembly-not-published" />
      )}
      {error && error.code !== 'ASSEMBLY_RESULTS_NOT_PUBLISHED' && <PageError error={error} onRetry={() => void refetch()} />}
      {!data && !error && <Spin />}
      {data && (
        <>
          <Typography.Title level={3} style={{ marginTop: 0 }}>{data.title}</Typography.Title>
          <Typography.Paragraph type="secondary">
            {t('assembly.public.compound', { name: data.regionName })}<br />
            <Trans i18nKey="assembly.detail.window" values={{ from: formatMinute(data.opensAt), to: formatMinute(data.closesAt) }} components={{ d: <span className="gz-date" /> }} /><br />
            {t('assembly.result.publishedAt', { date: formatMinute(data.resultsPublishedAt) })}
          </Typography.Paragraph>
          <ResultsCard matters={data.matters} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>{t('assembly.public.recount')}</Typography.Paragraph>
        </>
      )}
    </div>
  );
}
