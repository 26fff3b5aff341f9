import { Button, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RequestSummary } from '../../api/types.ts';
import { PagedTable } from '../../components/PagedTable.tsx';
import type { Column } from '../../components/ResponsiveTable.tsx';
import { formatMinute } from '../../components/time.ts';
import { requestsQuery } from './requests.queries.ts';
import { StateTag } from './RequestTags.tsx';
import { useRequestLabels } from './requestLabels.ts';

/** /my-requests — what I reported, newest first, each with its state in words. */
export default function MyRequestsPage() {
  const { t } = useTranslation();
  const labels = useRequestLabels();

  const columns: Column<RequestSummary>[] = [
    { key: 'number', title: t('requests.col.number'), render: (r) => <Link to={`/my-requests/${r.id}`} className="gz-mono" data-testid="my-request-link">{r.number}</Link> },
    { key: 'state', title: t('requests.col.state'), render: (r) => <StateTag state={r.state} />, hideOnCard: true },
    {
      key: 'description',
      title: t('requests.col.description'),
      render: (r) => <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 480 }}>{r.description}</Typography.Paragraph>,
    },
    { key: 'category', title: t('requests.col.category'), render: (r) => (r.category ? labels.category(r.category) : t('requests.uncategorised')) },
    { key: 'created', title: t('requests.col.created'), render: (r) => formatMinute(r.createdAt) },
  ];

  return (
    <div data-testid="my-requests-page">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>{t('report.mine.title')}</Typography.Title>
        <Link to="/report">
          <Button type="primary" size="large" icon={<EditOutlined />}>{t('report.mine.report')}</Button>
        </Link>
      </div>
      <div style={{ marginTop: 12 }}>
        <PagedTable
          query={(page) => requestsQuery({ mine: 'true', ...page })}
          empty={<Typography.Paragraph type="secondary" data-testid="my-requests-empty">{t('report.mine.empty')}</Typography.Paragraph>}
          columns={columns}
          rowKey={(r) => r.id}
          rowHref={(r) => `/my-requests/${r.id}`}
          cardExtra={(r) => <StateTag state={r.state} />}
          testId="my-requests"
        />
      </div>
    </div>
  );
}
