import { Grid } from 'antd';

/**
 * True below 768 px (antd's `md` breakpoint): grid workers use phones in the field, so there the menu
 * becomes a drawer and tables become card lists.
 */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined; assume a desktop until we know.
  return screens.md === false;
}
