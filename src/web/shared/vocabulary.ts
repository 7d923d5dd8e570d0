/**
 * The one vocabulary of domain labels every app shows (issue 7 #17): case statuses, roles, handling
 * levels, traffic lights, difficulty tiers, report channels, workflow actions and history events, in
 * Chinese, English and traditional Mongolian. Apps spread `vocabularyOf(lang)` into their
 * dictionaries (keys `status.<status>`, `role.<role>`, `level.<n>`, `light.<light>`,
 * `difficulty.<tier>`, `source.<source>`, `action.<action>`, `event.<event>`) and define none of
 * these labels themselves, so one status, action or event has one name in every app.
 */
import {
  CASE_SOURCES,
  CASE_STATUSES,
  type CaseSource,
  type CaseStatus,
  DIFFICULTIES,
  type Difficulty,
  LEVELS,
  type Level,
  ROLES,
  type Role,
} from '../../shared/domain.ts';
import type { ActionName, EventType } from './codes.ts';

/** A label in the three interface languages. */
export interface Label {
  zh: string;
  en: string;
  mn: string;
}

/** A label shown to staff only (Mongolian falls back to Chinese where none is given). */
export interface StaffLabel {
  zh: string;
  en: string;
  mn?: string;
}

/** 案件状态: each status named by what it waits for (SPEC §4). */
export const STATUS_LABELS: Record<CaseStatus, Label> = {
  reported: { zh: '待受理', en: 'Awaiting registration', mn: 'ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠭᠰᠠᠨ' },
  registered: { zh: '待派遣', en: 'Awaiting dispatch', mn: 'ᠪᠦᠷᠢᠳᠬᠡᠭᠰᠡᠨ' },
  dispatched: { zh: '待接收', en: 'Awaiting acceptance', mn: 'ᠳᠠᠭᠠᠯᠭᠠᠪᠠ' },
  handling: { zh: '处置中', en: 'Being handled', mn: 'ᠰᠢᠢᠳᠪᠦᠷᠢᠯᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ' },
  feedback: { zh: '待核查', en: 'Awaiting verification', mn: 'ᠪᠠᠲᠤᠯᠠᠬᠤ ᠶᠢ ᠬᠦᠯᠢᠶᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ' },
  verified: { zh: '待回访', en: 'Awaiting return visit', mn: 'ᠲᠠᠨ ᠤ ᠦᠨᠡᠯᠡᠯᠲᠡ ᠶᠢ ᠬᠦᠯᠢᠶᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ' },
  visited: { zh: '待归档', en: 'Awaiting archive', mn: 'ᠦᠨᠡᠯᠡᠭᠰᠡᠨ' },
  archived: { zh: '已办结', en: 'Closed', mn: 'ᠳᠠᠭᠤᠰᠪᠠ' },
  suspended: { zh: '挂账', en: 'Suspended', mn: 'ᠲᠦᠷ ᠵᠣᠭᠰᠣᠭᠠᠭᠰᠠᠨ' },
  rejected: { zh: '不予受理', en: 'Not accepted', mn: 'ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠭᠰᠠᠨ ᠦᠭᠡᠢ' },
  merged: { zh: '已合并', en: 'Merged', mn: 'ᠨᠡᠢᠯᠡᠭᠦᠯᠦᠭᠰᠡᠨ' },
  voided: { zh: '已作废', en: 'Voided', mn: 'ᠬᠦᠴᠦᠨ ᠦᠭᠡᠢ ᠪᠣᠯᠭᠠᠭᠰᠠᠨ' },
};

/** Handling levels of the five-level chain (SPEC §5). */
export const LEVEL_LABELS: Record<Level, Label> = {
  1: { zh: '社组/网格', en: 'Grid', mn: 'ᠰᠦᠯᠵᠢᠶ᠎ᠡ' },
  2: { zh: '嘎查村社区', en: 'Village (gacha) / community', mn: 'ᠭᠠᠴᠠᠭ᠎ᠠ' },
  3: { zh: '苏木镇', en: 'Town (sumu)', mn: 'ᠰᠤᠮᠤ ᠪᠠᠯᠭᠠᠰᠤ' },
  4: { zh: '旗综治中心', en: 'Banner governance centre', mn: 'ᠬᠣᠰᠢᠭᠤᠨ ᠤ ᠵᠠᠰᠠᠭ ᠤᠨ ᠲᠥᠪ' },
  5: {
    zh: '旗委政府',
    en: 'Banner party committee and government',
    mn: 'ᠬᠣᠰᠢᠭᠤᠨ ᠤ ᠨᠠᠮ ᠤᠨ ᠬᠣᠷᠢᠶ᠎ᠠ ᠪᠠ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ',
  },
};

