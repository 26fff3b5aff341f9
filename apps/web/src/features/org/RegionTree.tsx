import { useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { Empty, Space, Spin, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { RegionSummary } from '../../api/types.ts';
import { LevelTag } from '../../components/LevelTag.tsx';

/** What the region pages may ask of the tree after they change something. */
export interface RegionTreeHandle {
  /** Loads the children of `parentId` again (null: the roots). */
  refresh: (parentId: string | null) => void;
  /** Opens these regions (top down), loading what is missing, so a page opened by link shows where it sits. */
  expandTo: (ids: readonly string[]) => void;
}

const ROOT = '';

/**
 * The organisation tree of the user's scope, each level fetched when it is opened. Each node shows its
 * name, level and counts, so a secretary sees at a glance where the people are.
 */
export function RegionTree(props: { selectedId?: string; onSelect: (r: RegionSummary) => void; ref?: Ref<RegionTreeHandle> }) {
  const { selectedId, onSelect, ref } = props;
  const { t } = useTranslation();
  // Children by parent id ('' for the roots); undefined means not loaded yet.
  const [children, setChildren] = useState<Record<string, RegionSummary[]>>({});
  const [expanded, setExpanded] = useState<string[]>([]);
  const [loadingRoots, setLoadingRoots] = useState(true);

  const loadedRef = useRef(children);
  loadedRef.current = children;

  const load = useCallback(async (parentId: string | null) => {
    const rows = await api.get<RegionSummary[]>('/api/v1/regions', parentId ? { parentId } : undefined);
    setChildren((prev) => ({ ...prev, [parentId ?? ROOT]: rows }));
    return rows;
  }, []);

  useEffect(() => {
    load(null)
      .then((roots) => {
        // A single root (a community secretary's community) is opened straight away.
        if (roots.length === 1 && roots[0]!.counts.children > 0) setExpanded([roots[0]!.id]);
      })
      .catch(() => setChildren((prev) => ({ ...prev, [ROOT]: [] })))
      .finally(() => setLoadingRoots(false));
  }, [load]);

  useImperativeHandle(ref, () => ({
    refresh: (parentId) => void load(parentId).catch(() => undefined),
    expandTo: (ids) => {
      void (async () => {
        // Ancestors above the user's scope answer 404; they are skipped and simply stay out of the tree.
        for (const id of ids) if (!loadedRef.current[id]) await load(id).catch(() => undefined);
        setExpanded((prev) => [...new Set([...prev, ...ids])]);
      })();
    },
  }), [load]);

  const build = (parentKey: string): TreeDataNode[] =>
    (children[parentKey] ?? []).map((r) => ({
      key: r.id,
      isLeaf: r.counts.children === 0,
      children: children[r.id] ? build(r.id) : undefined,
      title: (
        <Space size={4} wrap data-testid="region-node" data-region-id={r.id}>
          <span>{r.name}</span>
          <LevelTag level={r.level} />
          {r.retired && <Tag>{t('org.region.retired')}</Tag>}
          <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
            {t('org.tree.counts', { households: r.counts.households, residents: r.counts.residents })}
          </Typography.Text>
        </Space>
      ),
    }));

  if (loadingRoots) return <Spin />;
  const treeData = build(ROOT);
  if (!treeData.length) return <Empty description={t('org.tree.empty')} />;

  const byId = (id: string) => Object.values(children).flat().find((r) => r.id === id);
  return (
    <div data-testid="region-tree">
      <Tree
        treeData={treeData}
        blockNode
        expandedKeys={expanded}
        onExpand={(keys) => setExpanded(keys.map(String))}
        selectedKeys={selectedId ? [selectedId] : []}
        loadData={async (node) => {
          if (!children[String(node.key)]) await load(String(node.key)).catch(() => undefined);
        }}
        onSelect={(_, info) => {
          const r = byId(String(info.node.key));
          if (r) onSelect(r);
        }}
      />
    </div>
  );
}
