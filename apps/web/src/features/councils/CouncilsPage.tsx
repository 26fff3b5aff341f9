import { useState } from 'react';
import { Button, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import type { ApiBody } from '../../api/types.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import type { Column } from '../../components/ResponsiveTable.tsx';
import { useSession } from '../../shell/session.tsx';
import type { CouncilSummary } from './types.ts';
import { councilKeys, councilsQuery } from './councils.queries.ts';

const KINDS = ['building', 'grid', 'community', 'matter'] as const;
const LEVEL_OF = { building: ['microgrid'], grid: ['grid'], community: ['community'], matter: ['community', 'grid', 'microgrid'] } as const;

/** /councils (staff) and /my-councils (residents): the councils the user may see. */
export default function CouncilsPage({ mine = false }: { mine?: boolean }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [kind, setKind] = useState<(typeof KINDS)[number]>();
  const [creating, setCreating] = useState(false);

  const columns: Column<CouncilSummary>[] = [
    { key: 'name', title: t('councils.col.name'), render: (c) => <Link to={`/councils/${c.id}`} data-testid="council-link">{c.name}</Link> },
    { key: 'kind', title: t('councils.col.kind'), render: (c) => <Tag>{t(`councils.kind.${c.kind}`)}</Tag> },
    { key: 'region', title: t('councils.col.region'), render: (c) => c.region.name },
    { key: 'seats', title: t('councils.col.seats'), render: (c) => `${c.seatedCount} / ${c.vacantCount}` },
  ];

  return (
    <div data-testid="councils-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>{mine ? t('councils.list.mine') : t('councils.list.title')}</Typography.Title>
        {!mine && can('council.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="council-create">{t('councils.list.create')}</Button>}
      </Space>
      {mine && <Typography.Paragraph type="secondary">{t('councils.list.mineHint')}</Typography.Paragraph>}
      <Select allowClear placeholder={t('councils.col.kind')} aria-label={t('councils.col.kind')} style={{ width: 200, margin: '12px 0' }} value={kind} onChange={setKind}
        options={KINDS.map((k) => ({ value: k, label: t(`councils.kind.${k}`) }))} />
      <PagedTable query={(page) => councilsQuery({ kind, ...page })} resetKey={kind ?? ''} columns={columns} rowKey={(c) => c.id} rowHref={(c) => `/councils/${c.id}`} testId="councils" />
      {creating && <CreateCouncilModal onClose={() => setCreating(false)} />}
    </div>
  );
}

function CreateCouncilModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const kind = Form.useWatch('kind', form) as keyof typeof LEVEL_OF | undefined;
  return (
    <ModalForm<NonNullable<ApiBody<'/api/v1/councils', 'post'>>, { id: string }> form={form} title={t('councils.list.create')} onClose={onClose}
      okText={t('common.action.create')} invalidates={[councilKeys.all]}
      submit={(body) => unwrap(gz.POST('/api/v1/councils', { body }))} onDone={(made) => navigate(`/councils/${made.id}`)}
      initialValues={{ kind: 'grid', quorum: 'more_than_half', majority: 'simple', cosignThreshold: 10, noticeHours: 72, publicNoticeDays: 5 }}>
        <Form.Item name="kind" label={t('councils.form.kind')} rules={[{ required: true }]}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`councils.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('councils.form.name')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="regionId" label={t('councils.form.region')} rules={[{ required: true }]}>
          <RegionTreeSelect selectable={(r) => (LEVEL_OF[kind ?? 'matter'] as readonly string[]).includes(r.level)} />
        </Form.Item>
        {kind === 'matter' && <Form.Item name="matter" label={t('councils.form.matter')}><Input.TextArea maxLength={500} /></Form.Item>}
        <Form.Item name="quorum" label={t('councils.form.quorum')}>
          <Select options={(['more_than_half', 'two_thirds'] as const).map((q) => ({ value: q, label: t(`councils.quorum.${q}`) }))} />
        </Form.Item>
        <Form.Item name="majority" label={t('councils.form.majority')}>
          <Select options={(['simple', 'two_thirds'] as const).map((q) => ({ value: q, label: t(`councils.majority.${q}`) }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="cosignThreshold" label={t('councils.form.cosign')}><InputNumber min={1} max={10000} precision={0} /></Form.Item>
          <Form.Item name="noticeHours" label={t('councils.form.noticeHours')}><InputNumber min={0} max={1440} precision={0} /></Form.Item>
          <Form.Item name="publicNoticeDays" label={t('councils.form.publicDays')}><InputNumber min={1} max={60} precision={0} /></Form.Item>
        </Space>
    </ModalForm>
  );
}
