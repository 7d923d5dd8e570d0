/**
 * The Wushen Banner (乌审旗) area tree of the demo: the banner, its 5 towns and 1 sumu by their real
 * names, plausible gachas/villages and communities, and their grids. Polygons are cut from the
 * banner's extent (lng 108.3–109.6, lat 37.9–39.2) so that every level tiles its parent exactly; the
 * seat, Galutu (嘎鲁图镇), has urban communities around 38.60°N 108.84°E with community grids and
 * micro-grids. Deterministic: the same tree, polygons and household counts on every run.
 */
import type { AreaKind } from '../../../shared/domain.ts';
import type { Polygon } from '../areas/geometry.ts';
import { closedRing, type Quad, quadPolygon, rect, seededRandom, subdivideQuad } from './shapes.ts';

export interface DemoArea {
  code: string;
  parentCode: string | null;
  kind: AreaKind;
  nameZh: string;
  nameEn: string;
  nameMn: string | null;
  polygon: Polygon;
  /** Lowest-level residential grids: the quad their households are placed in, and how many. */
  quad?: Quad;
  households: number;
  /** Start of the postal address of a household here, e.g. 乌审召镇巴音敖包嘎查一社. */
  addressPrefix: string;
}

/** Codes of the places the demo story and the tests use. */
export const DEMO_CODES = {
  banner: '150626',
  /** 嘎鲁图镇, the seat. */
  galutu: '150626100',
  /** 萨如拉社区第1网格, a community grid of the seat. */
  galutuCommunityGrid: '150626100001001',
  galutuMicroGrid: '150626100001001001',
  /** 乌审召镇 (T). */
  storyTown: '150626101',
  /** 巴音敖包嘎查, 乌审召镇's first gacha (V). */
  storyVillage: '150626101201',
  /** Its first unit grid (PG), where the herder lives. */
  pastoralGrid: '150626101201001',
  /** Its second unit grid (PG2). */
  otherGrid: '150626101201002',
} as const;

const BANNER_EXTENT = rect(108.3, 37.9, 109.6, 39.2);

/** A name in the three languages of the apps (Mongolian in traditional script; to be reviewed by a native speaker). */
interface Names {
  zh: string;
  en: string;
  mn: string;
}

interface VillageSpec extends Names {
  /** An enterprise grid (企业专属网格) taking the gacha's last cell. */
  enterprise?: Names;
}

interface TownSpec extends Names {
  code: string;
  quad: Quad;
  /** Villages laid out on a cols × rows lattice, in reading order. */
  cols: number;
  rows: number;
  villages: VillageSpec[];
}

