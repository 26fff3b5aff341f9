import { useCallback, useImperativeHandle, useState, type Ref } from 'react';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Empty, Space, Spin, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RegionSummary } from '../../api/types.ts';
import { LevelTag } from '../../components/LevelTag.tsx';
import { orgKeys, regionsQuery } from './org.queries.ts';

/** What the region pages may ask of the tree after they change something. */
export interface RegionTreeHandle {
  /** Opens these regions (top down), loading what is missing, so a page opened by link shows where it sits. */
  expandTo: (ids: readonly string[]) => void;
}

const ROOT = '';

/** A single root (a community secretary's community) is shown open straight away. */
function openedAtFirst(roots: readonly RegionSummary[] | undefined): string[] {
  return roots?.length === 1 && roots[0]!.counts.children > 0 ? [roots[0]!.id] : [];
}

/**
 * The organisation tree of the user's scope, each level fetched when it is opened. Each node shows its
 * name, level and counts, so a secretary sees at a glance where the people are.
 */
export function RegionTree(props: { selectedId?: string; onSelect: (r: RegionSummary) => void; ref?: Ref<RegionTreeHandle> }) {
  const { selectedId, onSelect, ref } = props;
  const { t } = useTranslation();
  const qc = useQueryClient();
  // The parents whose children are shown ('' for the roots); each is one cached query, so a write in
  // the register (which invalidates `orgKeys.all`) refreshes every open level by itself.
  const [opened, setOpened] = useState<string[]>([ROOT]);
  // null until the user (or a page) opens something: until then the single root is shown open.
  const [expandedState, setExpanded] = useState<string[] | null>(null);
  const results = useQueries({ queries: opened.map((p) => ({ ...regionsQuery(p === ROOT ? null : p) })) });
  // Children by parent id; a level that failed (404 above the user's scope) simply stays out.
  const children: Record<string, RegionSummary[]> = Object.fromEntries(opened.flatMap((p, i) => {
    const r = results[i];
    if (r?.data) return [[p, r.data]];
    return p === ROOT && r?.isError ? [[ROOT, []]] : [];
  }));
  const roots = children[ROOT];
  const expanded = expandedState ?? openedAtFirst(roots);

  const open = useCallback(async (parentId: string) => {
    setOpened((prev) => (prev.includes(parentId) ? prev : [...prev, parentId]));
    // Shares the fetch the new level's query starts; resolves when its children are there.
    await qc.fetchQuery(regionsQuery(parentId)).catch(() => undefined);
  }, [qc]);

  useImperativeHandle(ref, () => ({
    expandTo: (ids) => {
      void (async () => {
        // Ancestors above the user's scope answer 404; they are skipped and simply stay out of the tree.
        for (const id of ids) await open(id);
        setExpanded((prev) => [...new Set([...(prev ?? openedAtFirst(qc.getQueryData(orgKeys.regions(null)))), ...ids])]);
      })();
    },
  }), [open, qc]);

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

  if (!roots) return <Spin />;
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
          if (!children[String(node.key)]) await open(String(node.key));
        }}
        onSelect={(_, info) => {
          const r = byId(String(info.node.key));
          if (r) onSelect(r);
        }}
      />
    </div>
  );
}
