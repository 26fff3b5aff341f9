import type { ReactNode } from 'react';
import { Breadcrumb } from 'antd';
import { Link } from 'react-router';
import type { Ancestor } from '../../api/types.ts';
import { useSignedIn } from '../../shell/session.tsx';
import { canOpenRegion } from './scope.ts';

/**
 * The path from the district down to the current page. Ancestors above the user's scope show as plain
 * text, because opening them would only say "not found".
 */
export function RegionBreadcrumb({ ancestors, current }: { ancestors: readonly Ancestor[]; current?: ReactNode }) {
  const session = useSignedIn();
  const items = ancestors.map((a) => ({
    key: a.id,
    title: canOpenRegion(session, a.code) ? <Link to={`/org/regions/${a.id}`}>{a.name}</Link> : a.name,
  }));
  if (current) items.push({ key: 'current', title: <>{current}</> });
  return <Breadcrumb items={items} style={{ marginBottom: 12 }} data-testid="breadcrumb" />;
}
