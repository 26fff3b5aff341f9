import { Typography } from 'antd';
import { EditOutlined, FileTextOutlined, FlagOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { HomeTile } from '../../components/HomeTile.tsx';
import { useSession, useSignedIn } from '../../shell/session.tsx';

/**
 * A resident's start page: two big buttons and nothing else, so that "反映问题" is the first thing an
 * older resident sees and the first of at most five taps.
 */
export function ResidentHome() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const { can } = useSession();
  return (
    <div className="gz-report" data-testid="resident-home">
      <Typography.Title level={2} style={{ marginTop: 0 }}>{t('report.home.greeting', { name: session.user.name })}</Typography.Title>
      <HomeTile to="/report" icon={<EditOutlined />} title={t('report.home.report')} hint={t('report.home.reportHint')} testId="home-report" primary />
      <HomeTile to="/my-requests" icon={<FileTextOutlined />} title={t('report.home.mine')} hint={t('report.home.mineHint')} testId="home-mine" />
      {/* Only party members (the party_member grant) report to the community. */}
      {can('party.report') && <HomeTile to="/party" icon={<FlagOutlined />} title={t('party.tile')} hint={t('party.tileHint')} testId="home-party" />}
    </div>
  );
}
