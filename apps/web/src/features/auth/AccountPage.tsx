import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, gz, unwrap } from '../../api/client.ts';
import { useSignedIn } from '../../shell/session.tsx';
import { NewPasswordFields } from './PhoneCodeFields.tsx';

interface Values { oldPassword: string; newPassword: string; confirm: string }

/**
 * 修改密码, for everyone signed in (the accounts page tells new users to change the password they
 * were given). An account not yet linked to the register is told so here, where sign-up sends it.
 */
export default function AccountPage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useMutation({
    mutationFn: (v: Values) => unwrap(gz.POST('/api/v1/me/password', { body: { oldPassword: v.oldPassword, newPassword: v.newPassword } })),
    onSuccess: (r) => {
      form.resetFields();
      void message.success(t('auth.account.done', { ended: r.ended }));
    },
  });
  const error = change.error ? (change.error instanceof ApiError ? change.error.message : String(change.error)) : null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 520 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('auth.account.title')}</Typography.Title>
      {session.grants.length === 0 && <Alert type="warning" showIcon title={t('auth.account.unlinked')} data-testid="account-unlinked" />}
      <Card>
        <Typography.Paragraph type="secondary">{session.user.name} · {session.user.phoneMasked}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="password-error" />}
        <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => change.mutate(v)} disabled={change.isPending}>
          <Form.Item name="oldPassword" label={t('auth.account.oldPassword')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" data-testid="password-old" />
          </Form.Item>
          <NewPasswordFields name="newPassword" testId="password-new" />
          <Button type="primary" htmlType="submit" block loading={change.isPending} data-testid="password-submit">{t('auth.account.submit')}</Button>
        </Form>
      </Card>
    </Space>
  );
}
