#!/usr/bin/env node
// bench/template: bosun's chart rendering against the real helm, in one run.
//  1. whole process: `bosun helm template` vs `helm template` on a small (kiamol vweb), a medium
//     (bitnami nginx) and the largest corpus chart (by template bytes), with `node -e 0` as the floor;
//  2. in-process (library, warm): the same render through `runTemplate` (load + values + render),
//     and the templates alone (`renderRelease` on a loaded chart) for the largest chart: renders/s.
// Usage: npm run build && node bench/template.mjs [--runs N] [--seconds S] [--dist DIR]
// (--dist or BOSUN_DIST: the build to measure, default dist/; scripts/build.mjs --outdir DIR makes one)
// helm from $HELM or ~/.cache/bosun-reference/helm (npm run reference-bins).
// bosun's whole-process runs find its persistent caches (src/engine/disk-cache.ts) warm after the
// warm-up rounds; BOSUN_DISK_CACHE=off in the environment measures without them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cpus, homedir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const shared = resolve(root, '../shared/fixtures');
const helm = process.env.HELM ?? join(homedir(), '.cache/bosun-reference/helm');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const runs = Number(arg('--runs', 15));
const seconds = Number(arg('--seconds', 3));
const dist = resolve(arg('--dist', process.env.BOSUN_DIST || join(root, 'dist')));
if (!existsSync(shared)) {
  console.log('bench/template: ../shared/fixtures is absent; nothing to measure');
  process.exit(0);
}
if (!existsSync(helm)) {
  console.log(`bench/template: no helm at ${helm} (npm run reference-bins)`);
  process.exit(1);
}

function templateBytes(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const p = join(e.parentPath ?? e.path, e.name);
    if (e.isFile() && p.includes('/templates/')) n += statSync(p).size;
  }
  return n;
}
const corpus = join(shared, 'helm-corpus/charts');
const largest = readdirSync(corpus)
  .map((c) => [c, templateBytes(join(corpus, c))])
  .sort((a, b) => b[1] - a[1])[0][0];
const charts = [
  ['small (kiamol vweb v2)', join(shared, 'kiamol/ch10/vweb/v2/vweb')],
  ['medium (nginx)', join(corpus, 'nginx')],
  [`largest (${largest})`, join(corpus, largest)],
];

/**
 * Median wall time of each command, run round-robin (a load spike then hits all of them alike),
 * after two warm-up rounds (page cache). A command is [label, file, args, env?].
 */
function timeInterleaved(commands) {
  const times = commands.map(() => []);
  for (let i = 0; i < runs + 2; i++) {
    commands.forEach(([, cmd, args, env], k) => {
      const t = process.hrtime.bigint();
      const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, env: env ?? process.env });
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
      if (i >= 2) times[k].push(ms);
    });
  }
  return times.map((ts) => ts.sort((a, b) => a - b)[Math.floor(ts.length / 2)]);
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;
console.log(
  `bench/template — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, node ${process.version}, median of ${runs} runs, ${dist}`,
);
// NODE_EXTRA_CA_CERTS makes Node load a CA bundle before any JavaScript runs: its cost is part of
// every Node start-up where it is set, so the floor is shown both ways
const { NODE_EXTRA_CA_CERTS: extraCa, ...envWithoutCa } = process.env;
const floors = timeInterleaved([
  ['node -e 0', process.execPath, ['-e', '0']],
  ...(extraCa
    ? [['node -e 0 without NODE_EXTRA_CA_CERTS', process.execPath, ['-e', '0'], envWithoutCa]]
    : []),
]);
console.log(`node -e 0 (floor): ${fmt(floors[0])}`);
if (extraCa) console.log(`node -e 0 without NODE_EXTRA_CA_CERTS (set here: ${extraCa}): ${fmt(floors[1])}`);

// the executable (dist/bosun: startup snapshot) when the build made one, and `node dist/bosun.mjs`
const launcher = join(dist, 'bosun');
const hasLauncher = existsSync(launcher);
console.log(
  `\nwhole process: ${hasLauncher ? 'dist/bosun' : 'node dist/bosun.mjs'} helm template vs helm template${hasLauncher ? ' (and node dist/bosun.mjs)' : ''}`,
);
const processTimes = new Map();
for (const [label, dir] of charts) {
  const args = ['helm', 'template', 'rel', dir];
  const [theirs, ours, viaMjs] = timeInterleaved([
    ['helm', helm, ['template', 'rel', dir]],
    ...(hasLauncher ? [['bosun', launcher, args]] : []),
    ['bosun.mjs', process.execPath, [join(dist, 'bosun.mjs'), ...args]],
  ]);
  processTimes.set(dir, theirs);
  const limit = label.startsWith('small') ? 1.25 : 0.8;
  const ratio = ours / theirs;
  console.log(
    `  ${label.padEnd(22)} bosun ${fmt(ours).padStart(9)}  helm ${fmt(theirs).padStart(9)}  ratio ${ratio.toFixed(2)}x (floor ≤${limit}x: ${ratio <= limit ? 'met' : 'not met'})${viaMjs === undefined ? '' : `  [node bosun.mjs ${fmt(viaMjs)}, ${(viaMjs / theirs).toFixed(2)}x]`}`,
  );
}

const lib = await import(join(dist, 'lib/helm.mjs'));
function perSecond(fn) {
  for (let i = 0; i < 3; i++) fn(); // warm up
  let n = 0;
  const t0 = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    fn();
    n++;
    elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  return { perSec: (n * 1000) / elapsed, ms: elapsed / n };
}
console.log('\nin-process (library, warm)');
for (const [label, dir] of charts) {
  const full = perSecond(() =>
    lib.runTemplate({
      chartRef: dir,
      releaseName: 'rel',
      namespace: 'default',
      values: {},
      showOnly: [],
      includeCrds: false,
      skipCrds: false,
      useReleaseName: false,
      isUpgrade: false,
      apiVersions: [],
      noHooks: false,
      skipTests: false,
      warn: () => {},
    }),
  );
  const theirs = processTimes.get(dir);
  const speedup = theirs / full.ms;
  console.log(
    `  ${label.padEnd(22)} load+render ${fmt(full.ms).padStart(9)} (${full.perSec.toFixed(1)}/s)  helm process ${fmt(theirs)}  → ${speedup.toFixed(1)}x faster (floor ≥5x: ${speedup >= 5 ? 'met' : 'not met'})`,
  );
}
const big = join(corpus, largest);
const chart = lib.loadChart(big);
// the same chart object each time: its parsed templates are reused, as a library caller's would be
const only = perSecond(() =>
  lib.renderRelease(
    chart,
    {},
    {
      release: { name: 'rel', namespace: 'default', revision: 1, isInstall: true, isUpgrade: false },
      warn: () => {},
    },
  ),
);
console.log(
  `  templates only (${largest}, chart loaded once): ${fmt(only.ms)} per render, ${only.perSec.toFixed(1)} renders/s`,
);
