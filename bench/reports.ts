/**
 * The reports (诉求) the intake benchmark posts: points spread over every residential grid of the
 * Wushen Banner demo, with the text, case type and contact phone a herder's phone would send.
 */
import { buildDemoLayout } from '../src/server/modules/demo/layout.ts';
import { pointInQuad, seededRandom } from '../src/server/modules/demo/shapes.ts';

/** What residents report, with the case type (a code of the default catalogue) they pick. */
const PROBLEMS: readonly { text: string; caseType: string }[] = [
  { text: '草场围栏被邻居推倒，羊群进入我家草场，协商未果', caseType: 'land_grassland' },
  { text: '村道路面塌陷，雨后积水，牧民出行和拉运饲草困难', caseType: 'infrastructure' },
  { text: '附近企业夜间排放废水，气味很大，请尽快查看', caseType: 'environment' },
  { text: '邻居家狗经常咬人，多次沟通无效，请求调解', caseType: 'neighbour' },
  { text: '路灯损坏一个多月，晚上出行不安全', caseType: 'public_security' },
];

export interface ReportSet {
  /** JSON request bodies for `POST /api/v1/cases`, grid after grid. */
  bodies: string[];
}

/** `count` report bodies at seeded random points inside the demo's residential grids (unit and micro-grids). */
export function demoReports(count: number, seed = 2026): ReportSet {
  const random = seededRandom(seed);
  const quads = buildDemoLayout().flatMap((area) => (area.quad ? [area.quad] : []));
  if (quads.length === 0) throw new Error('the demo layout has no residential grids');
  const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) {
    const quad = quads[i % quads.length] as (typeof quads)[number];
    // Keep off the edges: every demo quad is convex, so (u, v) ∈ [0.1, 0.9]² lands inside it.
    const [lng, lat] = pointInQuad(quad, 0.1 + 0.8 * random(), 0.1 + 0.8 * random()) as [number, number];
    const problem = PROBLEMS[i % PROBLEMS.length] as (typeof PROBLEMS)[number];
    bodies.push(
      JSON.stringify({
        description: `${problem.text}（第${i + 1}号）`,
        caseType: problem.caseType,
        lng: round6(lng),
        lat: round6(lat),
        ...(i % 4 === 0 ? { contactPhone: `1394770${String(i % 10_000).padStart(4, '0')}` } : {}),
      }),
    );
  }
  return { bodies };
}
