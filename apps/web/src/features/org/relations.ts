import { useTranslation } from 'react-i18next';

/**
 * Relations to the head of household, as the API stores them (Chinese words, also used in import files).
 * The list mirrors the API's import rules; it belongs in @gongzhi/core so both sides share it.
 */
export const RELATIONS = ['户主', '配偶', '子女', '父母', '兄弟姐妹', '孙子女', '祖父母', '其他'] as const;
/** A relation to the head of household. */
export type Relation = (typeof RELATIONS)[number];

/** True when `s` is one of the known relations (older records may hold free text). */
export function isRelation(s: string): s is Relation {
  return (RELATIONS as readonly string[]).includes(s);
}

/** Shows a stored relation in the current language (unknown free text as it is). */
export function useRelationLabel(): (s: string) => string {
  const { t } = useTranslation();
  return (s) => (isRelation(s) ? t(`common.relation.${s}`) : s);
}
