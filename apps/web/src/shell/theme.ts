import type { ThemeConfig } from 'antd';

/** The two elder-mode type sizes (MIIT 适老化 asks for adjustable, larger text). */
export const ELDER_SIZES = { large: 18, xlarge: 22 } as const;
/** An elder-mode type size. */
export type ElderSize = keyof typeof ELDER_SIZES;

const base: ThemeConfig['token'] = {
  colorPrimary: '#1d5fd1',
  borderRadius: 6,
};

/**
 * The antd theme for the current mode. Elder mode follows the MIIT web accessibility spec: larger
 * type, line height ≥ 1.3 (1.6 here), dark text on white with a strong primary (contrast well above
 * 4.5:1), and 48 px controls so that shaky fingers still hit them.
 */
export function buildTheme(elder: boolean, size: ElderSize): ThemeConfig {
  if (!elder) return { token: base };
  const fontSize = ELDER_SIZES[size];
  return {
    token: {
      ...base,
      colorPrimary: '#003a99',
      colorLink: '#003a99',
      colorTextBase: '#000000',
      colorText: '#111111',
      colorTextSecondary: '#2b2b2b',
      colorTextTertiary: '#3a3a3a',
      colorTextDescription: '#2b2b2b',
      colorTextPlaceholder: '#555555',
      colorBorder: '#5c5c5c',
      colorBgLayout: '#ffffff',
      colorError: '#a8071a',
      colorSuccess: '#135200',
      colorWarning: '#874d00',
      fontSize,
      fontSizeSM: fontSize - 2,
      fontSizeLG: fontSize + 2,
      lineHeight: 1.6,
      controlHeight: 48,
      controlHeightSM: 40,
      controlHeightLG: 56,
    },
    components: {
      Menu: { itemHeight: 56 },
      Table: { cellPaddingBlock: 14 },
    },
  };
}
