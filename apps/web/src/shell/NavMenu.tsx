import { Menu } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { navKeyFor, visibleNav } from './nav.tsx';
import { useSession } from './session.tsx';

/**
 * The side menu's entries the user may open. Its own chunk (AppLayout loads it lazily): antd's Menu
 * and what it brings are a tenth of the first paint's libraries, and on a phone the menu lives in a
 * drawer that most visits never open.
 */
export default function NavMenu({ pathname, onNavigate }: { pathname: string; onNavigate: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const items = visibleNav(can).map((i) => ({
    key: i.path,
    icon: i.icon,
    label: t(`common.menu.${i.labelKey}`),
    'data-testid': `nav-${i.labelKey}`,
  }));
  const selected = navKeyFor(pathname);
  return (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      onClick={({ key }) => {
        onNavigate();
        void navigate(key);
      }}
      data-testid="side-menu"
    />
  );
}
