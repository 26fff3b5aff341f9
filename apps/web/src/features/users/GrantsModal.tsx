import { App, Button, Card, Empty, Form, Modal, Popconfirm } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Role } from '@gongzhi/core';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import type { UserView } from '../../api/types.ts';
import { userKeys } from './users.queries.ts';
import { RoleTags } from './RoleTags.tsx';
import { GrantFields, toGrantBody } from './GrantFields.tsx';

/** A user's roles: remove one (with confirmation) or add another. */
export function GrantsModal(props: { user: UserView; onClose: () => void; onChanged: (u: UserView) => void }) {
  const { user, onClose, onChanged } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ role: Role; regionId?: string; organisationId?: string }>();
  // Each answer is the user as they now stand, shown at once; the list behind is refreshed too.
  const grant = useApiMutation({
    mutationFn: (v: { role: Role; regionId?: string; organisationId?: string }) =>
      unwrap(gz.POST('/api/v1/users/{id}/grants', { params: { path: { id: user.id } }, body: toGrantBody(v) })),
    invalidates: [userKeys.all],
    onSuccess: (u) => {
      onChanged(u);
      form.resetFields();
      void message.success(t('common.action.saved'));
    },
    form,
  });
  const revoke = useApiMutation({
    mutationFn: (grantId: string) => unwrap(gz.DELETE('/api/v1/users/{id}/grants/{grantId}', { params: { path: { id: user.id, grantId } } })),
    invalidates: [userKeys.all],
    onSuccess: (u) => onChanged(u),
  });
  const add = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v) grant.mutate(v);
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
              <Popconfirm title={t('users.removeGrantConfirm')} onConfirm={() => revoke.mutate(g.id!)} okButtonProps={{ danger: true }}>
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
          <Button type="primary" icon={<PlusOutlined />} loading={grant.isPending} onClick={() => void add()}>
            {t('users.addGrant')}
          </Button>
        </Form>
      </Card>
    </Modal>
  );
}
