import { Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AssemblyMatter, TallyResult } from './types.ts';

/**
 * The published tally of each matter: passed or not, with the counts behind it (eligible,
 * taking part, for) so a reader can check the rule against the numbers.
 */
export function ResultsCard({ matters }: { matters: (AssemblyMatter & { result: TallyResult | null })[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t('assembly.result.title')} data-testid="assembly-results">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {matters.map((m) => (
          <div key={m.id} data-testid={`result-${m.position}`} data-passed={m.result?.passed ? 'true' : 'false'}>
            <Typography.Text strong>{m.position}. {m.title}</Typography.Text>{' '}
            {m.result && (
              <Tag color={m.result.passed ? 'green' : 'red'}>{m.result.passed ? t('assembly.result.passed') : t('assembly.result.failed')}</Tag>
            )}
            {m.result && !m.result.quorumMet && <Tag>{t('assembly.result.noQuorum')}</Tag>}
            {m.result && (
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                {t(`assembly.majority.${m.majority}`)}<br />
                {t('assembly.result.eligible', m.result.eligible)}<br />
                {t('assembly.result.participating', m.result.participating)}<br />
                {t('assembly.result.for', m.result.for)}
              </Typography.Paragraph>
            )}
          </div>
        ))}
      </Space>
    </Card>
  );
}
