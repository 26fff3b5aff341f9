import { useState } from 'react';
import { App, Button, Checkbox, Space, Switch, Tag, Typography } from 'antd';
import { EditOutlined, ImportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import type { CategoryView } from '../../api/types.ts';
import { PageError } from '../../components/PageError.tsx';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable.tsx';
import { useSession } from '../../shell/session.tsx';
import { CategoryModal } from './CategoryModal.tsx';
import { MatterTag } from './RequestTags.tsx';
import { useCategories, useDepartments } from './catalogue.ts';
import { requestKeys } from './requests.queries.ts';

/**
 * /categories — the district's service catalogue for those who manage it: class, department, time
 * limits (working time or round the clock) and whether it is in use; edit in a dialog, switch a
 * category on or off in place.
 */
export default function CategoriesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session, can } = useSession();
  // Reading the catalogue is for every staff member; changing it only for those whose role may
  // (district officers, administrators): nobody is offered a form the server would refuse (issue 15 · item 17c).
  const mayEdit = can('category.manage');
  const [showInactive, setShowInactive] = useState(true);
  const { data, error, isFetching: loading, refetch } = useCategories(true);
  const departments = useDepartments(data);
  const [editing, setEditing] = useState<CategoryView | null>(null);
  const rows = (data ?? []).filter((c) => showInactive || c.active);

  const patching = useApiMutation({
    mutationFn: ({ c, body }: { c: CategoryView; body: { active?: boolean; workingTime?: boolean } }) =>
      unwrap(gz.PATCH('/api/v1/categories/{id}', { params: { path: { id: c.id } }, body })),
    invalidates: [requestKeys.all],
    onSuccess: () => void message.success(t('common.action.saved')),
  });
  const busy = patching.isPending ? patching.variables.c.id : null;
  const patch = (c: CategoryView, body: { active?: boolean; workingTime?: boolean }) => patching.mutate({ c, body });

  const defaults = useApiMutation({
    mutationFn: (districtCode: string) => unwrap(gz.POST('/api/v1/categories/defaults', { body: { districtCode } })),
    invalidates: [requestKeys.all],
    onSuccess: (r) => void message.success(t('kpi.categories.installed', { n: r.added })),
  });
  const installDefaults = () => {
    const districtCode = session?.grants.find((g) => g.regionPath)?.regionPath?.slice(0, 6);
    if (districtCode) defaults.mutate(districtCode);
  };

  const columns: Column<CategoryView>[] = [
    {
      key: 'name',
      title: t('kpi.categories.name'),
      // The name in the reader's language; the code is for machines (Open311) and stays out of sight.
      render: (c) => <span data-testid="category-name" title={c.code}>{c.name}</span>,
    },
    { key: 'matter', title: t('kpi.categories.matter'), render: (c) => <MatterTag matter={c.matter} /> },
    { key: 'department', title: t('kpi.categories.department'), render: (c) => c.department?.name ?? t('kpi.categories.noDepartment') },
    { key: 'respond', title: t('kpi.categories.respondShort'), render: (c) => t('kpi.categories.hours', { n: c.respondHours }) },
    { key: 'resolve', title: t('kpi.categories.resolveShort'), render: (c) => t('kpi.categories.hours', { n: c.resolveHours }) },
    {
      key: 'working',
      title: t('kpi.categories.clock'),
      render: (c) => (
        <Space size={6}>
          <Switch size="small" checked={c.workingTime} loading={busy === c.id} disabled={!mayEdit} onChange={(v) => patch(c, { workingTime: v })} aria-label={t('kpi.categories.workingTime')} />
          <span>{c.workingTime ? t('kpi.categories.workingShort') : t('kpi.categories.calendarShort')}</span>
        </Space>
      ),
    },
    {
      key: 'active',
      title: t('kpi.categories.active'),
      render: (c) => (
        <Space size={6}>
          <Switch size="small" checked={c.active} loading={busy === c.id} disabled={!mayEdit} onChange={(v) => patch(c, { active: v })} aria-label={t('kpi.categories.active')} data-testid="category-active-switch" />
          {c.active ? <span>{t('kpi.categories.active')}</span> : <Tag>{t('kpi.categories.inactive')}</Tag>}
        </Space>
      ),
    },
    ...(mayEdit ? [{
      key: 'actions',
      title: t('common.field.actions'),
      render: (c: CategoryView) => <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} data-testid="category-edit">{t('common.action.edit')}</Button>,
    }] : []),
  ];

  return (
    <div data-testid="categories-page">
      <Typography.Title level={3}>{t('kpi.categories.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('kpi.categories.hint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Checkbox checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)}>{t('kpi.categories.showInactive')}</Checkbox>
        {mayEdit && data && data.length === 0 && (
          <Button icon={<ImportOutlined />} onClick={installDefaults} data-testid="categories-defaults">{t('kpi.categories.installDefaults')}</Button>
        )}
      </Space>
      {data && data.length === 0 && <Typography.Paragraph>{t('kpi.categories.empty')}</Typography.Paragraph>}
      {error ? (
        <PageError error={error} onRetry={() => void refetch()} />
      ) : (
        <ResponsiveTable rows={rows} columns={columns} rowKey={(c) => c.id} loading={loading} testId="categories-table" />
      )}
      {mayEdit && editing && (
        <CategoryModal
          category={editing}
          departments={departments}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      )}
    </div>
  );
}
