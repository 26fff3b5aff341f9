import { Button, Segmented, Space, Switch, Tag, Typography } from 'antd';
import { ExperimentOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { usePreferences } from './preferences.tsx';
import { useSession } from './session.tsx';
import type { UiLanguage } from '../i18n/types.ts';
import type { ElderSize } from './theme.ts';

/** The language switch (also on the sign-in page). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language, setLanguage } = usePreferences();
  return (
    <Segmented<UiLanguage>
      aria-label={t('common.header.language')}
      data-testid="language-switch"
      value={language}
      onChange={setLanguage}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}

/**
 * 长辈版: the elder-mode switch, plus the size choice while it is on. On every page, the sign-in page
 * included, because an older resident should not have to find it in a settings screen.
 */
export function ElderSwitch() {
  const { t } = useTranslation();
  const { elder, setElder, elderSize, setElderSize } = usePreferences();
  return (
    <Space size={8} wrap>
      <label style={{ display: 'inline-flex', alignItems: 'center', gap: 6, cursor: 'pointer' }}>
        <Switch checked={elder} onChange={setElder} data-testid="elder-switch" />
        <span>{t('common.header.elder')}</span>
      </label>
      {elder && (
        <Segmented<ElderSize>
          aria-label={t('common.header.elderSize')}
          data-testid="elder-size"
          value={elderSize}
          onChange={setElderSize}
          options={[
            { value: 'large', label: t('common.header.sizeLarge') },
            { value: 'xlarge', label: t('common.header.sizeXlarge') },
          ]}
        />
      )}
    </Space>
  );
}

/** The top bar: menu button on phones, user, demo tag, language, elder mode, sign-out. */
export function HeaderBar({ onOpenMenu }: { onOpenMenu?: () => void }) {
  const { t } = useTranslation();
  const { session, signOut } = useSession();
  return (
    <header className="gz-header" data-testid="app-header">
      {onOpenMenu && <Button icon={<MenuOutlined />} onClick={onOpenMenu} aria-label={t('common.menu.open')} />}
      {onOpenMenu && <Typography.Text strong>{t('common.appName')}</Typography.Text>}
      <span className="gz-header-spacer" />
      <ElderSwitch />
      <LanguageSwitch />
      {session && (
        <Space size={4}>
          <UserOutlined aria-hidden />
          <Typography.Text data-testid="user-name">{session.user.name}</Typography.Text>
          {session.user.demo && (
            <Tag icon={<ExperimentOutlined />} color="gold" data-testid="demo-tag">
              {t('common.header.demo')}
            </Tag>
          )}
        </Space>
      )}
      {session && (
        <Button icon={<LogoutOutlined />} onClick={() => void signOut()} data-testid="sign-out">
          {t('common.header.signOut')}
        </Button>
      )}
    </header>
  );
}
