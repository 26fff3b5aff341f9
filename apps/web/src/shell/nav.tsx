import type { ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, CloudUploadOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import type { Action } from '@gongzhi/core';

/** One entry of the side menu, shown only to those who may do `action` somewhere. */
export interface NavItem {
  path: string;
  labelKey: 'org' | 'residents' | 'import' | 'users' | 'audit';
  action: Action;
  icon: ReactNode;
}

/** The side menu, in order. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/org', labelKey: 'org', action: 'region.read', icon: <ApartmentOutlined /> },
  { path: '/residents', labelKey: 'residents', action: 'people.read', icon: <TeamOutlined /> },
  { path: '/import', labelKey: 'import', action: 'import.run', icon: <CloudUploadOutlined /> },
  { path: '/users', labelKey: 'users', action: 'user.read', icon: <UserOutlined /> },
  { path: '/audit', labelKey: 'audit', action: 'audit.read', icon: <AuditOutlined /> },
];

/** The menu entry a path belongs to (for highlighting), e.g. /org/regions/… → /org. */
export function navKeyFor(pathname: string): string | undefined {
  return NAV_ITEMS.find((i) => pathname === i.path || pathname.startsWith(i.path + '/'))?.path;
}
