import { PROJECTS_ERRORS } from './errors/projects.ts';
import { MONEY_ERRORS } from './errors/money.ts';
import { DELIVERY_ERRORS } from './errors/delivery.ts';
import { TENDER_ERRORS } from './errors/tender.ts';
import { PARTY_ERRORS } from './errors/party.ts';
import { PARTICIPATION_ERRORS } from './errors/participation.ts';
import { FUNDS_ERRORS } from './errors/funds.ts';
import { COUNCILS_ERRORS } from './errors/councils.ts';
import { REQUESTS_ERRORS } from './errors/requests.ts';
import { FIELD_ERRORS } from './errors/field.ts';
import { ORG_ERRORS } from './errors/org.ts';
import { PLATFORM_ERRORS } from './errors/platform.ts';

/**
 * Stable error codes: the one list the API throws and the web understands.
 * Each code has its HTTP status and a message in every supported language; `{name}` placeholders are
 * filled from the error's params.
 *
 * The codes live by feature in `errors/<feature>.ts`; a code appears in one file only (a duplicate
 * key would silently win here, so `errors.test.ts` checks every file's keys are disjoint).
 */
export const ERRORS = {
  ...PROJECTS_ERRORS,
  ...MONEY_ERRORS,
  ...DELIVERY_ERRORS,
  ...TENDER_ERRORS,
  ...PARTY_ERRORS,
  ...PARTICIPATION_ERRORS,
  ...FUNDS_ERRORS,
  ...COUNCILS_ERRORS,
  ...REQUESTS_ERRORS,
  ...FIELD_ERRORS,
  ...ORG_ERRORS,
  ...PLATFORM_ERRORS,
} as const satisfies Record<string, { status: number; 'zh-CN': string; en: string }>;

/** A stable error code. */
export type ErrorCode = keyof typeof ERRORS;

/** Languages the platform speaks; zh-CN is the default. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The message for `code` in `lang`, with `{name}` placeholders filled from `params`. */
export function errorMessage(code: ErrorCode, lang: Language, params: Record<string, unknown> = {}): string {
  return ERRORS[code][lang].replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    // A parameter may itself be worded per language: { 'zh-CN': '…', en: '…' }.
    if (v && typeof v === 'object' && lang in v) return String((v as Record<string, unknown>)[lang]);
    return String(v ?? '');
  });
}

/** Picks the language from an Accept-Language header: English when it prefers en, else zh-CN. */
export function negotiateLanguage(header: string | undefined | null): Language {
  if (!header) return 'zh-CN';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...ps] = part.trim().split(';');
      const q = ps.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
