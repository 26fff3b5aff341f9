import { useState } from 'react';
import { TreeSelect } from 'antd';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RegionSummary } from '../api/types.ts';
import { regionQuery, regionsQuery } from '../features/org/org.queries.ts';

const ROOT = '';

interface Node {
  id: string;
  pId: string | null;
  region: RegionSummary;
}

/** Props of {@link RegionTreeSelect}; `value`/`onChange` make it usable inside an antd Form.Item. */
export interface RegionTreeSelectProps {
  value?: string | null;
  onChange?: (id: string | undefined, region?: RegionSummary) => void;
  /** Which regions may be chosen; others can still be opened to reach their children. */
  selectable?: (r: RegionSummary) => boolean;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: React.CSSProperties;
  testId?: string;
  /** The box's accessible name when no form label names it; defaults to the placeholder. */
  'aria-label'?: string;
}

/**
 * Picks a region from the organisation tree, loading each level only when it is opened: a city has
 * 120,000 micro-grids, far too many to send at once.
 */
export function RegionTreeSelect(props: RegionTreeSelectProps) {
  const { value, onChange, selectable, placeholder, allowClear = true, disabled, style, testId } = props;
  const { t } = useTranslation();
  const qc = useQueryClient();
  // Parents opened by the user ('' for the roots); each level is one cached query.
  const [opened, setOpened] = useState<string[]>([ROOT]);
  const nodesOf = (parents: readonly string[], levels: readonly (RegionSummary[] | undefined)[]): Node[] => {
    const seen = new Set<string>();
    const out: Node[] = [];
    parents.forEach((p, i) => {
      for (const r of levels[i] ?? []) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        out.push({ id: r.id, pId: p === ROOT ? null : p, region: r });
      }
    });
    return out;
  };
  const own = useQueries({ queries: opened.map((p) => regionsQuery(p === ROOT ? null : p)), combine: (rs) => rs.map((r) => r.data) });
  const ownNodes = nodesOf(opened, own);
  // A value set from outside (a link with ?regionId=) may sit deep in the tree: its ancestors' levels
  // are opened too, so the box shows the region's name rather than its id. Unknown or out of scope:
  // the box simply shows nothing chosen.
  const chase = useQuery({ ...regionQuery(value ?? ''), enabled: Boolean(value) && ownNodes.length > 0 && !ownNodes.some((n) => n.id === value) });
  const extra = (chase.data?.ancestors ?? []).map((a) => a.id).filter((id) => !opened.includes(id));
  const chased = useQueries({ queries: extra.map((p) => regionsQuery(p)), combine: (rs) => rs.map((r) => r.data) });
  const nodes = nodesOf([...opened, ...extra], [...own, ...chased]);

  const open = async (parentId: string) => {
    setOpened((prev) => (prev.includes(parentId) ? prev : [...prev, parentId]));
    // Shares the fetch the new level's query starts; a failure lets the next opening try again.
    await qc.fetchQuery(regionsQuery(parentId)).catch(() => undefined);
  };

  const treeData = nodes.map((n) => ({
    id: n.id,
    pId: n.pId,
    value: n.id,
    title: `${n.region.name} · ${t(`common.level.${n.region.level}`)}`,
    isLeaf: n.region.counts.children === 0,
    selectable: selectable ? selectable(n.region) : true,
  }));

  return (
    <TreeSelect
      data-testid={testId}
      style={{ minWidth: 220, ...style }}
      value={value && nodes.some((n) => n.id === value) ? value : undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined, nodes.find((n) => n.id === v)?.region)}
      treeDataSimpleMode={{ id: 'id', pId: 'pId' }}
      treeData={treeData}
      loadData={(node) => open(String(node.value))}
      placeholder={placeholder ?? t('common.regionSelect.placeholder')}
      // A screen reader must hear what the box is for even where no <label> points at it.
      aria-label={props['aria-label'] ?? placeholder ?? t('common.regionSelect.placeholder')}
      allowClear={allowClear}
      disabled={disabled}
      showSearch
      treeNodeFilterProp="title"
      popupMatchSelectWidth={false}
    />
  );
}