/** Roles of SPEC §3. */
export const ROLE_LABELS: Record<Role, StaffLabel> = {
  grid_chief: { zh: '网格长', en: 'Grid chief', mn: 'ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠶᠢᠨ ᠳᠠᠷᠤᠭ᠎ᠠ' },
  grid_guide: { zh: '网格指导员', en: 'Grid guide', mn: 'ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠶᠢᠨ ᠵᠢᠭᠠᠨ ᠵᠠᠭᠤᠯᠠᠭᠴᠢ' },
  grid_inspector: { zh: '网格纪检员', en: 'Discipline inspector', mn: 'ᠰᠠᠬᠢᠯᠭ᠎ᠠ ᠪᠠᠢᠴᠠᠭᠠᠭᠴᠢ' },
  grid_manager: { zh: '网格管理员', en: 'Grid manager', mn: 'ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠶᠢᠨ ᠵᠠᠬᠢᠷᠤᠭᠴᠢ' },
  police_officer: { zh: '派驻警员', en: 'Stationed police officer', mn: 'ᠰᠠᠭᠤᠤᠷᠢᠨ ᠴᠠᠭᠳᠠᠭ᠎ᠠ' },
  grid_worker: { zh: '专职网格员', en: 'Full-time grid worker', mn: 'ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠶᠢᠨ ᠠᠵᠢᠯᠲᠠᠨ' },
  part_time_worker: { zh: '兼职网格员', en: 'Part-time grid worker', mn: 'ᠬᠠᠪᠰᠤᠷᠤᠭ᠎ᠠ ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠶᠢᠨ ᠠᠵᠢᠯᠲᠠᠨ' },
  social_force: { zh: '社会力量', en: 'Social force', mn: 'ᠨᠡᠶᠢᠭᠡᠮ ᠦᠨ ᠬᠦᠴᠦᠨ' },
  resident: { zh: '群众', en: 'Resident', mn: 'ᠠᠷᠠᠳ' },
  department_handler: { zh: '职能部门', en: 'Department handler', mn: 'ᠴᠢᠭᠤᠯᠭᠠᠨ ᠤ ᠬᠡᠯᠲᠡᠰ' },
  centre_operator: { zh: '综治中心受理员', en: 'Centre operator', mn: 'ᠨᠡᠶᠢᠲᠡ ᠶᠢᠨ ᠵᠠᠰᠠᠯ ᠤᠨ ᠲᠥᠪ' },
  leader: { zh: '旗委政府领导', en: 'Banner leader', mn: 'ᠤᠳᠤᠷᠢᠳᠤᠯᠭ᠎ᠠ' },
  admin: { zh: '管理员', en: 'Administrator', mn: 'ᠵᠠᠬᠢᠷᠤᠭᠴᠢ' },
};

/** The traffic light of an open step (SPEC §4): under 80 %, 80–100 %, past the time limit. */
export const LIGHTS = ['green', 'yellow', 'red'] as const;
export type Light = (typeof LIGHTS)[number];
export const LIGHT_LABELS: Record<Light, StaffLabel> = {
  green: { zh: '正常', en: 'On time', mn: 'ᠨᠣᠭᠣᠭᠠᠨ ᠭᠡᠷᠡᠯ · ᠬᠡᠪ ᠦᠨ' },
  yellow: { zh: '临期', en: 'Due soon', mn: 'ᠰᠢᠷ᠎ᠠ ᠭᠡᠷᠡᠯ · ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠳᠦᠬᠦᠷᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ' },
  red: { zh: '超期', en: 'Overdue', mn: 'ᠤᠯᠠᠭᠠᠨ ᠭᠡᠷᠡᠯ · ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠬᠡᠲᠦᠷᠡᠭᠰᠡᠨ' },
};

