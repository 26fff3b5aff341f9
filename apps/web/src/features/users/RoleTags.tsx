import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { GrantView } from '../../api/types.ts';
import { useDomainLabels } from '../../components/labels.ts';

/** A user's roles as "role · scope" tags. */
export function RoleTags({ grants }: { grants: readonly GrantView[] }) {
  const { t } = useTranslation();
  const labels = useDomainLabels();
  if (!grants.length) return <span>{t('users.noGrants')}</span>;
  return (
    <Space size={[4, 4]} wrap>
      {grants.map((g, i) => (
        <Tag key={g.id ?? i} color="blue" data-role={g.role}>
          {labels.role(g.role)}
          {' · '}
          {g.regionName ?? g.organisationName ?? t('users.scopeGlobal')}
        </Tag>
      ))}
    </Space>
  );
}
