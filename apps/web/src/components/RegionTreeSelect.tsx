import { useCallback, useEffect, useRef, useState } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { RegionDetail, RegionSummary } from '../api/types.ts';

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
}

/**
 * Picks a region from the organisation tree, loading each level only when it is opened: a city has
 * 120,000 micro-grids, far too many to send at once.
 */
export function RegionTreeSelect(props: RegionTreeSelectProps) {
  const { value, onChange, selectable, placeholder, allowClear = true, disabled, style, testId } = props;
  const { t } = useTranslation();
  const [nodes, setNodes] = useState<Node[]>([]);
  const loaded = useRef(new Set<string>());
  const chased = useRef<string | null>(null);

  const addChildren = useCallback(async (parentId: string | null) => {
    const key = parentId ?? '';
    if (loaded.current.has(key)) return;
    loaded.current.add(key);
    try {
      const rows = await api.get<RegionSummary[]>('/api/v1/regions', parentId ? { parentId } : undefined);
      setNodes((prev) => {
        const have = new Set(prev.map((n) => n.id));
        return [...prev, ...rows.filter((r) => !have.has(r.id)).map((r) => ({ id: r.id, pId: parentId, region: r }))];
      });
    } catch {
      loaded.current.delete(key); // let the next opening try again
    }
  }, []);

  useEffect(() => {
    void addChildren(null);
  }, [addChildren]);

  // A value set from outside (a link with ?regionId=) may sit deep in the tree: open the path to it so
  // the box shows the region's name rather than its id.
  useEffect(() => {
    if (!value || nodes.length === 0 || chased.current === value || nodes.some((n) => n.id === value)) return;
    chased.current = value; // once per value, however often the node list grows meanwhile
    void (async () => {
      try {
        const d = await api.get<RegionDetail>(`/api/v1/regions/${value}`);
        for (const a of d.ancestors) await addChildren(a.id);
      } catch {
        // Unknown or out of scope: the box simply shows nothing chosen.
      }
    })();
  }, [value, nodes, addChildren]);

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
      loadData={(node) => addChildren(String(node.value))}
      placeholder={placeholder ?? t('common.regionSelect.placeholder')}
      allowClear={allowClear}
      disabled={disabled}
      showSearch
      treeNodeFilterProp="title"
      popupMatchSelectWidth={false}
    />
  );
}
