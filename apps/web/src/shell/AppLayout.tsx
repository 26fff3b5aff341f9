import { lazy, Suspense, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { Drawer, Grid, Layout, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { HeaderBar, MenuAccountPanel } from './HeaderBar.tsx';
import { useIsMobile } from '../components/useIsMobile.ts';

// Fetched when first shown: at once beside a desktop's page, on a phone when the drawer first opens.
const NavMenu = lazy(() => import('./NavMenu.tsx'));

/** A centred spinner while a lazily loaded page arrives. */
export function PageSpinner() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/**
 * The signed-in frame: a side menu (a drawer on phones) with only the entries the user may use, the
 * header, and the current page.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  // useIsMobile says "desktop" until the screen is measured: the side menu waits for the measurement,
  // or every phone would fetch the menu's chunk on its first render.
  const measured = Grid.useBreakpoint().md !== undefined;
  const { pathname } = useLocation();
  const [drawer, setDrawer] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  const menu = (
    <Suspense fallback={null}>
      <NavMenu pathname={pathname} onNavigate={() => setDrawer(false)} />
    </Suspense>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {mobile ? (
        <Drawer
          open={drawer}
          onClose={() => setDrawer(false)}
          placement="left"
          size={260}
          styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}
        >
          <div className="gz-logo">{t('common.appName')}</div>
          {menu}
          <MenuAccountPanel />
        </Drawer>
      ) : (
        <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220}>
          <div className="gz-logo" title={t('common.appTagline')}>
            {collapsed ? t('common.appName').slice(0, 2) : t('common.appName')}
          </div>
          {measured && menu}
        </Layout.Sider>
      )}
      <Layout>
        <HeaderBar onOpenMenu={mobile ? () => setDrawer(true) : undefined} />
        <Layout.Content className="gz-content">
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
