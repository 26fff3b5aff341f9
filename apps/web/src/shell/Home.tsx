import { Navigate } from 'react-router';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { visibleNav } from './nav.tsx';
import { useSession } from './session.tsx';
import { ResidentHome } from '../features/requests/ResidentHome.tsx';

/**
 * "/" sends staff to the first page they may use. Residents get a start page of two big buttons
 * instead, because for them "反映问题" must be one obvious tap away (the ≤ 5 taps target).
 */
export default function Home() {
  const { can, session } = useSession();
  const { t } = useTranslation();
  const first = visibleNav(can)[0];
  if (first?.path === '/report') return <ResidentHome />;
  if (first) return <Navigate to={first.path} replace />;
  // A resident's new account waiting for a worker to link it: its page says so (and lets them change the password).
  if (session?.grants.length === 0) return <Navigate to="/account" replace />;
  return <Result status="403" title={t('common.error.forbidden')} />;
}
