import { zh } from './import.i18n.ts';

/** A column of the register as the preview names it (issue.field and the sample's keys). */
export type ImportFieldKey = keyof typeof zh.field;

/** True when the API's field name is one we have a label for (new columns fall back to the raw name). */
export function isImportField(s: string): s is ImportFieldKey {
  return Object.hasOwn(zh.field, s);
}