/** Difficulty tiers (SPEC §7). */
export const DIFFICULTY_LABELS: Record<Difficulty, StaffLabel> = {
  simple: { zh: '简单', en: 'Simple', mn: 'ᠬᠢᠯᠪᠠᠷ' },
  general: { zh: '一般', en: 'General', mn: 'ᠡᠩ ᠦᠨ' },
  difficult: { zh: '疑难', en: 'Difficult', mn: 'ᠪᠡᠷᠡᠬᠡ' },
  long_pending: { zh: '积案', en: 'Long pending', mn: 'ᠤᠳᠠᠭᠰᠠᠨ ᠬᠡᠷᠡᠭ' },
};

/** Where a report came from (SPEC §4 step 1). */
export const SOURCE_LABELS: Record<CaseSource, StaffLabel> = {
  resident_app: { zh: '智治乌审', en: 'Resident app' },
  worker_app: { zh: '百姓管家', en: 'Grid-worker app' },
  hotline: { zh: '热线', en: 'Hotline' },
  department: { zh: '部门转办', en: 'Department' },
  open311: { zh: '开放接口', en: 'Open311' },
  console: { zh: '综治中心', en: 'Centre console' },
};

/** The dictionary keys the vocabulary defines. */
export type VocabularyKey =
  | `status.${CaseStatus}`
  | `level.${Level}`
  | `role.${Role}`
  | `light.${Light}`
  | `difficulty.${Difficulty}`
  | `source.${CaseSource}`
  | `event.${EventType}`
  | `action.${ActionName}`;

type Lang = 'zh' | 'en' | 'mn';

function entries<V extends string | number>(
  prefix: string,
  values: readonly V[],
  labels: Record<V, StaffLabel>,
  lang: Lang,
): [string, string][] {
  return values.map((v) => [`${prefix}.${v}`, labels[v][lang] ?? labels[v].zh]);
}

