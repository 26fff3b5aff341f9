/**
 * Roles and what each may do: one declarative table that the API's `authorize()` enforces and the
 * web reads to show only what may be done.
 */
export const ROLES = [
  'resident', 'owner', 'grid_worker', 'community_worker', 'community_secretary', 'street_officer',
  'district_officer', 'department_handler', 'party_member', 'social_org', 'partner', 'supervisor',
  'auditor', 'system_admin',
] as const;
export type Role = (typeof ROLES)[number];

/** What a role assignment is bound to: a region subtree, an organisation, or nothing (the whole platform). */
export type RoleBinding = 'region' | 'organisation' | 'global';

export const ROLE_BINDING: Record<Role, RoleBinding> = {
  resident: 'region', owner: 'region', grid_worker: 'region', community_worker: 'region',
  community_secretary: 'region', street_officer: 'region', district_officer: 'region',
  department_handler: 'organisation', party_member: 'region', social_org: 'organisation',
  partner: 'organisation', supervisor: 'region', auditor: 'region', system_admin: 'global',
};

/** Role names shown to people, zh-CN then English. */
export const ROLE_LABELS: Record<Role, { 'zh-CN': string; en: string }> = {
  resident: { 'zh-CN': '居民', en: 'Resident' },
  owner: { 'zh-CN': '业主', en: 'Owner' },
  grid_worker: { 'zh-CN': '网格员', en: 'Grid worker' },
  community_worker: { 'zh-CN': '社区工作者', en: 'Community worker' },
  community_secretary: { 'zh-CN': '社区书记', en: 'Community secretary' },
  street_officer: { 'zh-CN': '街道干部', en: 'Street officer' },
  district_officer: { 'zh-CN': '区级干部', en: 'District officer' },
  department_handler: { 'zh-CN': '职能部门经办人', en: 'Department handler' },
  party_member: { 'zh-CN': '党员', en: 'Party member' },
  social_org: { 'zh-CN': '社会组织', en: 'Social organisation' },
  partner: { 'zh-CN': '社区合伙人', en: 'Community partner' },
  supervisor: { 'zh-CN': '监督委员', en: 'Supervisor' },
  auditor: { 'zh-CN': '审计员（只读）', en: 'Auditor (read-only)' },
  system_admin: { 'zh-CN': '系统管理员', en: 'System administrator' },
};

/**
 * Staff roles see the people and places of their region subtree. Residents, owners and party members
 * are bound to where they live but see only their own records, never their neighbours'.
 */
export const STAFF_ROLES: readonly Role[] = [
  'grid_worker', 'community_worker', 'community_secretary', 'street_officer', 'district_officer',
  'supervisor', 'auditor', 'system_admin',
];

/** Every action the foundation knows; features add theirs here. */
export const ACTIONS = [
  'region.read', 'region.manage',
  'people.read', 'people.write', 'pii.reveal',
  'import.run', 'export.run',
  'org.read', 'org.manage',
  'user.read', 'user.manage',
  'audit.read',
  'request.create', 'request.read', 'request.sort', 'request.handle', 'request.supervise', 'category.manage', 'kpi.read',
  'open311.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

const FRONTLINE: Role[] = ['grid_worker', 'community_worker', 'community_secretary'];

/** Which roles may perform each action (within the scope of their binding). */
export const PERMISSIONS: Record<Action, readonly Role[]> = {
  'region.read': [...STAFF_ROLES, 'department_handler'],
  'region.manage': ['community_secretary', 'street_officer', 'district_officer', 'system_admin'],
  'people.read': STAFF_ROLES,
  'people.write': [...FRONTLINE, 'system_admin'],
  // Grid and community workers call and visit people; officers above them work with masked data.
  'pii.reveal': [...FRONTLINE, 'system_admin'],
  'import.run': ['community_worker', 'community_secretary', 'system_admin'],
  'export.run': [...FRONTLINE, 'street_officer', 'district_officer', 'system_admin'],
  'org.read': [...STAFF_ROLES, 'department_handler', 'social_org', 'partner'],
  'org.manage': ['community_secretary', 'street_officer', 'district_officer', 'system_admin'],
  'user.read': ['community_secretary', 'street_officer', 'district_officer', 'auditor', 'system_admin'],
  'user.manage': ['community_secretary', 'street_officer', 'district_officer', 'system_admin'],
  'audit.read': ['auditor', 'system_admin'],
  // Anyone signed in may raise a request: residents for themselves, staff on a resident's behalf.
  'request.create': ROLES,
  'request.read': [...STAFF_ROLES, 'department_handler'],
  // Sorting (三事分流) is the community's and the offices' job; departments receive what is sorted.
  'request.sort': ['community_worker', 'community_secretary', 'street_officer', 'district_officer', 'system_admin'],
  'request.handle': [...FRONTLINE, 'street_officer', 'district_officer', 'department_handler', 'system_admin'],
  // Approving extensions and watching escalations belongs to the level above the handlers.
  'request.supervise': ['community_secretary', 'street_officer', 'district_officer', 'supervisor', 'system_admin'],
  'category.manage': ['district_officer', 'system_admin'],
  'kpi.read': [...STAFF_ROLES, 'department_handler'],
  // Open311 keys let outside systems file requests into a district: the district answers for them.
  'open311.manage': ['district_officer', 'system_admin'],
};

/** True when `role` may perform `action` at all (scope is checked separately). */
export function roleAllows(role: Role, action: Action): boolean {
  return PERMISSIONS[action].includes(role);
}

/** Rank of authority, used so nobody grants a role above their own. */
export const ROLE_RANK: Record<Role, number> = {
  resident: 0, owner: 0, party_member: 0, social_org: 1, partner: 1, department_handler: 2,
  grid_worker: 2, supervisor: 2, auditor: 3, community_worker: 3, community_secretary: 4,
  street_officer: 5, district_officer: 6, system_admin: 9,
};
