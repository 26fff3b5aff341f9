import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { App, Button, Empty, Popconfirm, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InboxMessage } from '@gongzhi/contracts';
import { gz, unwrap, type ApiError } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { PageError } from '../../components/PageError.tsx';
import { usePreferences } from '../../shell/preferences.tsx';
import { inboxKeys, inboxQuery, unreadCountQuery } from './inbox.queries.ts';

/** One message as a whole-row button: tapping it marks it read and opens what it is about. */
function MessageRow({ m, onOpen }: { m: InboxMessage; onOpen: (m: InboxMessage) => void }) {
  const { t } = useTranslation();
  const { language } = usePreferences();
  const unread = m.readAt === null;
  const when = new Date(m.createdAt).toLocaleString(language === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <button
      type="button" onClick={() => onOpen(m)} data-testid="message-item" data-template={m.template} data-unread={unread}
      style={{
        display: 'block', width: '100%', textAlign: 'left', padding: '14px 16px', minHeight: 64, cursor: 'pointer', font: 'inherit',
        background: unread ? '#f0f7ff' : '#fff', border: '1px solid #e5e5e5', borderLeft: unread ? '4px solid #1677ff' : '1px solid #e5e5e5', borderRadius: 8,
      }}
    >
      <Space size={8} wrap>
        {unread && <Tag color="blue">{t('inbox.unread')}</Tag>}
        <Typography.Text strong={unread} style={{ fontSize: 'calc(var(--gz-font-size) + 2px)' }}>{m.title[language]}</Typography.Text>
      </Space>
      {m.body[language] && <div style={{ marginTop: 4 }}>{m.body[language]}</div>}
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>{when}</Typography.Text>
    </button>
  );
}

/**
 * 我的消息: every signed-in person's messages, newest first, phone-first and large in elder mode (the
 * type follows the page's font size). A tap on the row marks it read and opens the page it links to;
 * 全部已读 confirms first, as every mass action does.
 */
export default function InboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const list = useInfiniteQuery(inboxQuery());
  const unread = useQuery(unreadCountQuery()).data?.unread ?? 0;
  const read = useApiMutation({
    mutationFn: (id: string) => unwrap(gz.POST('/api/v1/inbox/{id}/read', { params: { path: { id } }, body: {} })),
    invalidates: [inboxKeys.all],
  });
  const readAll = useApiMutation({
    mutationFn: () => unwrap(gz.POST('/api/v1/inbox/read-all', { body: {} })),
    invalidates: [inboxKeys.all],
    onSuccess: () => void message.success(t('inbox.allReadDone')),
  });
  const open = (m: InboxMessage) => {
    // Open at once; the read mark follows (its failure must not keep the person from the page).
    if (m.readAt === null) read.mutate(m.id);
    if (m.link) void navigate(m.link);
    else void message.info(t('inbox.noLink'));
  };
  if (list.error) return <PageError error={list.error as ApiError} onRetry={() => void list.refetch()} />;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="gz-report" data-testid="messages-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>{t('inbox.title')}</Typography.Title>
        {unread > 0 && (
          <Popconfirm title={t('inbox.allReadConfirm')} onConfirm={() => readAll.mutate()} okButtonProps={{ 'data-testid': 'messages-read-all-ok' } as Record<`data-${string}`, string>}>
            <Button size="large" loading={readAll.isPending} data-testid="messages-read-all">{t('inbox.allRead')}</Button>
          </Popconfirm>
        )}
      </Space>
      {unread > 0 && <Typography.Paragraph type="secondary">{t('inbox.unreadOnly', { count: unread })}</Typography.Paragraph>}
      {list.isPending ? null : items.length === 0 ? <Empty description={t('inbox.empty')} /> : (
        <Space direction="vertical" size={8} style={{ width: '100%' }}>
          {items.map((m) => <MessageRow key={m.id} m={m} onOpen={open} />)}
        </Space>
      )}
      {list.hasNextPage && (
        <Button block size="large" style={{ marginTop: 12 }} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} data-testid="messages-more">{t('inbox.more')}</Button>
      )}
    </div>
  );
}
