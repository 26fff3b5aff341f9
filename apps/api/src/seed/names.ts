import type { Rng } from './random.ts';

// Common surnames with rough frequencies (per cent of the population), so names look like a real register.
const SURNAMES: [string, number][] = [
  ['王', 7.1], ['李', 7.0], ['张', 6.7], ['刘', 5.4], ['陈', 4.5], ['杨', 3.1], ['黄', 2.2], ['赵', 2.0], ['吴', 2.0], ['周', 1.9],
  ['徐', 1.5], ['孙', 1.5], ['马', 1.4], ['朱', 1.3], ['胡', 1.3], ['郭', 1.1], ['何', 1.1], ['高', 1.0], ['林', 1.0], ['罗', 1.0],
  ['郑', 0.9], ['梁', 0.9], ['谢', 0.8], ['宋', 0.7], ['唐', 0.7], ['许', 0.7], ['韩', 0.6], ['冯', 0.6], ['邓', 0.6], ['曹', 0.6],
  ['彭', 0.6], ['曾', 0.6], ['肖', 0.6], ['田', 0.5], ['董', 0.5], ['袁', 0.5], ['潘', 0.5], ['蒋', 0.5], ['蔡', 0.5], ['余', 0.5],
  ['杜', 0.4], ['叶', 0.4], ['程', 0.4], ['苏', 0.4], ['魏', 0.4], ['吕', 0.4], ['丁', 0.4], ['任', 0.4], ['沈', 0.4], ['姚', 0.3],
  ['卢', 0.3], ['廖', 0.3], ['钟', 0.3], ['付', 0.3], ['欧阳', 0.05], ['司马', 0.02], ['诸葛', 0.02],
];
// Given-name characters differ by generation: older residents carry names of their era.
const GIVEN_OLD_M = ['建国', '国强', '德明', '志刚', '文华', '永福', '长林', '家兴', '树森', '玉成', '光明', '振华', '明', '刚', '军', '平'];
const GIVEN_OLD_F = ['秀英', '桂兰', '淑珍', '玉兰', '凤英', '素芬', '丽华', '秀珍', '桂芳', '玉梅', '兰', '芳', '英', '琴'];
const GIVEN_MID_M = ['伟', '强', '磊', '勇', '涛', '斌', '杰', '鹏', '海波', '晓东', '志勇', '建华', '俊', '毅', '波', '宏伟'];
const GIVEN_MID_F = ['静', '丽', '敏', '燕', '艳', '娟', '霞', '红梅', '晓燕', '海燕', '丽娟', '雪梅', '婷', '莉', '倩', '蓉'];
const GIVEN_YOUNG_M = ['浩然', '子轩', '宇航', '博文', '梓豪', '俊熙', '一鸣', '思远', '睿', '宇', '晨', '轩', '皓', '铭', '昊天', '泽宇'];
const GIVEN_YOUNG_F = ['欣怡', '梓涵', '诗琪', '雨桐', '子涵', '可馨', '思彤', '语嫣', '佳怡', '一诺', '悦', '萱', '琳', '妍', '梦瑶', '若曦'];

/** A plausible Chinese name for someone of this sex born in this year. */
export function personName(rng: Rng, gender: 'male' | 'female', birthYear: number, surname?: string): string {
  const family = surname ?? rng.weighted(SURNAMES);
  const pool = birthYear < 1965
    ? (gender === 'male' ? GIVEN_OLD_M : GIVEN_OLD_F)
    : birthYear < 1995 ? (gender === 'male' ? GIVEN_MID_M : GIVEN_MID_F) : (gender === 'male' ? GIVEN_YOUNG_M : GIVEN_YOUNG_F);
  return family + rng.pick(pool);
}

/** The surname part of a full name (handles the compound surnames above). */
export function surnameOf(name: string): string {
  return SURNAMES.find(([s]) => s.length === 2 && name.startsWith(s))?.[0] ?? name.slice(0, 1);
}

/** Names for residential compounds (小区), streets and communities of the demo city. */
export const COMPOUND_NAMES = [
  '锦绣花园', '望江苑', '府河人家', '建设新村', '玉双小区', '猛追湾公寓', '香木林', '水岸华庭', '东郊记忆里', '二仙桥北苑', '杉板桥院落', '双林小区',
  '理想城', '万科城', '八里庄', '桂溪苑', '青龙湾', '五桂桥', '龙潭花园', '保和新居',
];
