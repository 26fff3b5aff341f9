import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { linkKeys, residentAccountQuery } from './users.queries.ts';

/**
 * The login account of a resident, on the resident's page: staff who keep the register link one by
 * its phone, or unlink it (the account then no longer sees the household), after a confirmation.
 */
export function ResidentAccountCard({ residentId, canWrite }: { residentId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [linking, setLinking] = useState(false);
  const account = useQuery(residentAccountQuery(residentId));
  const unlink = useApiMutation({
    mutationFn: () => unwrap(gz.DELETE('/api/v1/residents/{id}/account', { params: { path: { id: residentId } } })),
    invalidates: [linkKeys.all],
    onSuccess: () => void message.success(t('users.account.unlinked')),
  });
  const a = account.data?.account;
  return (
    <Card size="small" title={t('users.account.title')} loading={account.isLoading} data-testid="resident-account">
      {a ? (
        <Space wrap>
          <Typography.Text data-testid="resident-account-linked">{a.name} · {a.phoneMasked}</Typography.Text>
          {canWrite && (
            <Popconfirm title={t('users.account.unlinkConfirm')} onConfirm={() => unlink.mutate()} okButtonProps={{ danger: true }}>
              <Button size="small" danger loading={unlink.isPending} data-testid="resident-account-unlink">{t('users.account.unlink')}</Button>
            </Popconfirm>
          )}
        </Space>
      ) : (
        <Space wrap>
          <Typography.Text type="secondary">{t('users.account.none')}</Typography.Text>
          {canWrite && <Button size="small" onClick={() => setLinking(true)} data-testid="resident-account-link">{t('users.account.linkByPhone')}</Button>}
        </Space>
      )}
      {linking && (
        <ModalForm<{ phone: string }> title={t('users.account.linkByPhone')} onClose={() => setLinking(false)} invalidates={[linkKeys.all]}
          submit={(v) => unwrap(gz.POST('/api/v1/residents/{id}/account', { params: { path: { id: residentId } }, body: { phone: v.phone.trim() } }))}
          onDone={() => { setLinking(false); void message.success(t('users.account.linked')); }} testId="resident-account-link-form">
          <Form.Item name="phone" label={t('users.account.phone')} rules={[{ required: true, whitespace: true, message: t('users.account.phoneRequired') }]}>
            <Input inputMode="tel" maxLength={20} data-testid="resident-account-phone" />
          </Form.Item>
        </ModalForm>
      )}
    </Card>
  );
}
