import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Space, type FormInstance } from 'antd';
import { MessageOutlined, MobileOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, gz, unwrap } from '../../api/client.ts';

/**
 * Phone number and SMS code, with the "send code" button and its countdown. The page says where the
 * code goes: this deployment has no SMS gateway, so the outbox writes it to the server log.
 */
export function PhoneCodeFields({ form, purpose, testId }: { form: FormInstance; purpose: 'signup' | 'reset'; testId: string }) {
  const { t } = useTranslation();
  const [wait, setWait] = useState(0);
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);
  const send = useMutation({
    mutationFn: async () => {
      const { phone } = await form.validateFields(['phone']) as { phone: string };
      const body = { phone: phone.trim() };
      return purpose === 'signup'
        ? unwrap(gz.POST('/api/v1/signup/code', { body }))
        : unwrap(gz.POST('/api/v1/password-reset/code', { body }));
    },
    onSuccess: (r) => setWait(r.resendAfterSeconds),
  });
  const failure = send.error instanceof ApiError ? send.error.message : null;

  return (
    <>
      <Alert type="info" showIcon title={t('auth.smsNotice')} data-testid={`${testId}-sms-notice`} />
      <Form.Item name="phone" label={t('auth.phone')} rules={[{ required: true, whitespace: true, message: t('auth.phoneRequired') }]}>
        <Input prefix={<MobileOutlined />} autoComplete="tel" inputMode="tel" maxLength={20} data-testid={`${testId}-phone`} />
      </Form.Item>
      <Form.Item label={t('auth.code')} required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="code" noStyle rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.codeRequired') }]}>
            <Input prefix={<MessageOutlined />} aria-label={t('auth.code')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} data-testid={`${testId}-code`} />
          </Form.Item>
          <Button onClick={() => send.mutate()} disabled={wait > 0} loading={send.isPending} data-testid={`${testId}-send-code`}>
            {wait > 0 ? t('auth.resendIn', { seconds: wait }) : t('auth.sendCode')}
          </Button>
        </Space.Compact>
      </Form.Item>
      {send.isSuccess && <Alert type="success" showIcon title={t('auth.codeSent', { minutes: Math.round(send.data.ttlSeconds / 60) })} data-testid={`${testId}-code-sent`} />}
      {failure && <Alert type="error" showIcon title={failure} data-testid={`${testId}-code-error`} />}
    </>
  );
}

/** New password and its confirmation, with the rules stated. */
export function NewPasswordFields({ name, testId }: { name: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name={name} label={t('auth.newPassword')} extra={t('auth.passwordHelp')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
        <Input.Password autoComplete="new-password" data-testid={`${testId}-password`} />
      </Form.Item>
      <Form.Item name="confirm" label={t('auth.confirmPassword')} dependencies={[name]} rules={[
        { required: true, message: t('auth.passwordRequired') },
        ({ getFieldValue }) => ({ validator: (_, v) => (!v || getFieldValue(name) === v ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch')))) }),
      ]}>
        <Input.Password autoComplete="new-password" data-testid={`${testId}-confirm`} />
      </Form.Item>
    </>
  );
}
