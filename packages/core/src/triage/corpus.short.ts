/**
 * Short training requests, by category code: the few words typed on a phone in a hurry. Short
 * texts give the model few n-grams to go on, so a place word such as 小区 or 社区 can outweigh
 * the word that decides (停水 is a utility's business even when the whole compound is dry); these
 * teach it which is which.
 */
export const SHORT_TEXTS: Record<string, string[]> = {
  illegal_construction: ['小区里有人搭违建', '楼顶有违章建筑', '一楼私自扩建院墙', '举报违建，请城管处理'],
  street_order: ['小区门口有人占道摆摊', '路边小广告太多', '门店占道经营', '马路边烧烤摊占道'],
  construction_nuisance: ['小区旁边工地夜里施工', '工地半夜还在干活', '工地灰尘太大', '夜间施工扰民'],
  housing: ['楼房墙体开裂怕是危房', '老旧小区改造进度', '外墙砖掉下来了', '小区外墙脱落砸车'],
  municipal: ['小区外面马路上路灯不亮', '井盖坏了', '路面有大坑', '人行道砖塌了'],
  drainage: ['小区门口马路积水', '下水道冒污水', '路上积水太深', '雨水井堵了'],
  sanitation: ['路边垃圾没人收', '公厕没水冲', '街上垃圾桶满了', '公共厕所太臭'],
  public_security: ['小区里有小偷', '电动车被偷了', '被电信诈骗了', '楼下有人打架'],
  traffic: ['小区门口马路违停', '红绿灯坏了', '路口太堵了需要交警', '有人飙车'],
  civil_affairs: ['社区低保怎么申请', '高龄补贴没发', '残疾补贴怎么办', '独居老人需要救助'],
  health: ['社区医院看病难', '社区打疫苗怎么预约', '社区卫生站没有药', '黑诊所打针'],
  market: ['小区超市卖过期食品', '小区门口饭店不卫生', '商家缺斤少两', '健身卡退不了'],
  utilities: ['小区停水了', '我们小区停电了', '整个小区停暖了', '又停水了！', '小区没有燃气了', '整栋楼没电了', '小区自来水浑浊', '燃气泄漏了'],
  environment: ['小区旁边饭店油烟大', '小区旁工厂排废气', '河水发臭', '酒吧太吵了'],
  labour: ['老板欠薪', '单位不交社保', '失业金怎么领', '工资拖欠'],
  education: ['孩子上学报名', '学区怎么划分', '幼儿园学位不够', '学校乱收费'],
  corridor: ['楼道堆杂物', '楼道里电动车充电', '飞线充电太危险', '楼梯口堆东西'],
  compound_parking: ['小区停车难', '车位被占', '小区僵尸车', '电动车乱停'],
  pets: ['遛狗不拴绳', '狗屎没人捡', '狗叫扰民', '流浪猫太多'],
  neighbours: ['楼上太吵', '楼上漏水到我家', '邻居装修吵', '广场舞太吵'],
  greening: ['小区树要修剪', '绿地被种菜', '草坪没人管', '树挡阳光'],
  elevator: ['电梯坏了', '加装电梯', '电梯广告太吵', '电梯老是停'],
  compound_garbage: ['小区垃圾桶满了', '垃圾分类点太臭', '装修垃圾乱堆', '垃圾房太近'],
  property: ['物业不作为', '物业费太贵', '换物业', '业委会选举'],
  common_repairs: ['楼道灯坏了', '单元门坏了', '顶楼漏雨', '楼梯扶手坏了'],
  community_life: ['社区活动报名', '想当志愿者', '建议增加长椅', '活动室开放时间'],
  home_repair: ['马桶堵了', '家里水管漏了', '热水器坏了', '空调不制冷'],
  household_services: ['找保姆', '找搬家公司', '找钟点工', '请护工'],
  family: ['夫妻吵架', '孩子不听话', '家里分遗产', '婆媳矛盾'],
  finance_legal: ['房东不退押金', '信用卡还不上', '想贷款买房', '借钱不还'],
  life_services: ['宽带断了', '找家教', '宠物洗澡', '想买电视'],
};
