import { Typography } from 'antd';
import { CalendarOutlined, EditOutlined, FileTextOutlined, FlagOutlined, GiftOutlined, HeartOutlined, ProjectOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { HomeTile } from '../../components/HomeTile.tsx';
import { useSession, useSignedIn } from '../../shell/session.tsx';

/**
 * A resident's start page: a few big buttons and nothing else, so that "反映问题" is the first thing an
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
      <HomeTile to="/projects" icon={<ProjectOutlined />} title={t('projects.tile')} hint={t('projects.tileHint')} testId="home-projects" />
      {can('bank.use') && <HomeTile to="/my-bank" icon={<GiftOutlined />} title={t('bank.tile')} hint={t('bank.tileHint')} testId="home-bank" />}
      <HomeTile to="/activities" icon={<CalendarOutlined />} title={t('activities.tile')} hint={t('activities.tileHint')} testId="home-activities" />
      <HomeTile to="/volunteer" icon={<HeartOutlined />} title={t('volunteers.tile')} hint={t('volunteers.tileHint')} testId="home-volunteer" />
      {/* Only party members (the party_member grant) report to the community. */}
      {can('party.report') && <HomeTile to="/party" icon={<FlagOutlined />} title={t('party.tile')} hint={t('party.tileHint')} testId="home-party" />}
    </div>
  );
}