/** The five pastoral towns / sumu (the seat is laid out by hand below). */
const PASTORAL_TOWNS: TownSpec[] = [
  {
    code: '150626101',
    zh: '乌审召镇',
    en: 'Wushenzhao Town',
    mn: 'ᠦᠦᠰᠢᠨ ᠵᠣᠤ ᠪᠠᠯᠭᠠᠰᠤ',
    quad: rect(108.75, 38.8, 109.2, 39.2),
    cols: 3,
    rows: 2,
    villages: [
      { zh: '巴音敖包嘎查', en: 'Bayan Obo Gacha', mn: 'ᠪᠠᠶᠠᠨ ᠣᠪᠣᠭ᠎ᠠ ᠭᠠᠴᠠᠭ᠎ᠠ' },
      { zh: '察汗淖尔嘎查', en: 'Chagan Nur Gacha', mn: 'ᠴᠠᠭᠠᠨ ᠨᠠᠭᠤᠷ ᠭᠠᠴᠠᠭ᠎ᠠ' },
      { zh: '嘎达苏嘎查', en: 'Gadasu Gacha', mn: 'ᠭᠠᠳᠠᠰᠤ ᠭᠠᠴᠠᠭ᠎ᠠ' },
      { zh: '查汗庙嘎查', en: 'Chaganmiao Gacha', mn: 'ᠴᠠᠭᠠᠨ ᠰᠦᠮ᠎ᠡ ᠭᠠᠴᠠᠭ᠎ᠠ' },
      { zh: '其和日格图嘎查', en: 'Qiheritu Gacha', mn: 'ᠴᠢᠬᠢᠷᠲᠤ ᠭᠠᠴᠠᠭ᠎ᠠ' },
      { zh: '陶利嘎查', en: 'Taoli Gacha', mn: 'ᠲᠣᠯᠢ ᠭᠠᠴᠠᠭ᠎ᠠ' },
    ],
  },
  {
    code: '150626102',
    zh: '图克镇',
    en: 'Tuke Town',
    mn: 'ᠲᠦᠬᠡ ᠪᠠᠯᠭᠠᠰᠤ',
    quad: rect(109.2, 38.8, 109.6, 39.2),
    cols: 2,
    rows: 2,
    villages: [
      { zh: '图克嘎查', en: 'Tuke Gacha', mn: 'ᠲᠦᠬᠡ ᠭᠠᠴᠠᠭ᠎ᠠ' },
      {
        zh: '梅林庙嘎查',
        en: 'Meilinmiao Gacha',
        mn: 'ᠮᠡᠶᠢᠷᠡᠨ ᠰᠦᠮ᠎ᠡ ᠭᠠᠴᠠᠭ᠎ᠠ',
        enterprise: {
          zh: '图克化工园区企业网格',
          en: 'Tuke Chemical Park Enterprise Grid',
          mn: 'ᠲᠦᠬᠡ ᠶᠢᠨ ᠬᠢᠮᠢ ᠶᠢᠨ ᠦᠢᠯᠡᠳᠪᠦᠷᠢ ᠶᠢᠨ ᠬᠦᠷᠢᠶᠡᠯᠡᠩ ᠦᠨ ᠠᠵᠤ ᠠᠬᠤᠢ ᠶᠢᠨ ᠰᠦᠯᠵᠢᠶ᠎ᠡ',
        },
      },
      { zh: '哈达图嘎查', en: 'Hadatu Gacha', mn: 'ᠬᠠᠳᠠᠲᠤ ᠭᠠᠴᠠᠭ᠎ᠠ' },
      { zh: '乌兰什巴台嘎查', en: 'Wulan Shibatai Gacha', mn: 'ᠤᠯᠠᠭᠠᠨ ᠱᠢᠪᠠᠭᠠᠲᠠᠢ ᠭᠠᠴᠠᠭ᠎ᠠ' },
    ],
  },
  {
    code: '150626103',
    zh: '乌兰陶勒盖镇',
    en: 'Wulantaolegai Town',
    mn: 'ᠤᠯᠠᠭᠠᠨ ᠲᠣᠯᠣᠭᠠᠢ ᠪᠠᠯᠭᠠᠰᠤ',
    quad: rect(108.3, 38.8, 108.75, 39.2),
    cols: 2,
    rows: 2,
    villages: [
      {
        zh: '巴音高勒嘎查',
        en: 'Bayan Gol Gacha',
        mn: 'ᠪᠠᠶᠠᠨ ᠭᠣᠣᠯ ᠭᠠᠴᠠᠭ᠎ᠠ',
        enterprise: {
          zh: '苏里格气田采气厂企业网格',
          en: 'Sulige Gas Field Production Plant Enterprise Grid',
          mn: 'ᠰᠦᠯᠡᠭᠡ ᠶᠢᠨ ᠪᠠᠶᠢᠭᠠᠯᠢ ᠶᠢᠨ ᠬᠢᠢ ᠶᠢᠨ ᠣᠷᠣᠨ ᠤ ᠠᠵᠤ ᠠᠬᠤᠢ ᠶᠢᠨ ᠰᠦᠯᠵᠢᠶ᠎ᠡ',
        },
      },
      { zh: '乌兰陶勒盖嘎查', en: 'Wulantaolegai Gacha', mn: 'ᠤᠯᠠᠭᠠᠨ ᠲᠣᠯᠣᠭᠠᠢ ᠭᠠᠴᠠᠭ᠎ᠠ' },
      { zh: '巴音柴达木嘎查', en: 'Bayan Qaidam Gacha', mn: 'ᠪᠠᠶᠠᠨ ᠴᠠᠶᠢᠳᠠᠮ ᠭᠠᠴᠠᠭ᠎ᠠ' },
      { zh: '沙日塔拉嘎查', en: 'Shar Tala Gacha', mn: 'ᠰᠢᠷ᠎ᠠ ᠲᠠᠯ᠎ᠠ ᠭᠠᠴᠠᠭ᠎ᠠ' },
    ],
  },
  {
    code: '150626104',
    zh: '无定河镇',
    en: 'Wudinghe Town',
    mn: 'ᠤᠳᠢᠩᠾᠧ ᠪᠠᠯᠭᠠᠰᠤ',
    quad: rect(108.7, 37.9, 109.6, 38.3),
    cols: 4,
    rows: 1,
    villages: [
      { zh: '巴图湾村', en: 'Batuwan Village', mn: 'ᠪᠠᠲᠤᠸᠠᠨ ᠲᠣᠰᠤᠨ' },
      { zh: '陶日木村', en: 'Taorimu Village', mn: 'ᠲᠣᠷᠢᠮ ᠲᠣᠰᠤᠨ' },
      { zh: '排子湾村', en: 'Paiziwan Village', mn: 'ᠫᠠᠢᠽᠢᠸᠠᠨ ᠲᠣᠰᠤᠨ' },
      { zh: '沙沙滩村', en: 'Shashatan Village', mn: 'ᠱᠠᠱᠠᠲᠠᠨ ᠲᠣᠰᠤᠨ' },
    ],
  },
  {
    code: '150626200',
    zh: '苏力德苏木',
    en: 'Sulide Sumu',
    mn: 'ᠰᠦᠯᠳᠡ ᠰᠤᠮᠤ',
    quad: rect(108.3, 37.9, 108.7, 38.8),
    cols: 1,
    rows: 4,
    villages: [
      { zh: '陶尔庙嘎查', en: "Tao'ermiao Gacha", mn: 'ᠲᠣᠣᠷ ᠰᠦᠮ᠎ᠡ ᠭᠠᠴᠠᠭ᠎ᠠ' },
      { zh: '额尔和图嘎查', en: 'Erhetu Gacha', mn: 'ᠡᠷᠬᠡᠲᠦ ᠭᠠᠴᠠᠭ᠎ᠠ' },
      { zh: '乌兰淖尔嘎查', en: 'Wulan Nur Gacha', mn: 'ᠤᠯᠠᠭᠠᠨ ᠨᠠᠭᠤᠷ ᠭᠠᠴᠠᠭ᠎ᠠ' },
      { zh: '巴音希里嘎查', en: 'Bayan Xili Gacha', mn: 'ᠪᠠᠶᠠᠨ ᠰᠢᠯᠢ ᠭᠠᠴᠠᠭ᠎ᠠ' },
    ],
  },
];

