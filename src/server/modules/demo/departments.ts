/**
 * The banner's functional departments (职能部门) in the demo, and the level-4 routing table
 * (分流分调: case type → department) the governance centre uses.
 */

export interface DemoDepartment {
  code: string;
  nameZh: string;
  nameEn: string;
}

export const DEMO_DEPARTMENTS: readonly DemoDepartment[] = [
  { code: 'natural_resources', nameZh: '自然资源局', nameEn: 'Natural Resources Bureau' },
  { code: 'forestry_grassland', nameZh: '林业和草原局', nameEn: 'Forestry and Grassland Bureau' },
  { code: 'justice', nameZh: '司法局', nameEn: 'Justice Bureau' },
  { code: 'public_security', nameZh: '公安局', nameEn: 'Public Security Bureau' },
  {
    code: 'human_resources',
    nameZh: '人力资源和社会保障局',
    nameEn: 'Human Resources and Social Security Bureau',
  },
  { code: 'environment', nameZh: '生态环境局', nameEn: 'Ecology and Environment Bureau' },
  { code: 'housing', nameZh: '住房和城乡建设局', nameEn: 'Housing and Urban-Rural Development Bureau' },
  { code: 'petition', nameZh: '信访局', nameEn: 'Petitions Bureau' },
  { code: 'womens_federation', nameZh: '妇女联合会', nameEn: "Women's Federation" },
  { code: 'civil_affairs', nameZh: '民政局', nameEn: 'Civil Affairs Bureau' },
  { code: 'emergency', nameZh: '应急管理局', nameEn: 'Emergency Management Bureau' },
  { code: 'market_supervision', nameZh: '市场监督管理局', nameEn: 'Market Supervision Bureau' },
  { code: 'agriculture_husbandry', nameZh: '农牧局', nameEn: 'Agriculture and Animal Husbandry Bureau' },
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
