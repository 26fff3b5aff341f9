import { Navigate } from 'react-router';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { NAV_ITEMS } from './nav.tsx';
import { useSession } from './session.tsx';

/** "/" sends the user to the first page they may use. */
export default function Home() {
  const { can } = useSession();
  const { t } = useTranslation();
  const first = NAV_ITEMS.find((i) => can(i.action));
  if (first) return <Navigate to={first.path} replace />;
  return <Result status="403" title={t('common.error.forbidden')} />;
}
