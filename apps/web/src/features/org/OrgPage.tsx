import { useEffect, useMemo, useRef } from 'react';
import { Outlet, useMatch, useNavigate, useOutletContext } from 'react-router';
import { Card, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { RegionTree, type RegionTreeHandle } from './RegionTree.tsx';
import { useIsMobile } from '../../components/useIsMobile.ts';

/** What the pages under /org receive from the tree beside them. */
export interface OrgOutletContext {
  /** Opens the tree down to a page's region (its ancestors' ids, top down). */
  revealInTree: (ids: readonly string[]) => void;
}

const NOOP: OrgOutletContext = { revealInTree: () => undefined };

/** The tree beside the pages under /org (no-ops on phones, where the tree is not shown). */
export function useOrgTree(): OrgOutletContext {
  return useOutletContext<OrgOutletContext | undefined>() ?? NOOP;
}

/** Opens the tree down to these regions whenever the list changes (by content, not identity). */
export function useRevealInTree(ids: readonly string[] | undefined): void {
  const { revealInTree } = useOrgTree();
  const key = ids?.join(',') ?? '';
  useEffect(() => {
    if (key) revealInTree(key.split(','));
  }, [key, revealInTree]);
}

/**
 * /org: the tree on the left and the chosen record on the right. The tree stays mounted while the right
 * side changes, so what was opened stays open. Phones show one or the other.
 */
export default function OrgPage() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const atIndex = useMatch('/org') !== null;
  const selected = useMatch('/org/regions/:id')?.params.id;
  const tree = useRef<RegionTreeHandle>(null);

  const ctx = useMemo<OrgOutletContext>(
    () => ({
      revealInTree: (ids) => tree.current?.expandTo(ids),
    }),
    [],
  );
  const treeCard = (
    <Card title={t('org.tree.title')} size="small" styles={{ body: { overflowX: 'auto' } }}>
      <RegionTree ref={tree} selectedId={selected} onSelect={(r) => navigate(`/org/regions/${r.id}`)} />
    </Card>
  );

  if (mobile) return atIndex ? treeCard : <Outlet context={ctx} />;
  return (
    <Row gutter={16} wrap={false}>
      <Col flex="0 0 360px" style={{ maxWidth: 420 }}>
        {treeCard}
      </Col>
      <Col flex="1 1 auto" style={{ minWidth: 0 }}>
        <Outlet context={ctx} />
      </Col>
    </Row>
  );
}
