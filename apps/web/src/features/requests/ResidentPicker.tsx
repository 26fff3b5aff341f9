import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Page, ResidentView } from '../../api/types.ts';

/** Props of {@link ResidentPicker}; value/onChange make it a Form.Item control. */
export interface ResidentPickerProps {
  value?: string;
  onChange?: (id: string | undefined) => void;
}

/**
 * Finds a resident of the user's area by name (the API searches only within scope and answers with
 * masked numbers), for filing a request on their behalf.
 */
export function ResidentPicker({ value, onChange }: ResidentPickerProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<ResidentView[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    if (!q.trim()) return;
    const ctrl = new AbortController();
    // Wait for a pause in typing: one search per name, not one per keystroke.
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setLoading(true);
      api.get<Page<ResidentView>>('/api/v1/residents', { q: q.trim(), limit: 20 }, ctrl.signal)
        .then((p) => setRows(p.items))
        .catch(() => undefined)
        .finally(() => setLoading(false));
    }, 300);
    return () => {
      clearTimeout(timer.current);
      ctrl.abort();
    };
  }, [q]);

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      loading={loading}
      placeholder={t('newRequest.findResident')}
      notFoundContent={null}
      options={rows.map((r) => ({
        value: r.id,
        label: [r.name, r.regionName, r.address, r.phone].filter(Boolean).join(' · '),
      }))}
      data-testid="new-resident"
    />
  );
}