/** 办理动作: each action's button, the same in every app (the one-click powers of SPEC §3 say so: 一键派单 …). */
export const ACTION_LABELS: Record<ActionName, Label> = {
  register: { zh: '登记立案', en: 'Register', mn: 'ᠬᠡᠷᠡᠭ ᠪᠣᠯᠭᠠᠨ ᠪᠦᠷᠢᠳᠬᠡᠬᠦ' },
  reject: { zh: '不予受理', en: 'Reject', mn: 'ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠬᠤ ᠦᠭᠡᠢ' },
  merge: { zh: '合并重复', en: 'Merge duplicate', mn: 'ᠳᠠᠪᠬᠤᠷᠳᠠᠭᠰᠠᠨ ᠢ ᠨᠡᠢᠯᠡᠭᠦᠯᠬᠦ' },
  dispatch: { zh: '一键派单', en: 'Dispatch', mn: 'ᠳᠠᠭᠠᠯᠭᠠᠬᠤ' },
  accept: { zh: '接收任务', en: 'Accept task', mn: 'ᠠᠵᠢᠯ ᠢ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠬᠤ' },
  send_back: { zh: '退单', en: 'Send back', mn: 'ᠪᠤᠴᠠᠭᠠᠬᠤ' },
  progress: { zh: '记录进展', en: 'Record progress', mn: 'ᠠᠬᠢᠴᠠ ᠶᠢ ᠲᠡᠮᠳᠡᠭᠯᠡᠬᠦ' },
  mediate: { zh: '记录调解', en: 'Record mediation', mn: 'ᠡᠪᠯᠡᠷᠡᠭᠦᠯᠦᠯᠭᠡ ᠶᠢ ᠲᠡᠮᠳᠡᠭᠯᠡᠬᠦ' },
  link: { zh: '一键联动', en: 'Link in others', mn: 'ᠬᠠᠮᠵᠢᠯᠴᠠᠭᠤᠯᠬᠤ' },
  feedback: { zh: '反馈结果', en: 'Report result', mn: 'ᠦᠷ᠎ᠡ ᠳ᠋ᠦᠩ ᠢ ᠮᠡᠳᠡᠭᠦᠯᠬᠦ' },
  verify: { zh: '核查通过', en: 'Verify', mn: 'ᠪᠠᠢᠴᠠᠭᠠᠯᠲᠠ ᠳᠦ ᠲᠡᠨᠴᠡᠭᠰᠡᠨ' },
  rework: { zh: '返工', en: 'Rework', mn: 'ᠳᠠᠬᠢᠨ ᠰᠢᠢᠳᠪᠦᠷᠢᠯᠡᠬᠦ' },
  remind: { zh: '催办', en: 'Remind', mn: 'ᠰᠠᠨᠠᠭᠤᠯᠬᠤ' },
  supervise: { zh: '一键督办', en: 'Supervise', mn: 'ᠬᠢᠨᠠᠨ ᠬᠢᠨᠠᠬᠤ' },
  escalate: { zh: '上报上一级', en: 'Escalate', mn: 'ᠳᠡᠭᠡᠳᠦ ᠱᠠᠲᠤ ᠳᠤ ᠮᠡᠳᠡᠭᠦᠯᠬᠦ' },
  request_extension: { zh: '申请延期', en: 'Ask for extension', mn: 'ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠤᠷᠲᠠᠳᠬᠠᠬᠤ ᠶᠢ ᠭᠤᠶᠤᠬᠤ' },
  approve_extension: { zh: '批准延期', en: 'Approve extension', mn: 'ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠤᠷᠲᠠᠳᠬᠠᠬᠤ ᠶᠢ ᠵᠥᠪᠰᠢᠶᠡᠷᠡᠬᠦ' },
  refuse_extension: {
    zh: '不批准延期',
    en: 'Refuse extension',
    mn: 'ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠤᠷᠲᠠᠳᠬᠠᠬᠤ ᠶᠢ ᠵᠥᠪᠰᠢᠶᠡᠷᠡᠬᠦ ᠦᠭᠡᠢ',
  },
  suspend: { zh: '挂账', en: 'Suspend', mn: 'ᠲᠦᠷ ᠵᠣᠭᠰᠣᠭᠠᠬᠤ' },
  resume: { zh: '恢复办理', en: 'Resume', mn: 'ᠰᠡᠷᠭᠦᠭᠡᠨ ᠰᠢᠢᠳᠪᠦᠷᠢᠯᠡᠬᠦ' },
  request_void: { zh: '申请作废', en: 'Ask to void', mn: 'ᠬᠦᠴᠦᠨ ᠦᠭᠡᠢ ᠪᠣᠯᠭᠠᠬᠤ ᠶᠢ ᠭᠤᠶᠤᠬᠤ' },
  approve_void: { zh: '批准作废', en: 'Approve voiding', mn: 'ᠬᠦᠴᠦᠨ ᠦᠭᠡᠢ ᠪᠣᠯᠭᠠᠬᠤ ᠶᠢ ᠵᠥᠪᠰᠢᠶᠡᠷᠡᠬᠦ' },
  refuse_void: { zh: '不批准作废', en: 'Refuse voiding', mn: 'ᠬᠦᠴᠦᠨ ᠦᠭᠡᠢ ᠪᠣᠯᠭᠠᠬᠤ ᠶᠢ ᠵᠥᠪᠰᠢᠶᠡᠷᠡᠬᠦ ᠦᠭᠡᠢ' },
  visit: { zh: '回访', en: 'Return visit', mn: 'ᠡᠭᠡᠭᠦᠯᠬᠦ ᠰᠤᠷᠪᠤᠯᠵᠢᠯᠠᠯᠲᠠ' },
  close: { zh: '归档', en: 'Archive', mn: 'ᠠᠷᠬᠢᠸᠯᠠᠬᠤ' },
};

