import type { CSSProperties, ReactNode } from 'react';

/**
 * A white box with antd Card's look, for the pages a phone opens first (sign-in, 反映问题). antd's Card
 * imports Tabs for its optional tab list, and Tabs its overflow Dropdown and Menu: about 15 kB of
 * compressed script a resident would download on every cold visit for a box with a border.
 */
export function Panel({ children, style, testId }: { children: ReactNode; style?: CSSProperties; testId?: string }) {
  return <div className="gz-panel" style={style} data-testid={testId}>{children}</div>;
}
