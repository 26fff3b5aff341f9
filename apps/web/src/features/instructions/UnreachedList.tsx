import { Collapse } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi.ts';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable.tsx';
import { usePaging } from '../../components/usePaging.ts';
import type { Page, UnreachedHousehold } from './types.ts';

function List({ id, path }: { id: string; path: string }) {
  const { t } = useTranslation();
  const paging = usePaging(20);
  const { data, loading } = useApi<Page<UnreachedHousehold>>(`/api/v1/instructions/${id}/unreached`, { path, limit: paging.limit, offset: paging.offset });
  const columns: Column<UnreachedHousehold>[] = [
    { key: 'address', title: t('instructions.progress.address'), render: (h) => h.address },
    { key: 'microgrid', title: t('instructions.progress.microgrid'), render: (h) => h.microgrid },
    { key: 'status', title: t('instructions.progress.status'), render: (h) => t(`instructions.outcome.${h.status as 'pending'}`) },
    { key: 'attempts', title: t('instructions.progress.attempts'), render: (h) => h.attempts },
  ];
  return <ResponsiveTable rows={data?.items} columns={columns} rowKey={(h) => h.householdId} loading={loading}
    paging={{ current: paging.current, pageSize: paging.pageSize, total: data?.total ?? 0, onChange: paging.onChange }} testId="unreached-table" />;
}

/** The households under the node never reached, loaded only when opened. */
export function UnreachedList({ id, path }: { id: string; path: string }) {
  const { t } = useTranslation();
  return <Collapse style={{ marginTop: 12 }} destroyOnHidden items={[{ key: 'u', label: t('instructions.progress.unreached'), children: <List id={id} path={path} /> }]} />;
}
