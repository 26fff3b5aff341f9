import { useQueries, useQuery } from '@tanstack/react-query';
import { BankOutlined, BellOutlined, StarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { HomeTile } from '../components/HomeTile.tsx';
import { gz, unwrap } from '../api/client.ts';
import { unreadCountQuery } from '../features/inbox/inbox.queries.ts';
import { requestsQuery } from '../features/requests/requests.queries.ts';
import { assemblyQuery } from '../features/assembly/assembly.queries.ts';
import { useSession } from './session.tsx';

/** Assemblies now voting in the person's area, only for those who may vote at all. */
function useVotingAssemblies(enabled: boolean) {
  const list = useQuery({
    // Under the assembly feature's key, so a ballot cast marks it stale with the rest.
    queryKey: ['assemblies', 'voting-for-home'],
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/assemblies', { params: { query: { state: 'voting', limit: 5, offset: 0 } }, signal })),
    enabled,
  });
  // The list does not say who is on each roll; the detail's `mine` does (few assemblies vote at once).
  const details = useQueries({ queries: (list.data?.items ?? []).map((a) => ({ ...assemblyQuery(a.id), enabled })) });
  return details.flatMap((d) => (d.data?.mine && d.data.matters.some((m) => !(m.id in d.data!.mine!.cast)) ? [d.data] : []));
}

/**
 * What needs a resident now, as big cards on their start page: new messages, a reply waiting for
 * their rating, an owners' vote they have not finished. Nothing shows when nothing needs them, so the
 * page stays the two big buttons an older resident knows.
 */
export function NeedsYou() {
  const { t } = useTranslation();
  const { can } = useSession();
  const unread = useQuery(unreadCountQuery()).data?.unread ?? 0;
  const toRate = useQuery({ ...requestsQuery({ mine: 'true', state: 'replied', limit: 5, offset: 0 }), enabled: can('request.create') }).data?.items ?? [];
  const votes = useVotingAssemblies(can('assembly.vote'));
  return (
    <div data-testid="needs-you" style={{ marginTop: 8 }}>
      {votes.map((a) => (
        <HomeTile key={a.id} to={`/assemblies/${a.id}`} icon={<BankOutlined />} title={t('inbox.home.vote', { title: a.title })} hint={t('inbox.home.voteHint', { date: a.closesAt.slice(0, 10) })} testId="home-vote" primary />
      ))}
      {toRate.map((r) => (
        <HomeTile key={r.id} to={`/my-requests/${r.id}`} icon={<StarOutlined />} title={t('inbox.home.rate', { number: r.number })} hint={t('inbox.home.rateHint')} testId="home-rate" />
      ))}
      <HomeTile to="/inbox" icon={<BellOutlined />} title={t('inbox.homeCard')} hint={unread > 0 ? t('inbox.homeCardUnread', { count: unread }) : t('inbox.homeCardNone')} testId="home-inbox" primary={unread > 0} />
    </div>
  );
}
