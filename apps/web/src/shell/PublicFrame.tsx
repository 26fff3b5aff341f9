import type { ReactNode } from 'react';
import { Button, Layout, Space, Typography } from 'antd';
import { Link, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from './session.tsx';
import { ElderSwitch, LanguageSwitch } from './HeaderBar.tsx';

/**
 * The frame of the pages anyone may read without signing in (the notice board, the funds'
 * disclosure, assembly results): a title bar with 长辈版 and the language, and a way into the
 * console. Without children it frames the nested route (a layout route).
 */
export function PublicFrame({ title, home = '/', children }: { title?: string; home?: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, height: 'auto', lineHeight: 1.4, padding: '10px 16px', background: '#b71c1c' }}
        data-testid="public-header">
        <Link to={home} style={{ flex: 1, minWidth: 120 }}>
          <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>{t('common.appName')} · {title ?? t('common.public.title')}</Typography.Text>
        </Link>
        <Space wrap size={8} style={{ color: '#fff' }}>
          <ElderSwitch />
          <LanguageSwitch />
          {session
            ? <Link to="/"><Button size="small">{t('common.public.back')}</Button></Link>
            : <Link to="/login"><Button size="small" data-testid="board-sign-in">{t('common.public.signIn')}</Button></Link>}
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16, maxWidth: 1100, width: '100%', margin: '0 auto' }}>{children ?? <Outlet />}</Layout.Content>
    </Layout>
  );
}
