/** Error codes of party members (党员). */
export const PARTY_ERRORS = {
  PARTY_NOT_MEMBER: { status: 403, 'zh-CN': '只有登记的党员可以报到', en: 'Only registered party members can report' },
  PARTY_ALREADY_REPORTED: { status: 409, 'zh-CN': '您已向社区报到（或报到待确认），同一时间只能在一个社区报到', en: 'You have already reported (or a report awaits confirmation); a member reports to one community at a time' },
  PARTY_REPORT_NOT_FOUND: { status: 404, 'zh-CN': '找不到该报到单', en: 'Report not found' },
  PARTY_REPORT_NOT_PENDING: { status: 409, 'zh-CN': '该报到单已处理', en: 'This report has already been handled' },
  PARTY_NOT_REPORTED: { status: 409, 'zh-CN': '请先向社区报到并经确认', en: 'Report to the community and have it confirmed first' },
  PARTY_NEED_NOT_FOUND: { status: 404, 'zh-CN': '找不到该需求', en: 'Need not found' },
  PARTY_NEED_FULL: { status: 409, 'zh-CN': '该需求已认领满额', en: 'Every place of this need is taken' },
  PARTY_NEED_CLAIMED: { status: 409, 'zh-CN': '您已认领该需求', en: 'You have already claimed this need' },
  PARTY_CLAIM_NOT_FOUND: { status: 404, 'zh-CN': '找不到该认领', en: 'Claim not found' },
  PARTY_CLAIM_DONE: { status: 409, 'zh-CN': '该服务已记为完成', en: 'This service is already marked done' },
  PARTY_NOT_COMMUNITY: { status: 422, 'zh-CN': '请选择一个社区', en: 'Choose a community' },
  PARTY_RULE_UNKNOWN: { status: 422, 'zh-CN': '积分细则中没有“{rule}”', en: 'The points catalogue has no rule “{rule}”' },
  PARTY_ENTRY_NOT_FOUND: { status: 404, 'zh-CN': '找不到该积分记录', en: 'Points entry not found' },
  PARTY_ENTRY_REVERSED: { status: 409, 'zh-CN': '该积分记录已冲正（或本身是冲正记录），不能再次冲正', en: 'This entry has already been reversed (or is itself a reversal)' },
  PARTY_RANKING_PUBLISHED: { status: 409, 'zh-CN': '该社区本半年度的红黑榜已发布', en: 'The red and black lists of this half-year are already published for this community' },
  PARTY_RANKING_EARLY: { status: 409, 'zh-CN': '该半年度尚未开始，不能发布红黑榜', en: 'The half-year has not begun; it has no lists to publish' },
} as const satisfies Record<string, { status: number; 'zh-CN': string; en: string }>;
