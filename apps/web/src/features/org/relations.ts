import { useTranslation } from 'react-i18next';
import { isRelation } from '@gongzhi/core';

export { RELATIONS } from '@gongzhi/core';

/** Shows a stored relation in the current language (unknown free text as it is). */
export function useRelationLabel(): (s: string) => string {
  const { t } = useTranslation();
  return (s) => (isRelation(s) ? t(`common.relation.${s}`) : s);
}