const GALUTU = {
  code: '150626100',
  zh: '嘎鲁图镇',
  en: 'Galutu Town',
  mn: 'ᠭᠠᠯᠠᠭᠤᠲᠤ ᠪᠠᠯᠭᠠᠰᠤ',
  quad: rect(108.7, 38.3, 109.6, 38.8),
};

/** The seat's urban block, cut into three communities. */
const URBAN_WEST = 108.8;
const URBAN_EAST = 108.88;
const URBAN_SOUTH = 38.56;
const URBAN_NORTH = 38.64;

const COMMUNITIES = [
  { zh: '萨如拉社区', en: 'Sarula Community', mn: 'ᠰᠠᠷᠠᠭᠤᠯ ᠬᠣᠷᠣᠭᠠᠯᠠᠩ', west: 108.8, east: 108.827 },
  { zh: '团结社区', en: 'Tuanjie Community', mn: 'ᠡᠪ ᠨᠡᠶᠢᠴᠡ ᠬᠣᠷᠣᠭᠠᠯᠠᠩ', west: 108.827, east: 108.853 },
  {
    zh: '查干苏力德社区',
    en: 'Chagan Sulide Community',
    mn: 'ᠴᠠᠭᠠᠨ ᠰᠦᠯᠳᠡ ᠬᠣᠷᠣᠭᠠᠯᠠᠩ',
    west: 108.853,
    east: 108.88,
  },
];

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** Mongolian ordinals, first to tenth, for grid names (e.g. ᠨᠢᠭᠡᠳᠦᠭᠡᠷ ᠪᠠᠭ 一社). */
const ORDINALS_MN = [
  'ᠨᠢᠭᠡᠳᠦᠭᠡᠷ',
  'ᠬᠣᠶᠠᠳᠤᠭᠠᠷ',
  'ᠭᠤᠷᠪᠠᠳᠤᠭᠠᠷ',
  'ᠳᠥᠷᠪᠡᠳᠦᠭᠡᠷ',
  'ᠲᠠᠪᠤᠳᠤᠭᠠᠷ',
  'ᠵᠢᠷᠭᠤᠳᠤᠭᠠᠷ',
  'ᠳᠣᠯᠣᠳᠤᠭᠠᠷ',
  'ᠨᠠᠢᠮᠠᠳᠤᠭᠠᠷ',
  'ᠶᠢᠰᠦᠳᠦᠭᠡᠷ',
  'ᠠᠷᠪᠠᠳᠤᠭᠠᠷ',
];

