import { useTranslation } from 'react-i18next';

/** The ids a RangePicker gives its two inputs (antd takes `id={{ start, end }}`), so labels can point at them. */
export const rangeIds = (base: string) => ({ start: `${base}-start`, end: `${base}-end` });

/**
 * Screen-reader labels for the two inputs of an antd RangePicker (WCAG 1.3.1/4.1.2): antd names neither
 * input itself (an `aria-label` lands on the wrapper, a Form.Item label reaches one input at most), and a
 * placeholder is not a label. `skipStart` when a visible Form.Item label already points at the start input.
 */
export function RangeLabels({ base, label, skipStart = false }: { base: string; label: string; skipStart?: boolean }) {
  const { t } = useTranslation();
  const ids = rangeIds(base);
  return (
    <>
      {!skipStart && <label htmlFor={ids.start} className="gz-sr-only">{`${label} · ${t('common.range.start')}`}</label>}
      <label htmlFor={ids.end} className="gz-sr-only">{`${label} · ${t('common.range.end')}`}</label>
    </>
  );
}
