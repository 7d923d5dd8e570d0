/**
 * Summarises a V8 CPU profile (`--cpu-prof`, e.g. from `ZHIZHI_BENCH_PROFILE=dir npm run bench`):
 * where the self time went, by package or source folder and by function, and the total time under
 * a few functions of interest. `node bin/run-ts.js bench/profile.ts <file.cpuprofile> [name…]`.
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by package (node_modules/<pkg>), source folder (src/server/<dir>) or Node internals. */
  byPlace: [string, number][];
  byFunction: [string, number][];
  /** Total (self + callees) time of functions whose name matches one of the given names. */
  inclusive: [string, number][];
}

/** Where a frame's code lives, coarsely: a package, a source folder, or Node/V8 itself. */
function placeOf(url: string): string {
  if (url === '') return '(native / V8)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  const src = /\/(src\/server\/(?:modules\/)?[^/]+|bench)\//.exec(url);
  if (src) return src[1] as string;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url;
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*\/(node_modules\/|src\/)/, '$1');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

/** Self and inclusive times of a profile, in milliseconds. */
export function summariseProfile(profile: CpuProfile, names: readonly string[] = []): ProfileSummary {
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i] as number;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let totalMs = 0;
  for (const [id, t] of self) {
    const node = byId.get(id);
    if (!node) continue;
    totalMs += t;
    const name = node.callFrame.functionName;
    const place =
      name === '(idle)' || name === '(program)' || name === '(garbage collector)'
        ? name
        : placeOf(node.callFrame.url);
    byPlace.set(place, (byPlace.get(place) ?? 0) + t);
    byFunction.set(frameName(node), (byFunction.get(frameName(node)) ?? 0) + t);
  }
  // Inclusive time: a subtree's self time, counted once per matching frame that is not below another.
  const inclusive = new Map<string, number>();
  const subtree = (node: ProfileNode): number =>
    (self.get(node.id) ?? 0) +
    (node.children ?? []).reduce((s, c) => s + subtree(byId.get(c) as ProfileNode), 0);
  const walk = (node: ProfileNode, inside: Set<string>) => {
    const match = names.find((n) => node.callFrame.functionName === n);
    let next = inside;
    if (match && !inside.has(match)) {
      inclusive.set(match, (inclusive.get(match) ?? 0) + subtree(node));
      next = new Set(inside).add(match);
    }
    for (const c of node.children ?? []) walk(byId.get(c) as ProfileNode, next);
  };
  const root = profile.nodes[0];
  if (root && names.length > 0) walk(root, new Set());
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { totalMs, byPlace: sorted(byPlace), byFunction: sorted(byFunction), inclusive: sorted(inclusive) };
}

function printSummary(file: string, names: string[]): void {
  const summary = summariseProfile(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, names);
  const busy = summary.byPlace.filter(([p]) => p !== '(idle)').reduce((s, [, t]) => s + t, 0);
  const pct = (t: number) => `${((100 * t) / busy).toFixed(1).padStart(5)} %`;
  console.log(`${file}: ${summary.totalMs.toFixed(0)} ms sampled, ${busy.toFixed(0)} ms busy (not idle)\n`);
  console.log('self time by place (share of busy time):');
  for (const [place, t] of summary.byPlace.slice(0, 25))
    if (place !== '(idle)') console.log(`  ${pct(t)}  ${place}`);
  console.log('\nself time by function:');
  for (const [name, t] of summary.byFunction.filter(([n]) => !n.startsWith('(idle)')).slice(0, 30)) {
    console.log(`  ${pct(t)}  ${name}`);
  }
  if (summary.inclusive.length > 0) {
    console.log('\ntotal time under:');
    for (const [name, t] of summary.inclusive) console.log(`  ${pct(t)}  ${name}`);
  }
}

// Piped into `head`: stop quietly when the reader goes away.
process.stdout.on('error', () => process.exit(0));
const [file, ...names] = process.argv.slice(2);
if (file) printSummary(file, names);
