import { Button, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { PageError } from '../../components/PageError.tsx';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable.tsx';
import { formatMinute } from '../../components/time.ts';
import { usePaging } from '../../components/usePaging.ts';
import { assembliesQuery, assemblyQuery } from './assembly.queries.ts';
import { useSession } from '../../shell/session.tsx';
import { AssemblyStateTag } from './AssemblyPage.tsx';
import { BallotCard } from './BallotCard.tsx';
import type { AssemblySummary } from './types.ts';

/** An open assembly's ballot, shown right on the list for an owner on its roll who has not voted. */
function InlineBallot({ id }: { id: string }) {
  const { data } = useQuery(assemblyQuery(id));
  if (!data?.mine || data.state !== 'voting') return null;
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}><Link to={`/assemblies/${id}`} data-testid="inline-ballot-link">{data.title}</Link></Typography.Title>
      <BallotCard assembly={data} />
    </div>
  );
}

/**
 * /assemblies — the assemblies of my area. An owner's open ballot comes first, on this very page,
 * so a vote is: menu → this page → choose → send. Staff see the list with a button to convene.
 */
export default function AssembliesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const paging = usePaging(20);
  // Not a PagedTable: the page's open ballots come from the same answer as the table.
  const { data, error, isFetching: loading, refetch } = useQuery(assembliesQuery({ limit: paging.limit, offset: paging.offset }));
  const manage = can('assembly.manage');
  const voting = (data?.items ?? []).filter((a) => a.state === 'voting').slice(0, 3);

  const columns: Column<AssemblySummary>[] = [
    { key: 'title', title: t('assembly.list.colTitle'), render: (a) => <Link to={`/assemblies/${a.id}`} data-testid="assembly-link">{a.title}</Link> },
    { key: 'state', title: t('assembly.list.colState'), render: (a) => <AssemblyStateTag state={a.state} /> },
    { key: 'compound', title: t('assembly.list.colCompound'), render: (a) => a.region.name },
    { key: 'window', title: t('assembly.list.colWindow'), render: (a) => `${formatMinute(a.opensAt)} – ${formatMinute(a.closesAt)}` },
  ];

  return (
    <div data-testid="assemblies-page">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
        <Typography.Title level={2} style={{ margin: 0 }}>{t('assembly.list.title')}</Typography.Title>
        {manage && (
          <Link to="/assemblies/new"><Button type="primary" icon={<PlusOutlined />} data-testid="assembly-create">{t('assembly.list.create')}</Button></Link>
        )}
      </div>
      {!manage && can('assembly.vote') && voting.map((a) => <InlineBallot key={a.id} id={a.id} />)}
      {error ? <PageError error={error} onRetry={() => void refetch()} /> : (
        <ResponsiveTable
          rowKey={(a) => a.id} rowHref={(a) => `/assemblies/${a.id}`} columns={columns} rows={data?.items} loading={loading} testId="assembly-list"
          paging={{ current: paging.current, pageSize: paging.pageSize, onChange: paging.onChange, total: data?.total ?? 0 }}
        />
      )}
    </div>
  );
}