/** 案件经过: each history event, named the same in every app's timeline (one wording per event). */
export const EVENT_LABELS: Record<EventType, Label> = {
  reported: { zh: '信息采集（上报）', en: 'Reported', mn: 'ᠮᠡᠳᠡᠭᠦᠯᠦᠯ ᠢ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠪᠠ' },
  resolved_on_spot: {
    zh: '即知即调，当场化解',
    en: 'Settled on the spot',
    mn: 'ᠲᠤᠰ ᠭᠠᠵᠠᠷ ᠲᠤ ᠨᠢ ᠰᠢᠢᠳᠪᠦᠷᠢᠯᠡᠪᠡ',
  },
  registered: { zh: '案件建立（立案）', en: 'Registered', mn: 'ᠬᠡᠷᠡᠭ ᠪᠣᠯᠭᠠᠨ ᠪᠦᠷᠢᠳᠬᠡᠪᠡ' },
  rejected: { zh: '不予受理', en: 'Rejected', mn: 'ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠭᠰᠠᠨ ᠦᠭᠡᠢ' },
  merged: { zh: '合并为重复件', en: 'Merged as a duplicate', mn: 'ᠨᠡᠢᠯᠡᠭᠦᠯᠪᠡ' },
  dispatched: { zh: '任务派遣', en: 'Dispatched', mn: 'ᠳᠠᠭᠠᠯᠭᠠᠪᠠ' },
  accepted: { zh: '签收', en: 'Accepted', mn: 'ᠠᠵᠢᠯ ᠢ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠪᠠ' },
  sent_back: { zh: '退单', en: 'Sent back', mn: 'ᠪᠤᠴᠠᠭᠠᠪᠠ' },
  progress_recorded: { zh: '记录进展', en: 'Progress', mn: 'ᠠᠬᠢᠴᠠ ᠶᠢ ᠲᠡᠮᠳᠡᠭᠯᠡᠪᠡ' },
  mediation_recorded: { zh: '记录调解', en: 'Mediation', mn: 'ᠡᠪᠯᠡᠷᠡᠭᠦᠯᠦᠯᠭᠡ' },
  collaborators_linked: { zh: '一键联动', en: 'Others linked in', mn: 'ᠬᠠᠮᠵᠢᠯᠴᠠᠭᠤᠯᠪᠠ' },
  feedback_submitted: { zh: '反馈结果', en: 'Result reported', mn: 'ᠦᠷ᠎ᠡ ᠳ᠋ᠦᠩ ᠢ ᠮᠡᠳᠡᠭᠦᠯᠪᠡ' },
  verified: { zh: '核查通过', en: 'Verified', mn: 'ᠪᠠᠢᠴᠠᠭᠠᠯᠲᠠ ᠳᠦ ᠲᠡᠨᠴᠡᠪᠡ' },
  rework_requested: { zh: '要求返工', en: 'Rework requested', mn: 'ᠳᠠᠬᠢᠨ ᠰᠢᠢᠳᠪᠦᠷᠢᠯᠡᠬᠦ' },
  reminded: { zh: '催办', en: 'Reminded', mn: 'ᠰᠠᠨᠠᠭᠤᠯᠪᠠ' },
  supervised: { zh: '督办', en: 'Supervised', mn: 'ᠬᠢᠨᠠᠨ ᠬᠢᠨᠠᠪᠠ' },
  escalated: { zh: '逐级上报', en: 'Escalated', mn: 'ᠳᠡᠭᠡᠳᠦ ᠱᠠᠲᠤ ᠳᠤ ᠮᠡᠳᠡᠭᠦᠯᠪᠡ' },
  extension_requested: { zh: '申请延期', en: 'Extension requested', mn: 'ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠤᠷᠲᠠᠳᠬᠠᠬᠤ ᠶᠢ ᠭᠤᠶᠤᠪᠠ' },
  extension_approved: { zh: '批准延期', en: 'Extension approved', mn: 'ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠤᠷᠲᠠᠳᠬᠠᠬᠤ ᠶᠢ ᠵᠥᠪᠰᠢᠶᠡᠷᠡᠪᠡ' },
  extension_refused: {
    zh: '驳回延期',
    en: 'Extension refused',
    mn: 'ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠤᠷᠲᠠᠳᠬᠠᠬᠤ ᠶᠢ ᠵᠥᠪᠰᠢᠶᠡᠷᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ',
  },
  suspended: { zh: '挂账', en: 'Suspended', mn: 'ᠲᠦᠷ ᠵᠣᠭᠰᠣᠭᠠᠪᠠ' },
  resumed: { zh: '恢复办理', en: 'Resumed', mn: 'ᠰᠡᠷᠭᠦᠭᠡᠨ ᠰᠢᠢᠳᠪᠦᠷᠢᠯᠡᠪᠡ' },
  void_requested: { zh: '申请作废', en: 'Voiding requested', mn: 'ᠬᠦᠴᠦᠨ ᠦᠭᠡᠢ ᠪᠣᠯᠭᠠᠬᠤ ᠶᠢ ᠭᠤᠶᠤᠪᠠ' },
  voided: { zh: '作废', en: 'Voided', mn: 'ᠬᠦᠴᠦᠨ ᠦᠭᠡᠢ ᠪᠣᠯᠭᠠᠪᠠ' },
  void_refused: { zh: '驳回作废', en: 'Voiding refused', mn: 'ᠬᠦᠴᠦᠨ ᠦᠭᠡᠢ ᠪᠣᠯᠭᠠᠬᠤ ᠶᠢ ᠵᠥᠪᠰᠢᠶᠡᠷᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ' },
  visited: { zh: '回访满意', en: 'Return visit: satisfied', mn: 'ᠡᠭᠡᠭᠦᠯᠬᠦ ᠰᠤᠷᠪᠤᠯᠵᠢᠯᠠᠯᠲᠠ' },
  reopened: {
    zh: '回访不满意，重新处置',
    en: 'Return visit: not satisfied, reopened',
    mn: 'ᠳᠠᠬᠢᠨ ᠰᠢᠢᠳᠪᠦᠷᠢᠯᠡᠬᠦ',
  },
  archived: { zh: '归档', en: 'Archived', mn: 'ᠠᠷᠬᠢᠸᠯᠠᠪᠠ' },
  deadline_near: { zh: '临期提醒', en: 'Deadline near', mn: 'ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠳᠦᠬᠦᠷᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ' },
  overdue: { zh: '超期', en: 'Overdue', mn: 'ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠬᠡᠲᠦᠷᠡᠪᠡ' },
  supervision_overdue: {
    zh: '督办超期',
    en: 'Supervision order overdue',
    mn: 'ᠬᠢᠨᠠᠨ ᠬᠢᠨᠠᠯᠲᠠ ᠶᠢᠨ ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠬᠡᠲᠦᠷᠡᠪᠡ',
  },
  deadline_changed: { zh: '时限重算', en: 'Deadline re-timed', mn: 'ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠶᠢ ᠳᠠᠬᠢᠨ ᠪᠣᠳᠤᠪᠠ' },
};

