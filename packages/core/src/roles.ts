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
  'council.read', 'council.manage', 'council.propose', 'council.object',
  'notice.manage', 'notice.object',
  'panel.read', 'panel.manage', 'panel.score',
  'assembly.read', 'assembly.manage', 'assembly.vote',
  'instruction.issue', 'instruction.read', 'instruction.work',
  'fund.read', 'fund.manage', 'fund.approve', 'fund.ask', 'fund.answer',
  'visit.record', 'visit.read', 'visit.review', 'visit.configure',
  'project.read', 'project.propose', 'project.sort', 'project.manage', 'project.vote', 'project.configure',
  'bank.use', 'bank.read', 'bank.manage',
  'activity.join', 'activity.manage',
  'volunteer.register', 'volunteer.read', 'volunteer.manage', 'volunteer.record', 'volunteer.review', 'volunteer.configure',
  'party.report', 'party.read', 'party.manage', 'party.points',
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
  // Councils (议事会): staff run them in their scope; residents read the councils where they live,
  // propose and co-sign agenda items there, and object to resolutions on public notice.
  'council.read': [...STAFF_ROLES, 'resident', 'owner', 'party_member'],
  'council.manage': [...FRONTLINE, 'street_officer', 'district_officer', 'system_admin'],
  'council.propose': ['resident', 'owner', 'party_member'],
  'council.object': ['resident', 'owner', 'party_member'],
  // Public notices (公示): anyone reads the board without signing in; residents of the notice's area
  // object while its window runs; staff of the area answer every objection.
  'notice.manage': [...FRONTLINE, 'street_officer', 'district_officer', 'system_admin'],
  'notice.object': ['resident', 'owner', 'party_member'],
  // Scoring panels (评审小组): staff of the area set a panel up and enter scores for members scoring on
  // paper; the panel's members score for themselves (membership is checked on the panel, not by role);
  // supervisors and auditors read them.
  'panel.read': STAFF_ROLES,
  'panel.manage': [...FRONTLINE, 'street_officer', 'district_officer', 'system_admin'],
  'panel.score': ROLES,
  // Owners' assemblies (业主大会): staff convene them and enter paper ballots; whoever lives in the
  // compound may read them; casting is further limited to people on the frozen roll of owners.
  'assembly.read': [...STAFF_ROLES, 'resident', 'owner', 'party_member'],
  'assembly.manage': [...FRONTLINE, 'street_officer', 'district_officer', 'system_admin'],
  'assembly.vote': ['resident', 'owner', 'party_member'],
  // Instructions to every door (指令): offices and communities issue them down their subtree; staff
  // above the micro-grid follow progress; grid workers acknowledge and record their households.
  'instruction.issue': ['community_secretary', 'street_officer', 'district_officer', 'system_admin'],
  'instruction.read': ['community_worker', 'community_secretary', 'street_officer', 'district_officer', 'auditor', 'supervisor', 'system_admin'],
  'instruction.work': ['grid_worker'],
  // Community money (社区基金, 保障资金, 信托制物业): anyone may read the public pages; staff of the
  // fund's region keep the books; a second person (secretary or officer) approves each expense.
  'fund.read': [...STAFF_ROLES, 'department_handler'],
  'fund.manage': [...FRONTLINE, 'street_officer', 'district_officer', 'system_admin'],
  'fund.approve': ['community_secretary', 'street_officer', 'district_officer', 'system_admin'],
  'fund.ask': ROLES,
  'fund.answer': [...FRONTLINE, 'street_officer', 'district_officer', 'system_admin'],
  // Household visits (走访): grid and community workers visit and log; community staff review proposed
  // changes to household records; offices above follow coverage; communities and offices set the rules.
  'visit.record': FRONTLINE,
  'visit.read': STAFF_ROLES,
  'visit.review': ['community_worker', 'community_secretary', 'system_admin'],
  'visit.configure': ['community_secretary', 'street_officer', 'district_officer', 'system_admin'],
  // Community projects (社区项目, e管家): residents propose, co-sign and vote where they live; social
  // organisations propose anywhere; the party organisation (the secretary) sorts proposals into a
  // draft list; community staff record hearings, send the list to the council and run the vote;
  // districts set the caps and priority areas.
  'project.read': [...STAFF_ROLES, 'resident', 'owner', 'party_member', 'social_org'],
  'project.propose': ['resident', 'owner', 'party_member', 'social_org'],
  'project.sort': ['community_secretary', 'system_admin'],
  'project.manage': ['community_worker', 'community_secretary', 'street_officer', 'district_officer', 'system_admin'],
  'project.vote': ['resident', 'owner', 'party_member'],
  'project.configure': ['district_officer', 'system_admin'],
  // The charity bank (公益银行): residents keep, give, donate and spend their own points; staff of an
  // office's region read its books and run its catalogue, orders, priority list and honour rolls.
  'bank.use': ['resident', 'owner', 'party_member'],
  'bank.read': [...STAFF_ROLES],
  'bank.manage': [...FRONTLINE, 'street_officer', 'district_officer', 'system_admin'],
  // Activities (社区活动): anyone signed in finds and joins the activities where they live (the
  // activity's audience narrows it further); community staff and offices organise them in their area.
  'activity.join': ROLES,
  'activity.manage': [...FRONTLINE, 'street_officer', 'district_officer', 'system_admin'],
  // Volunteers (志愿服务): people of the register sign themselves up; the community verifies them and
  // keeps their teams; organisers record hours, which a second member of staff approves before they count.
  'volunteer.register': ['resident', 'owner', 'party_member'],
  'volunteer.read': STAFF_ROLES,
  'volunteer.manage': ['community_worker', 'community_secretary', 'system_admin'],
  'volunteer.record': [...FRONTLINE, 'street_officer', 'district_officer', 'system_admin'],
  'volunteer.review': ['community_worker', 'community_secretary', 'street_officer', 'district_officer', 'system_admin'],
  'volunteer.configure': ['community_secretary', 'street_officer', 'district_officer', 'system_admin'],
  // Party members (双报到, 1112, 积分制): a member reports to the community where they live and claims
  // its needs; community staff confirm reports, publish needs and mark services done; the secretary
  // (or an office above) keeps the points and publishes the red and black lists.
  'party.report': ['party_member'],
  'party.read': STAFF_ROLES,
  'party.manage': ['community_worker', 'community_secretary', 'street_officer', 'district_officer', 'system_admin'],
  'party.points': ['community_secretary', 'street_officer', 'district_officer', 'system_admin'],
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
