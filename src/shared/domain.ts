/**
 * The domain vocabulary both the server and the web apps use (SPEC §1, §3, §4, §5).
 * Values are stable strings stored in the database and sent over the API.
 */

/** Area kinds of the one area tree (SPEC §1). */
export const AREA_KINDS = [
  'banner', // 旗 county
  'town', // 苏木镇 town / sumu, 一级网格
  'village', // 嘎查村社区 village (gacha) / community, 二级网格
  'unit_grid', // 单元网格 / 社组 pastoral & rural grid, ≤ 50 households
  'community_grid', // 网格 urban community grid
  'micro_grid', // 微网格, ≤ 15 households
  'enterprise_grid', // 企业专属网格
] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

/** Tree depth of each kind: banner 0 … micro-grid 4. */
export const AREA_DEPTH: Record<AreaKind, number> = {
  banner: 0,
  town: 1,
  village: 2,
  unit_grid: 3,
  community_grid: 3,
  enterprise_grid: 3,
  micro_grid: 4,
};

/** Kinds that are grids (where households and cases live). */
export const GRID_KINDS: readonly AreaKind[] = [
  'unit_grid',
  'community_grid',
  'enterprise_grid',
  'micro_grid',
];

/** Roles of SPEC §3: the "1+6+X" team and everyone else. */
export const ROLES = [
  'grid_chief', // 网格长: one-click dispatch 一键派单权
  'grid_guide', // 网格指导员: one-click decision 一键决策权
  'grid_inspector', // 网格纪检员: one-click supervision 一键督办权
  'grid_manager', // 网格管理员: one-click linkage 一键联动权, reminders 催办
  'police_officer', // 派驻警员
  'grid_worker', // 专职网格员
  'part_time_worker', // 兼职网格员
  'social_force', // X: 党员、乡贤、能人、五老、退役军人、社工、法律顾问…
  'resident', // 群众
  'department_handler', // 职能部门
  'centre_operator', // 综治中心受理员
  'leader', // 旗委政府
  'admin', // 管理员
] as const;
export type Role = (typeof ROLES)[number];

/** Handling levels of the five-level chain (SPEC §5). */
export const LEVELS = [1, 2, 3, 4, 5] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_NAMES: Record<Level, { zh: string; en: string }> = {
  1: { zh: '社组/网格', en: 'grid' },
  2: { zh: '嘎查村社区', en: 'village / community' },
  3: { zh: '苏木镇', en: 'town / sumu' },
  4: { zh: '旗综治中心', en: 'banner governance centre' },
  5: { zh: '旗委政府', en: 'banner party committee & government' },
};

/** Difficulty tiers (SPEC §7). */
export const DIFFICULTIES = ['simple', 'general', 'difficult', 'long_pending'] as const; // 简单 一般 疑难 积案
export type Difficulty = (typeof DIFFICULTIES)[number];

/** Case states of the six-step loop (SPEC §4). */
export const CASE_STATUSES = [
  'reported', // 1 信息采集: received, awaiting registration
  'registered', // 2 案件建立: a case at its level, awaiting dispatch
  'dispatched', // 3 任务派遣: assigned, awaiting the handler's acceptance
  'handling', // 4 事件处置
  'feedback', // 5 反馈督办: result reported, awaiting verification
  'verified', // 6 考评回访: verified, awaiting the return visit
  'visited', // return visit satisfied, awaiting archive
  'archived', // closed
  'suspended', // 挂账: clock stopped
  'rejected', // not accepted as a case
  'merged', // duplicate of another case
  'voided', // 作废
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which nothing more can happen. */
export const TERMINAL_STATUSES: readonly CaseStatus[] = ['archived', 'rejected', 'merged', 'voided'];

/** Statuses in which a case is being worked, its step clock running: not closed, not suspended. */
export const ACTIVE_STATUSES = [
  'reported',
  'registered',
  'dispatched',
  'handling',
  'feedback',
  'verified',
  'visited',
] as const satisfies readonly CaseStatus[];

/** Statuses in which a case still needs someone (worked, or suspended 挂账): not closed or set aside. */
export const OPEN_STATUSES = [...ACTIVE_STATUSES, 'suspended'] as const satisfies readonly CaseStatus[];

/** Why a case climbs a level (SPEC §5). */
export const ESCALATION_REASONS = ['mediation_failed', 'beyond_authority', 'overdue'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/** Where a report came from (SPEC §4 step 1). */
export const CASE_SOURCES = [
  'resident_app',
  'worker_app',
  'hotline',
  'department',
  'open311',
  'console',
] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/** The loop steps that have a deadline (SPEC §4): each open status runs one step's clock. */
export const LOOP_STEPS = ['register', 'dispatch', 'accept', 'handle', 'verify', 'visit'] as const;
export type LoopStep = (typeof LOOP_STEPS)[number];