/** Jitter of lattice points, as a share of a cell. */
const VILLAGE_JITTER = 0.12;
const GRID_JITTER = 0.15;

/** Households per grid: pastoral unit grids well under the cap of 50, micro-grids up to 15. */
const UNIT_GRID_HOUSEHOLDS = { min: 12, max: 40 };
const MICRO_GRID_HOUSEHOLDS = { min: 8, max: 15 };

const pad3 = (n: number) => String(n).padStart(3, '0');

/** Builds the whole demo tree, parents before children. */
export function buildDemoLayout(): DemoArea[] {
  const random = seededRandom(150626);
  const between = (range: { min: number; max: number }) =>
    range.min + Math.floor(random() * (range.max - range.min + 1));
  const areas: DemoArea[] = [];
  /** Appends an area (no households unless it says so) and returns it. */
  const add = (area: Omit<DemoArea, 'households' | 'addressPrefix'> & Partial<DemoArea>): DemoArea => {
    const full: DemoArea = { households: 0, addressPrefix: '', ...area };
    areas.push(full);
    return full;
  };
  /** A town or sumu (苏木镇) of the banner. */
  const addTown = (town: Names & { code: string; quad: Quad }) =>
    add({
      code: town.code,
      parentCode: DEMO_CODES.banner,
      kind: 'town',
      nameZh: town.zh,
      nameEn: town.en,
      nameMn: town.mn,
      polygon: quadPolygon(town.quad),
    });
  /** A gacha, village or community (嘎查村社区) of a town. */
  const addVillage = (code: string, townCode: string, spec: Names, polygon: Polygon) =>
    add({
      code,
      parentCode: townCode,
      kind: 'village',
      nameZh: spec.zh,
      nameEn: spec.en,
      nameMn: spec.mn,
      polygon,
    });

  add({
    code: DEMO_CODES.banner,
    parentCode: null,
    kind: 'banner',
    nameZh: '乌审旗',
    nameEn: 'Wushen Banner',
    nameMn: 'ᠦᠦᠰᠢᠨ ᠬᠣᠰᠢᠭᠤ',
    polygon: quadPolygon(BANNER_EXTENT),
  });

  /** A gacha's unit grids (社), one per cell; an enterprise grid takes the last cell if it has one. */
  const addUnitGrids = (village: DemoArea, town: string, cells: Quad[], spec: VillageSpec) => {
    cells.forEach((cell, i) => {
      if (spec.enterprise && i === cells.length - 1) {
        add({
          code: `${village.code}901`,
          parentCode: village.code,
          kind: 'enterprise_grid',
          nameZh: spec.enterprise.zh,
          nameEn: spec.enterprise.en,
          nameMn: spec.enterprise.mn,
          polygon: quadPolygon(cell),
        });
        return;
      }
      add({
        code: `${village.code}${pad3(i + 1)}`,
        parentCode: village.code,
        kind: 'unit_grid',
        nameZh: `${village.nameZh}${NUMERALS[i]}社`,
        nameEn: `${village.nameEn} Unit Grid ${i + 1}`,
        nameMn: `${spec.mn} ${ORDINALS_MN[i]} ᠪᠠᠭ`,
        polygon: quadPolygon(cell),
        quad: cell,
        households: between(UNIT_GRID_HOUSEHOLDS),
        addressPrefix: `${town}${village.nameZh}${NUMERALS[i]}社`,
      });
    });
  };

  for (const town of PASTORAL_TOWNS) {
    addTown(town);
    const cells = subdivideQuad(town.quad, town.cols, town.rows, VILLAGE_JITTER, random);
    town.villages.forEach((spec, i) => {
      const quad = cells[i] as Quad;
      const village = addVillage(`${town.code}${pad3(201 + i)}`, town.code, spec, quadPolygon(quad));
      addUnitGrids(village, town.zh, subdivideQuad(quad, 3, 2, GRID_JITTER, random), spec);
    });
  }

  // 嘎鲁图镇, the seat: three urban communities in a block around the seat, three gachas around them.
  addTown(GALUTU);
  COMMUNITIES.forEach((spec, c) => {
    const quad = rect(spec.west, URBAN_SOUTH, spec.east, URBAN_NORTH);
    const community = addVillage(`${GALUTU.code}${pad3(c + 1)}`, GALUTU.code, spec, quadPolygon(quad));
    subdivideQuad(quad, 2, 2, GRID_JITTER, random).forEach((gridQuad, g) => {
      const grid = add({
        code: `${community.code}${pad3(g + 1)}`,
        parentCode: community.code,
        kind: 'community_grid',
        nameZh: `${spec.zh}第${g + 1}网格`,
        nameEn: `${spec.en} Grid ${g + 1}`,
        nameMn: `${spec.mn} ${ORDINALS_MN[g]} ᠰᠦᠯᠵᠢᠶ᠎ᠡ`,
        polygon: quadPolygon(gridQuad),
      });
      subdivideQuad(gridQuad, 2, 2, GRID_JITTER, random).forEach((microQuad, m) => {
        add({
          code: `${grid.code}${pad3(m + 1)}`,
          parentCode: grid.code,
          kind: 'micro_grid',
          nameZh: `${grid.nameZh}第${m + 1}微网格`,
          nameEn: `${grid.nameEn} Micro-grid ${m + 1}`,
          nameMn: `${grid.nameMn} ${ORDINALS_MN[m]} ᠪᠢᠴᠢᠬᠠᠨ ᠰᠦᠯᠵᠢᠶ᠎ᠡ`,
          polygon: quadPolygon(microQuad),
          quad: microQuad,
          households: between(MICRO_GRID_HOUSEHOLDS),
          addressPrefix: `${GALUTU.zh}${spec.zh}`,
        });
      });
    });
  });

  const [west, south, east, north] = [108.7, 38.3, 109.6, 38.8];
  const gachas: { spec: VillageSpec; ring: Quad | number[][]; parts: [Quad, number, number][] }[] = [
    {
      spec: { zh: '布寨嘎查', en: 'Buzhai Gacha', mn: 'ᠪᠤᠵᠠᠢ ᠭᠠᠴᠠᠭ᠎ᠠ' },
      ring: rect(west, south, URBAN_WEST, north),
      parts: [[rect(west, south, URBAN_WEST, north), 2, 3]],
    },
    {
      spec: { zh: '巴音温都尔嘎查', en: 'Bayan Undur Gacha', mn: 'ᠪᠠᠶᠠᠨ ᠥᠨᠳᠥᠷ ᠭᠠᠴᠠᠭ᠎ᠠ' },
      ring: rect(URBAN_WEST, URBAN_NORTH, east, north),
      parts: [[rect(URBAN_WEST, URBAN_NORTH, east, north), 3, 2]],
    },
    {
      // An L around the urban block's south and east sides.
      spec: { zh: '呼和芒哈嘎查', en: 'Hohe Mangha Gacha', mn: 'ᠬᠥᠬᠡ ᠮᠠᠩᠬ᠎ᠠ ᠭᠠᠴᠠᠭ᠎ᠠ' },
      ring: [
        [URBAN_WEST, south],
        [east, south],
        [east, URBAN_NORTH],
        [URBAN_EAST, URBAN_NORTH],
        [URBAN_EAST, URBAN_SOUTH],
        [URBAN_WEST, URBAN_SOUTH],
      ],
      parts: [
        [rect(URBAN_EAST, URBAN_SOUTH, east, URBAN_NORTH), 2, 1],
        [rect(URBAN_WEST, south, east, URBAN_SOUTH), 3, 2],
      ],
    },
  ];
  gachas.forEach(({ spec, ring, parts }, i) => {
    const village = addVillage(`${GALUTU.code}${pad3(201 + i)}`, GALUTU.code, spec, {
      type: 'Polygon',
      coordinates: [closedRing(ring)],
    });
    const cells = parts.flatMap(([quad, cols, rows]) => subdivideQuad(quad, cols, rows, GRID_JITTER, random));
    addUnitGrids(village, GALUTU.zh, cells, spec);
  });

  return areas;
}
