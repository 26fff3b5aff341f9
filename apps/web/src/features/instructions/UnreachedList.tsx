import { Collapse } from 'antd';
import { useTranslation } from 'react-i18next';
import { PagedTable } from '../../components/PagedTable.tsx';
import type { Column } from '../../components/ResponsiveTable.tsx';
import type { UnreachedHousehold } from './types.ts';
import { unreachedQuery } from './instructions.queries.ts';

function List({ id, path }: { id: string; path: string }) {
  const { t } = useTranslation();
  const columns: Column<UnreachedHousehold>[] = [
    { key: 'address', title: t('instructions.progress.address'), render: (h) => h.address },
    { key: 'microgrid', title: t('instructions.progress.microgrid'), render: (h) => h.microgrid },
    { key: 'status', title: t('instructions.progress.status'), render: (h) => t(`instructions.outcome.${h.status as 'pending'}`) },
    { key: 'attempts', title: t('instructions.progress.attempts'), render: (h) => h.attempts },
  ];
  return <PagedTable query={(page) => unreachedQuery(id, { path, ...page })} resetKey={path} columns={columns} rowKey={(h) => h.householdId} testId="unreached-table" />;
}

/** The households under the node never reached, loaded only when opened. */
export function UnreachedList({ id, path }: { id: string; path: string }) {
  const { t } = useTranslation();
  return <Collapse style={{ marginTop: 12 }} destroyOnHidden items={[{ key: 'u', label: t('instructions.progress.unreached'), children: <List id={id} path={path} /> }]} />;
}
