import { useState } from 'react';
import { App, Button, Form, Input, Select, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TeamView } from '@gongzhi/contracts';
import { gz, unwrap } from '../../api/client.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { PageError } from '../../components/PageError.tsx';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { teamsQuery, volunteerKeys, volunteerListQuery } from './volunteers.queries.ts';

interface Values { regionId: string; name: string; leaderVolunteerId?: string }

/** A community's volunteer teams (志愿服务队) with their leaders; staff open new ones. */
export function TeamsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, error, refetch } = useQuery(teamsQuery());
  const { data: verified } = useQuery(volunteerListQuery('verified'));
  const [creating, setCreating] = useState(false);
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} style={{ marginBottom: 12 }} data-testid="team-create">{t('volunteers.team.create')}</Button>
      <Table<TeamView> rowKey="id" size="middle" dataSource={data} pagination={false} columns={[
        { key: 'n', title: t('volunteers.team.name'), dataIndex: 'name' },
        { key: 'l', title: t('volunteers.team.leader'), render: (_, x) => x.leaderName ?? t('volunteers.team.noLeader') },
        { key: 'm', title: t('volunteers.team.members'), dataIndex: 'memberCount' },
      ]} />
      {creating && (
        <ModalForm<Values> title={t('volunteers.team.create')} onClose={() => setCreating(false)} invalidates={[volunteerKeys.all]} testId="team-form"
          submit={(v) => unwrap(gz.POST('/api/v1/volunteers/teams', { body: { regionId: v.regionId, name: v.name.trim(), leaderVolunteerId: v.leaderVolunteerId ?? null } }))}
          onDone={() => { setCreating(false); void message.success(t('volunteers.team.created')); }}>
          <Form.Item name="regionId" label={t('volunteers.team.community')} rules={[{ required: true }]}><RegionTreeSelect selectable={(r) => r.level === 'community'} testId="team-region" /></Form.Item>
          <Form.Item name="name" label={t('volunteers.team.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={60} /></Form.Item>
          <Form.Item name="leaderVolunteerId" label={t('volunteers.team.leader')}>
            <Select allowClear showSearch optionFilterProp="label" aria-label={t('volunteers.team.leader')} options={(verified ?? []).map((v) => ({ value: v.id, label: v.name }))} />
          </Form.Item>
        </ModalForm>
      )}
    </>
  );
}
