import { useState } from 'react';
import { App, Button, Card, Empty, Form, Modal, Popconfirm } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Role } from '@gongzhi/core';
import { api } from '../../api/client.ts';
import type { GrantBody, UserView } from '../../api/types.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';
import { RoleTags } from './RoleTags.tsx';
import { GrantFields, toGrantBody } from './GrantFields.tsx';

/** A user's roles: remove one (with confirmation) or add another. */
export function GrantsModal(props: { user: UserView; onClose: () => void; onChanged: (u: UserView) => void }) {
  const { user, onClose, onChanged } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ role: Role; regionId?: string; organisationId?: string }>();
  const [busy, setBusy] = useState(false);

  const add = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const body: GrantBody = toGrantBody(v);
      onChanged(await api.post<UserView>(`/api/v1/users/${user.id}/grants`, body));
      form.resetFields();
      void message.success(t('common.action.saved'));
    } catch (e) {
      notifyError(e, form);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (grantId: string) => {
    try {
      onChanged(await api.del<UserView>(`/api/v1/users/${user.id}/grants/${grantId}`));
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <Modal open title={t('users.grantsTitle', { name: user.name })} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <div data-testid="user-grants">
        {user.grants.length === 0 && <Empty description={t('users.noGrants')} />}
        {user.grants.map((g, i) => (
          <div key={g.id ?? i} style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
            <div style={{ flex: 1 }}>
              <RoleTags grants={[g]} />
            </div>
            {g.id && (
              <Popconfirm title={t('users.removeGrantConfirm')} onConfirm={() => remove(g.id!)} okButtonProps={{ danger: true }}>
                <Button danger size="small" icon={<DeleteOutlined />}>
                  {t('common.action.remove')}
                </Button>
              </Popconfirm>
            )}
          </div>
        ))}
      </div>
      <Card size="small" title={t('users.addGrant')} style={{ marginTop: 12 }}>
        <Form form={form} layout="vertical" data-testid="add-grant-form">
          <GrantFields name={[]} watchPath={[]} />
          <Button type="primary" icon={<PlusOutlined />} loading={busy} onClick={add}>
            {t('users.addGrant')}
          </Button>
        </Form>
      </Card>
    </Modal>
  );
}
