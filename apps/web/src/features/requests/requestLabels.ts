import { useTranslation } from 'react-i18next';
import {
  MATTER_LABELS, REQUEST_EVENT_LABELS, REQUEST_STATE_LABELS, type Matter, type RequestEvent, type RequestState,
} from '@gongzhi/core';
import { useUiLanguage } from '../../components/labels.ts';
import { zh } from './requests.i18n.ts';

type OtherKind = keyof typeof zh.timeline.kinds;
const isEvent = (k: string): k is RequestEvent => k in REQUEST_EVENT_LABELS;
const isOtherKind = (k: string): k is OtherKind => k in zh.timeline.kinds;

/**
 * Names of states, events, matter classes and timeline entries in the current language. States,
 * events and classes come from @gongzhi/core so that every channel names them alike.
 */
export function useRequestLabels() {
  const lang = useUiLanguage();
  const { t } = useTranslation();
  const event = (e: RequestEvent) => REQUEST_EVENT_LABELS[e]?.[lang] ?? e;
  return {
    state: (s: RequestState) => REQUEST_STATE_LABELS[s]?.[lang] ?? s,
    event,
    matter: (m: Matter) => MATTER_LABELS[m]?.[lang] ?? m,
    /** A request's category in the current language. */
    category: (c: { name: string; nameEn: string }) => (lang === 'en' ? c.nameEn : c.name),
    /** A timeline entry's kind: an event, or one of the entries that do not move the state. */
    kind: (k: string) => (isEvent(k) ? event(k) : isOtherKind(k) ? t(`requests.timeline.kinds.${k}`) : k),
  };
}

/** Percent with no decimals ("87%"), or "—" for a rate without a denominator. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)}%`;
}
