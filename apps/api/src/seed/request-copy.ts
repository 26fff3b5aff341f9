import type { Matter } from '@gongzhi/core';
import type { Rng } from './random.ts';

/**
 * Words for the demo city's request history (demo data): replies by class of matter, referrals of
 * private matters, reasons for turning a request away, and what residents say when they rate.
 */
// What a handler answers: by category where the work is specific, otherwise by class of matter.
const BY_CATEGORY: Record<string, string[]> = {
  corridor: ['网格员已上门协调，楼道杂物已清理，飞线已拆除，楼道恢复畅通。', '已联系当事住户自行清理，物业复查已清理完毕。'],
  common_repairs: ['已联系物业维修，公共部位已修复，费用由公共收益列支。', '物业已更换损坏部件，经复查使用正常。'],
  neighbours: ['已召集相关住户协商，达成一致意见并签订了邻里公约。', '社区调解员已上门调解，双方已达成谅解。'],
  pets: ['已张贴文明养宠提示并安排志愿者劝导，近期情况明显好转。', '网格员已上门提醒犬主拴绳并清理粪便，将持续关注。'],
  compound_parking: ['物业已重新划定车位并加强巡查，占道车辆已挪走。', '已在议事会上讨论停车方案，按商定方案实施。'],
  construction_nuisance: ['已协调施工单位调整作业时间，夜间不再施工，扬尘已覆盖。'],
  municipal: ['已通知市政养护单位，路灯（井盖）已修复，经复查正常。'],
  drainage: ['市政已疏通排水管道，积水已排除，将在雨季加强巡查。'],
  utilities: ['已转交水电气服务单位抢修，现已恢复供应。'],
  sanitation: ['环卫所已安排清运，点位已清理干净，并增加清扫频次。'],
  street_order: ['城管已现场劝离占道经营，并纳入重点巡查点位。'],
  traffic: ['交警已到场处理，并将该路段纳入违停巡查。'],
};
const REPLIES: Record<Exclude<Matter, 'private'>, string[]> = {
  big: [
    '已联系主管部门现场核实并处理完毕，后续将加强日常巡查。',
    '经现场查看，问题属实，已责令相关单位限期整改，目前已整改到位。',
    '已转交责任单位办理，办理结果已电话告知您本人。',
    '经核查，已依法依规处理，并将持续跟进。',
  ],
  small: [
    '网格员现场查看后已督促相关方整改，已整改完毕。',
    '社区已在议事会上讨论此事，按商定方案实施完毕。',
    '物业已按要求整改，社区将每周检查一次。',
  ],
};

const REFERRALS = [
  '此事属于个人事务，已告知可联系的家政、维修服务机构及联系方式。',
  '已为您推荐社区合作的便民服务社，可按市场价预约上门服务。',
  '已告知法律援助中心和社区律师值班时间，可带材料前往咨询。',
  '已提供有资质的服务机构名单，供您自行选择。',
];

const REJECTIONS = [
  '经核实，该问题不在本辖区范围内，已告知正确的反映渠道。',
  '所反映内容信息不全，多次联系未果，暂不予受理，欢迎补充后再次反映。',
  '该事项已进入司法程序，请按司法途径处理。',
];

const VERIFY_NOTES = ['已回访现场，问题已解决。', '网格员复查，情况属实已处理。', '经核查办理结果属实。'];

const COMMENTS: Record<number, string[]> = {
  5: ['处理很及时，谢谢！', '网格员很负责，点赞', '当天就解决了，非常满意', '服务态度很好'],
  4: ['解决了，就是慢了一点', '基本满意', '处理结果可以'],
  3: ['问题解决了一半', '等得有点久', '希望以后能更快'],
  2: ['拖了很久才处理', '只是临时处理，没有根本解决'],
  1: ['问题还在，没有解决', '打了几次电话才有人管'],
};

const REOPEN_NOTES = ['问题又出现了，请再处理一下', '并没有真正解决，过两天又坏了'];

/** A reply for a category, or for its class of matter. */
export const replyFor = (rng: Rng, code: string, matter: Matter): string => rng.pick(BY_CATEGORY[code] ?? REPLIES[matter === 'private' ? 'small' : matter]);
export const referralNote = (rng: Rng): string => rng.pick(REFERRALS);
export const rejectionReason = (rng: Rng): string => rng.pick(REJECTIONS);
export const verifyNote = (rng: Rng): string => rng.pick(VERIFY_NOTES);
export const reopenNote = (rng: Rng): string => rng.pick(REOPEN_NOTES);
/** A comment for a rating, or none (most residents only tap the stars). */
export const ratingComment = (rng: Rng, rating: number): string | null => (rng.chance(0.4) ? rng.pick(COMMENTS[rating]!) : null);
