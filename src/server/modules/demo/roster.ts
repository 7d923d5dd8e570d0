/**
 * The demo accounts: one for every role of SPEC §3 at every level of the story — banner (B), 乌审召镇
 * (T), its first gacha 巴音敖包嘎查 (V), that gacha's unit grids PG and PG2 — and two in the seat.
 * All share DEMO_PASSWORD and are marked as demo passwords, so a production start refuses them.
 */
import type { Role } from '../../../shared/domain.ts';
import { DEMO_CODES } from './layout.ts';

/** The password every demo account has (printed by seed-demo). */
export const DEMO_PASSWORD = 'zhizhi-demo-2026';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  /** Code of the area the role is scoped to. */
  areaCode: string | null;
  departmentCode: string | null;
  /** Free title (e.g. 五老 for a social force, 司法所 for the town's judicial office). */
  title?: string;
}

const B = DEMO_CODES.banner;
const T = DEMO_CODES.storyTown;
const V = DEMO_CODES.storyVillage;
const PG = DEMO_CODES.pastoralGrid;
const PG2 = DEMO_CODES.otherGrid;

const account = (
  username: string,
  displayName: string,
  role: Role,
  areaCode: string | null,
  departmentCode: string | null = null,
  title?: string,
): DemoAccount => ({ username, displayName, role, areaCode, departmentCode, ...(title ? { title } : {}) });

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  // 旗 banner
  account('admin', '系统管理员 王磊', 'admin', B),
  account('leader', '旗委政府领导 张建国', 'leader', B),
  account('banner.operator', '旗综治中心受理员 李娜', 'centre_operator', B),
  account('banner.guide', '旗级网格指导员 刘志强', 'grid_guide', B),
  account('banner.inspector', '旗纪检员 赵敏', 'grid_inspector', B),
  account('dept.natres', '自然资源局 陈刚', 'department_handler', B, 'natural_resources'),
  account('dept.forestry', '林草局 乌云', 'department_handler', B, 'forestry_grassland'),
  account('dept.justice', '司法局 周琳', 'department_handler', B, 'justice'),
  // 乌审召镇 town
  account('town.operator', '镇综治中心受理员 高娃', 'centre_operator', T),
  account('town.guide', '镇级网格指导员 孟和', 'grid_guide', T),
  account('town.inspector', '镇纪检员 吴磊', 'grid_inspector', T),
  account('town.judicial', '司法所 斯琴', 'department_handler', T, 'justice', '司法所'),
  // 巴音敖包嘎查 gacha
  account('village.operator', '嘎查综治中心受理员 萨仁', 'centre_operator', V),
  account('village.guide', '嘎查网格指导员 额尔敦', 'grid_guide', V),
  account('village.inspector', '嘎查纪检员 杨帆', 'grid_inspector', V),
  account('village.elder', '五老 达来', 'social_force', V, null, '五老'),
  // 一社 unit grid PG
  account('grid.chief', '网格长 巴图', 'grid_chief', PG),
  account('grid.guide', '网格指导员 朝鲁', 'grid_guide', PG),
  account('grid.manager', '网格管理员 其木格', 'grid_manager', PG),
  account('grid.worker', '网格员 巴特尔', 'grid_worker', PG),
  account('grid.parttime', '兼职网格员 阿拉腾', 'part_time_worker', PG),
  account('grid.police', '派驻警员 王海', 'police_officer', PG),
  // 二社 unit grid PG2
  account('grid2.chief', '网格长 苏和', 'grid_chief', PG2),
  account('grid2.guide', '网格指导员 哈斯', 'grid_guide', PG2),
  account('grid2.worker', '网格员 图雅', 'grid_worker', PG2),
  // residents
  account('herder', '牧民 宝音', 'resident', PG),
  account('resident2', '牧民 乌日娜', 'resident', PG2),
  // 嘎鲁图镇, the seat
  account('galutu.operator', '嘎鲁图镇综治中心受理员 刘芳', 'centre_operator', DEMO_CODES.galutu),
  account('galutu.worker', '社区网格员 张丽', 'grid_worker', DEMO_CODES.galutuCommunityGrid),
];

/** A made-up 11-digit mobile number for the n-th demo account. */
export function demoPhone(n: number): string {
  return `139477${String(10_001 + n).padStart(5, '0')}`;
}
