import { Badge } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { unreadCountQuery } from './inbox.queries.ts';

/** The bell in the top bar: the unread count, one tap to the inbox. Every signed-in person has one. */
export function InboxBell() {
  const { t } = useTranslation();
  const count = useQuery(unreadCountQuery()).data?.unread ?? 0;
  return (
    <Link to="/inbox" data-testid="inbox-bell" aria-label={t('inbox.bellCount', { count })} className="gz-tap" style={{ justifyContent: 'center' }}>
      <span data-testid="inbox-count" data-count={count}>
        <Badge count={count} overflowCount={99} size="small">
          <BellOutlined style={{ fontSize: 'calc(var(--gz-font-size) + 6px)' }} aria-hidden />
        </Badge>
      </span>
    </Link>
  );
}
