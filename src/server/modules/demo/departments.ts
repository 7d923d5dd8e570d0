/**
 * The banner's functional departments (职能部门) in the demo, and the level-4 routing table
 * (分流分调: case type → department) the governance centre uses.
 */

export interface DemoDepartment {
  code: string;
  nameZh: string;
  nameEn: string;
  /**
   * Traditional Mongolian, a non-native draft for native review (docs/i18n.md); null where no
   * reliable name could be given — the apps then show the Chinese one.
   */
  nameMn: string | null;
}

export const DEMO_DEPARTMENTS: readonly DemoDepartment[] = [
  { code: 'natural_resources', nameZh: '自然资源局', nameEn: 'Natural Resources Bureau', nameMn: null },
  {
    code: 'forestry_grassland',
    nameZh: '林业和草原局',
    nameEn: 'Forestry and Grassland Bureau',
    nameMn: null,
  },
  { code: 'justice', nameZh: '司法局', nameEn: 'Justice Bureau', nameMn: null },
  {
    code: 'public_security',
    nameZh: '公安局',
    nameEn: 'Public Security Bureau',
    nameMn: 'ᠣᠯᠠᠨ ᠠᠮᠤᠷ ᠤᠨ ᠲᠣᠪᠴᠢᠶ᠎ᠠ',
  },
  {
    code: 'human_resources',
    nameZh: '人力资源和社会保障局',
    nameEn: 'Human Resources and Social Security Bureau',
    nameMn: null,
  },
  { code: 'environment', nameZh: '生态环境局', nameEn: 'Ecology and Environment Bureau', nameMn: null },
  {
    code: 'housing',
    nameZh: '住房和城乡建设局',
    nameEn: 'Housing and Urban-Rural Development Bureau',
    nameMn: null,
  },
  { code: 'petition', nameZh: '信访局', nameEn: 'Petitions Bureau', nameMn: 'ᠪᠢᠴᠢᠭ ᠵᠠᠬᠢᠳᠠᠯ ᠤᠨ ᠲᠣᠪᠴᠢᠶ᠎ᠠ' },
  {
    code: 'womens_federation',
    nameZh: '妇女联合会',
    nameEn: "Women's Federation",
    nameMn: 'ᠡᠮᠡᠭᠲᠡᠢᠴᠦᠳ ᠦᠨ ᠬᠣᠯᠪᠣᠭ᠎ᠠ',
  },
  {
    code: 'civil_affairs',
    nameZh: '民政局',
    nameEn: 'Civil Affairs Bureau',
    nameMn: 'ᠢᠷᠭᠡᠨ ᠬᠡᠷᠡᠭ ᠦᠨ ᠲᠣᠪᠴᠢᠶ᠎ᠠ',
  },
  { code: 'emergency', nameZh: '应急管理局', nameEn: 'Emergency Management Bureau', nameMn: null },
  { code: 'market_supervision', nameZh: '市场监督管理局', nameEn: 'Market Supervision Bureau', nameMn: null },
  {
    code: 'agriculture_husbandry',
    nameZh: '农牧局',
    nameEn: 'Agriculture and Animal Husbandry Bureau',
    nameMn: 'ᠲᠠᠷᠢᠶᠠᠯᠠᠩ ᠮᠠᠯᠵᠢᠯ ᠤᠨ ᠲᠣᠪᠴᠢᠶ᠎ᠠ',
  },
];

/** Level-4 routing: which department a case of each type goes to, anywhere in the banner. */
export const DEMO_ROUTING_RULES: readonly { caseType: string; departmentCode: string }[] = [
  { caseType: 'land_grassland', departmentCode: 'natural_resources' },
  { caseType: 'environment', departmentCode: 'environment' },
  { caseType: 'labour_wages', departmentCode: 'human_resources' },
  { caseType: 'public_security', departmentCode: 'public_security' },
  { caseType: 'marriage_family', departmentCode: 'womens_federation' },
  { caseType: 'property', departmentCode: 'housing' },
  { caseType: 'neighbour', departmentCode: 'justice' },
];
