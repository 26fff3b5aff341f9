import { Button, Segmented, Space, Switch, Tag, Typography } from 'antd';
import { ExperimentOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePreferences } from './preferences.tsx';
import { useSession } from './session.tsx';
import type { UiLanguage } from '../i18n/types.ts';
import type { ElderSize } from './theme.ts';
import { InboxBell } from '../features/inbox/InboxBell.tsx';

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

/** Who is signed in, with the demo tag: in the top bar, or in the phone's menu. */
function UserBadge({ light }: { light?: boolean }) {
  const { t } = useTranslation();
  const { session } = useSession();
  if (!session) return null;
  return (
    <Space size={4}>
      <UserOutlined aria-hidden style={light ? { color: '#fff' } : undefined} />
      <Typography.Text data-testid="user-name" style={light ? { color: '#fff' } : undefined}>{session.user.name}</Typography.Text>
      {session.user.demo && (
        <Tag icon={<ExperimentOutlined />} color="gold" data-testid="demo-tag">
          {t('common.header.demo')}
        </Tag>
      )}
    </Space>
  );
}

/** 修改密码: every signed-in person reaches it from the user menu. */
function ChangePasswordLink({ light }: { light?: boolean }) {
  const { t } = useTranslation();
  const { session } = useSession();
  if (!session) return null;
  return (
    <Link to="/account" className="gz-tap" data-testid="change-password-link" style={light ? { color: '#fff' } : undefined}>
      <KeyOutlined /> {t('auth.account.menu')}
    </Link>
  );
}

function SignOutButton({ block }: { block?: boolean }) {
  const { t } = useTranslation();
  const { session, signOut } = useSession();
  if (!session) return null;
  return (
    <Button icon={<LogoutOutlined />} block={block} onClick={() => void signOut()} data-testid="sign-out">
      {t('common.header.signOut')}
    </Button>
  );
}

/**
 * The phone's menu keeps the language, the user and sign-out below the pages, so the top bar stays
 * one row: on a 390-pixel screen in elder mode the full bar took a fifth of the height.
 */
export function MenuAccountPanel() {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, padding: 16, borderTop: '1px solid #ffffff33' }} data-testid="menu-account">
      <UserBadge light />
      <ChangePasswordLink light />
      <LanguageSwitch />
      <SignOutButton block />
    </div>
  );
}

/**
 * The top bar. On a desktop: user, demo tag, language, elder mode, sign-out. On a phone (with
 * `onOpenMenu`): the menu button, the name of the platform and elder mode; the rest is in the menu.
 */
export function HeaderBar({ onOpenMenu }: { onOpenMenu?: () => void }) {
  const { t } = useTranslation();
  return (
    <header className="gz-header" data-testid="app-header">
      {onOpenMenu && <Button icon={<MenuOutlined />} onClick={onOpenMenu} aria-label={t('common.menu.open')} />}
      {/* On a phone the bell takes the platform's name's place: a 390-pixel bar in elder mode has room
          for one of them beside 长辈版, and the messages are what a resident comes back for. */}
      {onOpenMenu && <InboxBell />}
      <span className="gz-header-spacer" />
      {!onOpenMenu && <InboxBell />}
      <ElderSwitch />
      {!onOpenMenu && <LanguageSwitch />}
      {!onOpenMenu && <UserBadge />}
      {!onOpenMenu && <ChangePasswordLink />}
      {!onOpenMenu && <SignOutButton />}
    </header>
  );
}
