/**
 * The shape every language must have: the same keys as the Chinese source, any string as the value.
 * Typing the English files with it makes a missing or misspelt key a compile error.
 */
export type Messages<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

/** The languages the console speaks; zh-CN is the default. */
export const UI_LANGUAGES = ['zh-CN', 'en'] as const;
/** A UI language. */
export type UiLanguage = (typeof UI_LANGUAGES)[number];
