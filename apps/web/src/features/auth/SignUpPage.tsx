import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, Navigate } from 'react-router';
import { Alert, Button, Form, Input, Select, Typography } from 'antd';
import { IdcardOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, gz, unwrap } from '../../api/client.ts';
import { useSession } from '../../shell/session.tsx';
import { AuthFrame } from './AuthFrame.tsx';
import { NewPasswordFields, PhoneCodeFields } from './PhoneCodeFields.tsx';
import { signUpCommunitiesQuery } from './auth.queries.ts';

interface Values { phone: string; code: string; name: string; idNumber: string; communityId: string; password: string; confirm: string }

/**
 * 注册: phone + SMS code, name and ID number as registered, the community, a password. The account
 * links itself to the register entry that matches, or waits for a worker; either way the person is
 * signed in (a full reload, so the console starts with the new session).
 */
export default function SignUpPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [form] = Form.useForm<Values>();
  const communities = useQuery(signUpCommunitiesQuery());
  const signUp = useMutation({
    mutationFn: (v: Values) => unwrap(gz.POST('/api/v1/signup', {
      body: { phone: v.phone.trim(), code: v.code.trim(), name: v.name.trim(), idNumber: v.idNumber.trim(), communityId: v.communityId, password: v.password },
    })),
    onSuccess: (r) => { if (r.linked) window.location.assign('/'); },
  });
  if (session) return <Navigate to="/" replace />;
  const error = signUp.error ? (signUp.error instanceof ApiError ? signUp.error.message : String(signUp.error)) : null;

  if (signUp.data && !signUp.data.linked) {
    return (
      <AuthFrame title={t('auth.signup.title')} testId="signup-card">
        <Alert type="warning" showIcon title={t('auth.signup.pending')} data-testid="signup-pending" />
        <Button type="primary" block onClick={() => window.location.assign('/account')} data-testid="signup-continue">{t('common.action.confirm')}</Button>
      </AuthFrame>
    );
  }

  return (
    <AuthFrame title={t('auth.signup.title')} subtitle={t('common.appName')} testId="signup-card">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('auth.signup.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} data-testid="signup-error" />}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => signUp.mutate(v)} disabled={signUp.isPending}>
        <PhoneCodeFields form={form} purpose="signup" testId="signup" />
        <Form.Item name="name" label={t('auth.signup.name')} rules={[{ required: true, whitespace: true, message: t('auth.signup.nameRequired') }]}>
          <Input prefix={<UserOutlined />} maxLength={50} autoComplete="name" data-testid="signup-name" />
        </Form.Item>
        <Form.Item name="idNumber" label={t('auth.signup.idNumber')} rules={[{ required: true, whitespace: true, message: t('auth.signup.idNumberRequired') }]}>
          <Input prefix={<IdcardOutlined />} maxLength={18} autoComplete="off" data-testid="signup-id-number" />
        </Form.Item>
        <Form.Item name="communityId" label={t('auth.signup.community')} rules={[{ required: true, message: t('auth.signup.communityRequired') }]}>
          <Select showSearch optionFilterProp="label" loading={communities.isLoading} data-testid="signup-community"
            options={(communities.data ?? []).map((c) => ({ value: c.id, label: c.districtName ? `${c.name}（${c.districtName}）` : c.name }))} />
        </Form.Item>
        <NewPasswordFields name="password" testId="signup" />
        <Button type="primary" htmlType="submit" block loading={signUp.isPending} data-testid="signup-submit">{t('auth.signup.submit')}</Button>
      </Form>
      <Link to="/login" className="gz-tap" data-testid="signup-to-login">{t('auth.backToLogin')}</Link>
    </AuthFrame>
  );
}
