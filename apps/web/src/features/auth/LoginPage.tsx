import { useMutation } from '@tanstack/react-query';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { ExperimentOutlined, LockOutlined, MobileOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useSession, type LoginRedirectState } from '../../shell/session.tsx';
import { AuthFrame } from './AuthFrame.tsx';

// Passwords never appear on this page; the hint names the demo accounts only as demo accounts.

interface Values {
  phone: string;
  password: string;
}

/** The sign-in page: phone and password, with the API's own message on failure. */
export default function LoginPage() {
  const { t } = useTranslation();
  const { session, expired, signIn } = useSession();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as LoginRedirectState;
  const signingIn = useMutation({
    mutationFn: (v: Values) => signIn(v.phone.trim(), v.password),
    onSuccess: () => navigate(state.from ?? '/', { replace: true }),
  });
  // INVALID_CREDENTIALS, ACCOUNT_LOCKED (with minutes), ACCOUNT_DISABLED…: the API words them.
  const failed = signingIn.error;
  const error = failed ? (failed instanceof ApiError ? failed.message : String(failed)) : null;
  const busy = signingIn.isPending;

  if (session) return <Navigate to={state.from ?? '/'} replace />;

  const submit = (v: Values) => signingIn.mutate(v);

  return (
    <AuthFrame title={t('common.appName')} subtitle={t('common.appTagline')} testId="login-card">
      {expired && !error && <Alert type="warning" showIcon title={t('auth.expired')} data-testid="session-expired" />}
      {error && <Alert type="error" showIcon title={error} data-testid="login-error" />}
      <Form<Values> layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
        <Form.Item name="phone" label={t('auth.phone')} rules={[{ required: true, whitespace: true, message: t('auth.phoneRequired') }]}>
          <Input prefix={<MobileOutlined />} autoComplete="username" inputMode="tel" data-testid="login-phone" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
          {t('auth.submit')}
        </Button>
      </Form>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Link to="/signup" className="gz-tap" data-testid="login-to-signup">{t('auth.toSignUp')}</Link>
        <Link to="/forgot-password" className="gz-tap" data-testid="login-to-forgot">{t('auth.toForgot')}</Link>
      </div>
      <Typography.Text type="secondary" data-testid="demo-hint">
        <ExperimentOutlined /> {t('auth.demoHint')}
      </Typography.Text>
    </AuthFrame>
  );
}
