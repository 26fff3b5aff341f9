import type { ReactNode } from 'react';
import {
  ApartmentOutlined, AuditOutlined, BarChartOutlined, CloudUploadOutlined, EditOutlined, FileTextOutlined, FormOutlined, ProfileOutlined,
  NotificationOutlined, BankOutlined, AccountBookOutlined, TagsOutlined, TeamOutlined, UserOutlined, UserAddOutlined,
  CommentOutlined, SoundOutlined, HomeOutlined, SafetyOutlined, GiftOutlined, CalendarOutlined, HeartOutlined, FlagOutlined,
} from '@ant-design/icons';
import type { Action } from '@gongzhi/core';

/** One entry of the side menu, shown only to those who may do `action` somewhere. */
export interface NavItem {
  path: string;
  labelKey: 'org' | 'residents' | 'import' | 'users' | 'audit' | 'requests' | 'newRequest' | 'dashboard' | 'categories' | 'report' | 'myRequests' | 'myData' | 'instructions' | 'myInstructions' | 'assemblies' | 'councils' | 'myCouncils' | 'noticeBoard' | 'notices' | 'panels' | 'funds' | 'projects' | 'visits' | 'visitReview' | 'visitCoverage' | 'accountLinks' | 'bank' | 'myBank' | 'activities' | 'activitiesManage' | 'volunteers' | 'myVolunteer' | 'party' | 'partyManage';
  action: Action;
  /**
   * Hidden from those who may do this: everyone may raise a request, but staff file theirs through
   * the work queue's form, so the resident-sized pages would only clutter their menu.
   */
  hideFor?: Action;
  icon: ReactNode;
}

/** The side menu, in order; the first entry a user may open is their start page. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/requests', labelKey: 'requests', action: 'request.read', icon: <ProfileOutlined /> },
  { path: '/requests/new', labelKey: 'newRequest', action: 'request.handle', icon: <FormOutlined /> },
  { path: '/dashboard', labelKey: 'dashboard', action: 'kpi.read', icon: <BarChartOutlined /> },
  { path: '/instructions', labelKey: 'instructions', action: 'instruction.read', icon: <NotificationOutlined /> },
  { path: '/tasks', labelKey: 'myInstructions', action: 'instruction.work', icon: <NotificationOutlined /> },
  { path: '/visits', labelKey: 'visits', action: 'visit.record', icon: <HomeOutlined /> },
  { path: '/visits/review', labelKey: 'visitReview', action: 'visit.review', icon: <AuditOutlined /> },
  { path: '/visits/coverage', labelKey: 'visitCoverage', action: 'visit.read', icon: <BarChartOutlined /> },
  { path: '/org', labelKey: 'org', action: 'region.read', icon: <ApartmentOutlined /> },
  { path: '/residents', labelKey: 'residents', action: 'people.read', icon: <TeamOutlined /> },
  { path: '/import', labelKey: 'import', action: 'import.run', icon: <CloudUploadOutlined /> },
  { path: '/users', labelKey: 'users', action: 'user.read', icon: <UserOutlined /> },
  { path: '/account-links', labelKey: 'accountLinks', action: 'people.write', icon: <UserAddOutlined /> },
  { path: '/audit', labelKey: 'audit', action: 'audit.read', icon: <AuditOutlined /> },
  { path: '/categories', labelKey: 'categories', action: 'category.manage', icon: <TagsOutlined /> },
  { path: '/report', labelKey: 'report', action: 'request.create', hideFor: 'request.read', icon: <EditOutlined /> },
  { path: '/my-requests', labelKey: 'myRequests', action: 'request.create', hideFor: 'request.read', icon: <FileTextOutlined /> },
  { path: '/my-data', labelKey: 'myData', action: 'request.create', hideFor: 'request.read', icon: <SafetyOutlined /> },
  // After the resident's two request pages, so their start page stays "反映问题".
  { path: '/assemblies', labelKey: 'assemblies', action: 'assembly.read', icon: <BankOutlined /> },
  { path: '/funds', labelKey: 'funds', action: 'fund.read', icon: <AccountBookOutlined /> },
  { path: '/projects', labelKey: 'projects', action: 'project.read', icon: <AccountBookOutlined /> },
  { path: '/bank', labelKey: 'bank', action: 'bank.read', icon: <GiftOutlined /> },
  { path: '/my-bank', labelKey: 'myBank', action: 'bank.use', icon: <GiftOutlined /> },
  { path: '/councils', labelKey: 'councils', action: 'council.read', hideFor: 'council.propose', icon: <CommentOutlined /> },
  { path: '/my-councils', labelKey: 'myCouncils', action: 'council.propose', icon: <CommentOutlined /> },
  { path: '/notice-board', labelKey: 'noticeBoard', action: 'council.read', icon: <SoundOutlined /> },
  { path: '/notices', labelKey: 'notices', action: 'council.read', icon: <SoundOutlined /> },
  { path: '/panels', labelKey: 'panels', action: 'panel.read', icon: <CommentOutlined /> },
  { path: '/activities/manage', labelKey: 'activitiesManage', action: 'activity.manage', icon: <CalendarOutlined /> },
  { path: '/activities', labelKey: 'activities', action: 'activity.join', hideFor: 'activity.manage', icon: <CalendarOutlined /> },
  { path: '/volunteers', labelKey: 'volunteers', action: 'volunteer.read', icon: <HeartOutlined /> },
  { path: '/volunteer', labelKey: 'myVolunteer', action: 'volunteer.register', icon: <HeartOutlined /> },
  { path: '/party/manage', labelKey: 'partyManage', action: 'party.read', icon: <FlagOutlined /> },
  { path: '/party', labelKey: 'party', action: 'party.report', icon: <FlagOutlined /> },
];

/** The menu entries this user may see. */
export function visibleNav(can: (a: Action) => boolean): NavItem[] {
  return NAV_ITEMS.filter((i) => can(i.action) && !(i.hideFor && can(i.hideFor)));
}

/** The menu entry a path belongs to (for highlighting), e.g. /org/regions/… → /org; the longest match wins. */
export function navKeyFor(pathname: string): string | undefined {
  const hits = NAV_ITEMS.filter((i) => pathname === i.path || pathname.startsWith(i.path + '/'));
  // /requests/new is its own entry, but /requests/<id> belongs to the queue.
  return hits.sort((a, b) => b.path.length - a.path.length)[0]?.path;
}
