import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert, Button, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, gz, unwrap } from '../../api/client.ts';
import { AuthFrame } from './AuthFrame.tsx';
import { NewPasswordFields, PhoneCodeFields } from './PhoneCodeFields.tsx';

interface Values { phone: string; code: string; password: string; confirm: string }

/** 忘记密码: a code to the account's phone sets a new password and signs out every session of the account. */
export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const reset = useMutation({
    mutationFn: (v: Values) => unwrap(gz.POST('/api/v1/password-reset', { body: { phone: v.phone.trim(), code: v.code.trim(), password: v.password } })),
  });
  const error = reset.error ? (reset.error instanceof ApiError ? reset.error.message : String(reset.error)) : null;
  return (
    <AuthFrame title={t('auth.forgot.title')} subtitle={t('common.appName')} testId="forgot-card">
      {reset.isSuccess ? (
        <Alert type="success" showIcon title={t('auth.forgot.done')} data-testid="forgot-done" />
      ) : (
        <>
          {error && <Alert type="error" showIcon title={error} data-testid="forgot-error" />}
          <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => reset.mutate(v)} disabled={reset.isPending}>
            <PhoneCodeFields form={form} purpose="reset" testId="forgot" />
            <NewPasswordFields name="password" testId="forgot" />
            <Button type="primary" htmlType="submit" block loading={reset.isPending} data-testid="forgot-submit">{t('auth.forgot.submit')}</Button>
          </Form>
        </>
      )}
      <Link to="/login" className="gz-tap" data-testid="forgot-to-login">{t('auth.backToLogin')}</Link>
    </AuthFrame>
  );
}
