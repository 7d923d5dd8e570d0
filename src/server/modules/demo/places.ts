/**
 * Named WGS-84 points of the demo that tests and the story use: the centre of a grid is always
 * inside it, as every demo grid is a convex quadrilateral.
 */
import { buildDemoLayout, DEMO_CODES } from './layout.ts';
import { quadCentre } from './shapes.ts';

export interface DemoPlace {
  lng: number;
  lat: number;
  /** The grid `gridOf` finds at this point. */
  code: string;
}

export interface DemoPlaces {
  /** Inside PG, the pastoral unit grid of the story (乌审召镇巴音敖包嘎查一社). */
  pastoralGrid: DemoPlace;
  /** Inside PG2, the neighbouring unit grid (二社). */
  otherGrid: DemoPlace;
  /** Inside a community grid of the seat (its first micro-grid). */
  galutuCommunity: DemoPlace & { communityGridCode: string };
  /** West of the banner, in 鄂托克前旗: in no grid. */
  outside: { lng: number; lat: number; code: null };
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

function centreOf(layout: ReturnType<typeof buildDemoLayout>, code: string): DemoPlace {
  const area = layout.find((a) => a.code === code);
  if (!area?.quad) throw new Error(`demo layout has no grid ${code}`);
  const [lng, lat] = quadCentre(area.quad) as [number, number];
  return { lng: round6(lng), lat: round6(lat), code };
}

const layout = buildDemoLayout();

export const DEMO_PLACES: DemoPlaces = {
  pastoralGrid: centreOf(layout, DEMO_CODES.pastoralGrid),
  otherGrid: centreOf(layout, DEMO_CODES.otherGrid),
  galutuCommunity: {
    ...centreOf(layout, DEMO_CODES.galutuMicroGrid),
    communityGridCode: DEMO_CODES.galutuCommunityGrid,
  },
  outside: { lng: 107.9, lat: 38.2, code: null },
};
