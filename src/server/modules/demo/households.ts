/**
 * Synthetic households (户) for the demo: a seeded number per grid (within the caps), each at a point
 * well inside its grid, with a plausible address — pastoral 社 numbers, or street, building and flat
 * numbers in the seat's communities.
 */
import type { DemoArea } from './layout.ts';
import { pointInQuad, seededRandom } from './shapes.ts';

export interface DemoHousehold {
  gridCode: string;
  address: string;
  lng: number;
  lat: number;
  members: number;
}

const STREETS = ['萨拉乌素路', '苏力德大街', '乌审大街', '团结路', '巴音路', '纳林河路'];
/** Household sizes and their weights: mostly 2–4 people. */
const MEMBERS = [1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6];
/** Points keep this share of a cell away from its edges. */
const MARGIN = 0.06;

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** Every household of the demo, grid by grid, in a fixed order. */
export function buildDemoHouseholds(layout: readonly DemoArea[]): DemoHousehold[] {
  const random = seededRandom(38_600_108);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const households: DemoHousehold[] = [];
  for (const area of layout) {
    if (!area.quad || area.households === 0) continue;
    const urban = area.kind === 'micro_grid';
    const street = pick(STREETS);
    const firstNumber = 1 + Math.floor(random() * 80);
    for (let n = 0; n < area.households; n++) {
      const [lng, lat] = pointInQuad(
        area.quad,
        MARGIN + random() * (1 - 2 * MARGIN),
        MARGIN + random() * (1 - 2 * MARGIN),
      ) as [number, number];
      const address = urban
        ? `${area.addressPrefix}${street}${firstNumber}号${1 + Math.floor(n / 6)}号楼${1 + (n % 3)}单元${1 + Math.floor(random() * 6)}0${1 + (n % 2)}室`
        : `${area.addressPrefix}${n + 1}号`;
      households.push({
        gridCode: area.code,
        address,
        lng: round6(lng),
        lat: round6(lat),
        members: pick(MEMBERS),
      });
    }
  }
  return households;
}
