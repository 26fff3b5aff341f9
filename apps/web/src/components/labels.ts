import { useTranslation } from 'react-i18next';
import { formatHundredths, ROLE_LABELS, RESIDENT_TAG_LABELS, type ResidentTag, type Role } from '@gongzhi/core';
import type { UiLanguage } from '../i18n/types.ts';

/** The UI language as the core label tables key it. */
export function useUiLanguage(): UiLanguage {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** Role and tag names in the current language, from the tables in @gongzhi/core. */
export function useDomainLabels() {
  const lang = useUiLanguage();
  return {
    role: (r: Role) => ROLE_LABELS[r]?.[lang] ?? r,
    tag: (t: ResidentTag) => RESIDENT_TAG_LABELS[t]?.[lang] ?? t,
  };
}

/**
 * Formats an area held as integer 0.01 m² ("85.32"): integer arithmetic only, because a float here would
 * turn an owner's vote weight into 85.31999.
 */
export function formatArea(centiM2: number): string {
  return formatHundredths(centiM2, { thousands: true });
}

/** Shortens a long id or digest for a table cell: the first `n` characters and an ellipsis. */
export function shorten(s: string | null | undefined, n = 8): string {
  if (!s) return '';
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
