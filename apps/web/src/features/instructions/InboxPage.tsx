import { Card, Empty, List, Progress as Bar, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { PageError } from '../../components/PageError.tsx';
import { formatMinute } from '../../components/time.ts';
import { inboxQuery } from './instructions.queries.ts';

/** /tasks — a grid worker's instructions on the phone, newest first, unacknowledged ones marked. */
export default function InboxPage() {
  const { t } = useTranslation();
  const { data, error, isFetching: loading, refetch } = useQuery(inboxQuery());
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  return (
    <div data-testid="inbox-page" style={{ maxWidth: 640 }}>
      <Typography.Title level={3}>{t('instructions.inbox.title')}</Typography.Title>
      <List
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t('instructions.inbox.empty')} /> }}
        renderItem={(i) => (
          // A list item around each card: the list is a <ul>, and a bare card in it is not a list item to a screen reader.
          <List.Item style={{ display: 'block', padding: 0, border: 'none' }}>
          <Card size="small" style={{ marginBottom: 8 }} data-testid="inbox-item"
            title={<Link to={`/tasks/${i.id}`} data-testid="inbox-open">{i.title}</Link>}
            extra={i.ackedAt ? <Tag color="success">{t('instructions.inbox.acked')}</Tag> : <Tag color="error">{t('instructions.inbox.ack')}</Tag>}>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Typography.Text>{t(`instructions.task.${i.task}`)} · {t('instructions.inbox.deadline', { at: formatMinute(i.deadline) })}</Typography.Text>
              <Typography.Text type="secondary">{t('instructions.inbox.mine', { reached: i.mine.reached, households: i.mine.households })}</Typography.Text>
              <Bar percent={i.mine.households ? Math.floor((i.mine.reached * 100) / i.mine.households) : 0} size="small"
                aria-label={t('instructions.inbox.mine', { reached: i.mine.reached, households: i.mine.households })} />
            </Space>
          </Card>
          </List.Item>
        )}
      />
    </div>
  );
}
