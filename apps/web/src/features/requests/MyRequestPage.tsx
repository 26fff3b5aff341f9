import { Alert, Button, Card, Descriptions, Rate, Space, Spin, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageError } from '../../components/PageError.tsx';
import { formatMinute } from '../../components/time.ts';
import { RequestTimeline } from './RequestTimeline.tsx';
import { StateTag } from './RequestTags.tsx';
import { ResidentActions } from './ResidentActions.tsx';
import { useRequest } from './useRequest.ts';
import { PhotoStrip } from './photos.tsx';
import { useRequestLabels } from './requestLabels.ts';
import { RequestProjectsCard } from '../projects/RequestProjectsCard.tsx';

/**
 * /my-requests/:id — one of my requests: what I said, the reply, the steps so far (the public ones;
 * the API leaves out internal notes and staff names), and rating or reopening when they apply.
 */
export default function MyRequestPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const labels = useRequestLabels();
  const { data: r, error, reload, replace } = useRequest(id);

  if (error) return <PageError error={error} onRetry={reload} />;
  if (!r) return <Spin size="large" style={{ display: 'block', margin: 48 }} />;

  const place = r.region?.name ?? r.address ?? t('requests.unplaced');
  return (
    <div className="gz-report" data-testid="my-request-page">
      <Link to="/my-requests">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }}>{t('report.mine.back')}</Button>
      </Link>
      <Space align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }} className="gz-mono" data-testid="request-number">{r.number}</Typography.Title>
        <StateTag state={r.state} />
        {r.anonymous && <Tag>{t('report.mine.anonymous')}</Tag>}
      </Space>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {r.mergedInto && <Alert type="info" showIcon title={t('report.mine.mergedInto', { number: r.mergedInto.number })} />}
        <Card>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="request-description">{r.description}</Typography.Paragraph>
          <PhotoStrip photos={r.photos} />
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'category', label: t('requests.detail.category'), children: (r.category ? labels.category(r.category) : t('requests.uncategorised')) },
              { key: 'place', label: t('requests.detail.place'), children: place },
              { key: 'created', label: t('requests.detail.created'), children: formatMinute(r.createdAt) },
              ...(r.resolveDueAt ? [{ key: 'due', label: t('requests.detail.resolveDue'), children: formatMinute(r.resolveDueAt) }] : []),
            ]}
          />
        </Card>
        {r.contact && (
          <Card title={t('report.mine.contact')} data-testid="request-contact" size="small">
            <Space wrap>
              <Typography.Text strong>{r.contact.name}</Typography.Text>
              <Typography.Text>{t('report.mine.contactPhone')}：<span className="gz-mono">{r.contact.phone}</span></Typography.Text>
            </Space>
          </Card>
        )}
        <Card title={t('report.mine.reply')} data-testid="request-reply">
          {r.reply ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: 0 }}>{r.reply}</Typography.Paragraph>
          ) : (
            <Typography.Text type="secondary">{t('report.mine.noReply')}</Typography.Text>
          )}
        </Card>
        {r.rating !== null && (
          <Card title={t('report.mine.rated')} data-testid="request-rating">
            <Rate disabled value={r.rating} />
            {r.ratingComment && <Typography.Paragraph style={{ marginTop: 8, whiteSpace: 'pre-wrap' }}>{r.ratingComment}</Typography.Paragraph>}
          </Card>
        )}
        <ResidentActions request={r} onChanged={replace} />
        <RequestProjectsCard requestId={r.id} />
        <Card title={t('report.mine.progress')}>
          <RequestTimeline entries={r.timeline} />
        </Card>
      </Space>
    </div>
  );
}
