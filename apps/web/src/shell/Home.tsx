import { Navigate } from 'react-router';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { visibleNav } from './nav.tsx';
import { useSession } from './session.tsx';
import { ResidentHome } from '../features/requests/ResidentHome.tsx';
import { NeedsYou } from './NeedsYou.tsx';

/**
 * "/" sends staff to where their work is: a grid worker to their visits (tasks are one tap away in the
 * menu), not to an empty request queue; others to the first page they may use. Residents get a start
 * page of two big buttons instead, because for them "反映问题" must be one obvious tap away (the ≤ 5
 * taps target), followed by cards for what needs them now (messages, a reply to rate, an open vote).
 */
export default function Home() {
  const { can, session } = useSession();
  const { t } = useTranslation();
  const first = visibleNav(can)[0];
  if (first?.path === '/report') return <div className="gz-report"><ResidentHome /><NeedsYou /></div>;
  // Only grid workers work instructions; their day is households and tasks, not the request queue.
  if (can('instruction.work') && can('visit.record')) return <Navigate to="/visits" replace />;
  if (first) return <Navigate to={first.path} replace />;
  // A resident's new account waiting for a worker to link it: its page says so (and lets them change the password).
  if (session?.grants.length === 0) return <Navigate to="/account" replace />;
  return <Result status="403" title={t('common.error.forbidden')} />;
}
