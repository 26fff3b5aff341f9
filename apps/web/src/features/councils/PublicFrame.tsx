import type { ReactNode } from 'react';
import { Button, Layout, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../shell/session.tsx';

/** The frame of the public notice board: readable by anyone, with a way into the console. */
export function PublicFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#b71c1c', paddingInline: 16 }}>
        <Link to="/notice-board"><Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>{t('common.appName')} · {t('councils.board.title')}</Typography.Text></Link>
        <Space>
          {session ? <Link to="/"><Button size="small">{t('councils.board.back')}</Button></Link> : <Link to="/login"><Button size="small" data-testid="board-sign-in">{t('councils.board.signIn')}</Button></Link>}
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16, maxWidth: 960, width: '100%', margin: '0 auto' }}>{children}</Layout.Content>
    </Layout>
  );
}
