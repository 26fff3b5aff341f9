import { useState } from 'react';
import { App, Button, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, ExperimentOutlined, PlusOutlined, StopOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import type { UserView } from '../../api/types.ts';
import { PagedTable } from '../../components/PagedTable.tsx';
import type { Column } from '../../components/ResponsiveTable.tsx';
import { userKeys, usersQuery } from './users.queries.ts';
import { formatTime } from '../../components/time.ts';
import { useSession } from '../../shell/session.tsx';
import { RoleTags } from './RoleTags.tsx';
import { CreateUserModal } from './CreateUserModal.tsx';
import { GrantsModal } from './GrantsModal.tsx';

/** /users — accounts in the user's area, their roles, and (for managers) create / grant / disable. */
export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can, session } = useSession();
  const manage = can('user.manage');
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [grantsOf, setGrantsOf] = useState<UserView | null>(null);

  const toggle = useApiMutation({
    mutationFn: ({ u, disabled }: { u: UserView; disabled: boolean }) =>
      unwrap(gz.PATCH('/api/v1/users/{id}', { params: { path: { id: u.id } }, body: { disabled } })),
    invalidates: [userKeys.all],
    onSuccess: () => void message.success(t('common.action.saved')),
  });

  const columns: Column<UserView>[] = [
    {
      key: 'name',
      title: t('users.name'),
      render: (u) => (
        <Space size={4} wrap>
          <span data-testid="user-row-name">{u.name}</span>
          {u.demo && <Tag icon={<ExperimentOutlined />}>{t('common.header.demo')}</Tag>}
        </Space>
      ),
    },
    { key: 'phone', title: t('users.phone'), render: (u) => <span className="gz-mono">{u.phone}</span> },
    { key: 'roles', title: t('users.roles'), render: (u) => <RoleTags grants={u.grants} /> },
    {
      key: 'status',
      title: t('users.status'),
      render: (u) =>
        u.disabled ? (
          <Tag icon={<StopOutlined />} color="default" data-testid="user-disabled">{t('users.disabled')}</Tag>
        ) : (
          <Tag icon={<CheckCircleOutlined />} color="success">{t('users.active')}</Tag>
        ),
    },
    { key: 'lastLogin', title: t('users.lastLogin'), render: (u) => (u.lastLoginAt ? formatTime(u.lastLoginAt) : t('users.never')) },
  ];
  if (manage) {
    columns.push({
      key: 'actions',
      title: t('common.field.actions'),
      render: (u) => (
        <Space wrap>
          <Button size="small" icon={<TeamOutlined />} onClick={() => setGrantsOf(u)} data-testid="user-grants-button">
            {t('users.manageRoles')}
          </Button>
          {u.id !== session?.user.id && (
            <Popconfirm
              title={t(u.disabled ? 'users.enableConfirm' : 'users.disableConfirm', { name: u.name })}
              onConfirm={() => toggle.mutate({ u, disabled: !u.disabled })}
              okButtonProps={{ danger: !u.disabled }}
            >
              <Button size="small" danger={!u.disabled} data-testid="user-toggle">
                {u.disabled ? t('users.enable') : t('users.disable')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  return (
    <div data-testid="users-page">
      <Typography.Title level={3}>{t('users.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('users.search')}
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 300 }}
          data-testid="users-search"
        />
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="users-create">
            {t('users.create')}
          </Button>
        )}
      </Space>
      <PagedTable query={(page) => usersQuery({ q, ...page })} resetKey={q} columns={columns} rowKey={(u) => u.id} testId="users-table" />
      {creating && <CreateUserModal onClose={() => setCreating(false)} onDone={() => setCreating(false)} />}
      {grantsOf && <GrantsModal user={grantsOf} onClose={() => setGrantsOf(null)} onChanged={setGrantsOf} />}
    </div>
  );
}
