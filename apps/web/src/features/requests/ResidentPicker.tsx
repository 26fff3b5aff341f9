import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { residentsQuery } from '../residents/residents.queries.ts';

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
  // Wait for a pause in typing: one search per name, not one per keystroke.
  const [typed, setTyped] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setTyped(q.trim()), 300);
    return () => clearTimeout(timer);
  }, [q]);
  // An emptied box keeps the last answer, as the list stays open with what was found.
  const { data, isFetching: loading } = useQuery({ ...residentsQuery({ q: typed, limit: 20, offset: 0 }), enabled: typed !== '' });
  const rows = data?.items ?? [];

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      loading={loading}
      placeholder={t('newRequest.findResident')} aria-label={t('newRequest.findResident')}
      notFoundContent={null}
      options={rows.map((r) => ({
        value: r.id,
        label: [r.name, r.regionName, r.address, r.phone].filter(Boolean).join(' · '),
      }))}
      data-testid="new-resident"
    />
  );
}