/** Every vocabulary label in `lang`, keyed as the apps' dictionaries key them. */
export function vocabularyOf(lang: Lang): Record<VocabularyKey, string> {
  return Object.fromEntries([
    ...entries('status', CASE_STATUSES, STATUS_LABELS, lang),
    ...entries('level', LEVELS, LEVEL_LABELS, lang),
    ...entries('role', ROLES, ROLE_LABELS, lang),
    ...entries('light', LIGHTS, LIGHT_LABELS, lang),
    ...entries('difficulty', DIFFICULTIES, DIFFICULTY_LABELS, lang),
    ...entries('source', CASE_SOURCES, SOURCE_LABELS, lang),
    ...entries('event', Object.keys(EVENT_LABELS) as EventType[], EVENT_LABELS, lang),
    ...entries('action', Object.keys(ACTION_LABELS) as ActionName[], ACTION_LABELS, lang),
  ]) as Record<VocabularyKey, string>;
}

/** The name of one case status in `lang`. */
export function statusLabel(status: string, lang: Lang): string {
  return STATUS_LABELS[status as CaseStatus]?.[lang] ?? status;
}

/**
 * Something named in the apps' languages: an API entity (case type, department, area: `nameZh`,
 * `nameEn`, `nameMn`) or a name object of the case JSON (`{ zh, en, mn }`).
 */
export type Nameable =
  | { nameZh: string; nameEn?: string | null; nameMn?: string | null }
  | { zh: string; en?: string | null; mn?: string | null };

/**
 * The name of a case type, department or area in `lang`, falling back to the Chinese name where
 * that language has none (Mongolian names are optional); '' for nothing.
 */
export function localName(named: Nameable | null | undefined, lang: string): string {
  if (!named) return '';
  const [zh, en, mn] =
    'nameZh' in named ? [named.nameZh, named.nameEn, named.nameMn] : [named.zh, named.en, named.mn];
  const wanted = lang === 'en' ? en : lang === 'mn' ? mn : zh;
  return wanted?.trim() ? wanted : zh;
}

/** The name of a handling level (1–5) in `lang`; the bare number for a level the chain lacks. */
export function levelName(level: number, lang: string): string {
  const label = LEVEL_LABELS[level as Level];
  if (!label) return String(level);
  return label[lang as Lang] ?? label.zh;
}
