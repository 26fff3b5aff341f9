import type { ThemeConfig } from 'antd';

/** The two elder-mode type sizes (MIIT 适老化 asks for adjustable, larger text). */
export const ELDER_SIZES = { large: 18, xlarge: 22 } as const;
/** An elder-mode type size. */
export type ElderSize = keyof typeof ELDER_SIZES;

// antd's default greys and status colours are too pale to read (secondary text 3.3:1, warning 1.9:1):
// every text colour here reaches WCAG AA's 4.5:1 on white and on the light fills antd draws behind it.
const base: ThemeConfig['token'] = {
  colorPrimary: '#1d5fd1',
  // antd derives links and info from its own blue (#1677ff, 4.1:1 on white) unless told otherwise.
  colorInfo: '#1d5fd1',
  colorLink: '#1d5fd1',
  borderRadius: 6,
  colorTextSecondary: '#595959',
  colorTextTertiary: '#595959',
  colorTextDescription: '#595959',
  colorTextPlaceholder: '#6b6b6b',
  colorSuccess: '#237804',
  colorWarning: '#ad5b00',
  colorError: '#c4101f',
};

/** A switch at WCAG 2.5.8's 24 px (it sits beside its own label), no wider than antd's default. */
const SWITCH = { trackHeight: 24, handleSize: 20, trackMinWidth: 44 };

/** The smallest control in normal mode: 44 px (WCAG 2.5.5), so a finger on a phone hits it. */
const TAP = 44;

/**
 * The antd theme for the current mode. Elder mode follows the MIIT web accessibility spec: larger
 * type, line height ≥ 1.3 (1.6 here), dark text on white with a strong primary (contrast well above
 * 4.5:1), and 48 px controls so that shaky fingers still hit them.
 */
export function buildTheme(elder: boolean, size: ElderSize): ThemeConfig {
  if (!elder) return { token: { ...base, controlHeight: TAP, controlHeightSM: TAP, controlHeightLG: 48 }, components: { Switch: SWITCH, Pagination: { itemSize: TAP, itemSizeSM: TAP } } };
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
      // Tags and alerts tint their fill from these; derived from the dark text colours above they came out
      // grey-green (#899183), under 3:1 behind the text. The light tints keep the text above 7:1.
      colorSuccessBg: '#f6ffed',
      colorWarningBg: '#fffbe6',
      colorErrorBg: '#fff2f0',
      colorInfoBg: '#e6f4ff',
      fontSize,
      fontSizeSM: fontSize - 2,
      fontSizeLG: fontSize + 2,
      lineHeight: 1.6,
      controlHeight: 48,
      controlHeightSM: 48,
      controlHeightLG: 56,
    },
    components: {
      Menu: { itemHeight: 56 },
      Switch: SWITCH,
      Pagination: { itemSize: 48, itemSizeSM: 48 },
      Table: { cellPaddingBlock: 14 },
    },
  };
}
