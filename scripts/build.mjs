// Bundles the CLI and the library entry points with esbuild.
//  - The CLI (src/cli/main.ts) is one classic script, dist/cli.js, run by dist/bosun.mjs
//    (src/cli/boot/loader.ts) through vm.Script with a V8 code cache written here by a
//    representative `helm template` run: Node 20 caches no compiled code for ES modules.
//  - dist/bosun (src/cli/boot/launcher.sh), the executable, starts Node from a V8 startup snapshot
//    of the CLI built here (dist/bosun.blob) and falls back to dist/bosun.mjs.
//  - The libraries stay ES modules with code splitting: each room a caller needs is a chunk.
//  `--outdir DIR` (or BOSUN_DIST) builds into DIR instead of dist/.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const outdirFlag = process.argv.indexOf('--outdir');
const dist = resolve(
  outdirFlag > 0
    ? process.argv[outdirFlag + 1]
    : process.env.BOSUN_DIST || new URL('../dist/', import.meta.url).pathname,
);

if (dist === resolve('/') || dist === resolve(new URL('..', import.meta.url).pathname)) {
  throw new Error(`build: refusing to empty ${dist} (--outdir must be a build directory)`);
}
// stale chunks from earlier builds would otherwise pile up under dist/chunks
rmSync(dist, { recursive: true, force: true });

/**
 * What identifies this build's template and engine code, for the engine's on-disk caches
 * (src/engine/disk-cache.ts): a hash of every source file of both rooms, so a build with another
 * parser, node shape, function set or YAML decoder never reads an older build's entries.
 */
function engineBuildId() {
  const h = createHash('sha256');
  for (const room of ['template', 'engine']) {
    const root = new URL(`../src/${room}/`, import.meta.url).pathname;
    const files = readdirSync(root, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'))
      .sort();
    for (const f of files)
      h.update(`${room}/${f}\0`)
        .update(readFileSync(join(root, f)))
        .update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // npm packages are bundled (but the native better-sqlite3): resolving and compiling them through
  // Node's CommonJS loader cost ~40 ms of every start-up
  external: ['better-sqlite3'],
  define: {
    BOSUN_VERSION: JSON.stringify(pkg.version),
    BOSUN_ENGINE_BUILD: JSON.stringify(`${pkg.version}-${engineBuildId()}`),
  },
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: { bosun: 'src/cli/boot/loader.ts' },
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  format: 'esm',
});

// In the CLI bundle, the template room's loader of on-demand modules takes them from the bundle
// (so the code cache covers them): src/cli/boot/lazy-bundled.ts replaces src/template/lazy.ts.
const root = new URL('..', import.meta.url).pathname;
const lazyModules = {
  name: 'bundled-lazy-modules',
  setup(b) {
    const original = resolve(root, 'src/template/lazy.ts');
    const standIn = resolve(root, 'src/cli/boot/lazy-bundled.ts');
    b.onResolve({ filter: /\/lazy\.ts$/ }, (args) =>
      resolve(args.resolveDir, args.path) === original ? { path: standIn } : undefined,
    );
  },
};

// The CLI as the body of `(function (require, __bosunModuleUrl, __bosunBoot) { ... })`: a script has no
// import.meta (createRequire(import.meta.url) in the rooms) and no import() without a module
// loader callback, so dynamic imports become require() calls (modules load on first use still).
let cliFunction = '';
const cli = await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: join(dist, 'cli.js'),
  format: 'cjs',
  supported: { 'dynamic-import': false },
  define: { ...common.define, 'import.meta.url': '__bosunModuleUrl' },
  sourcemap: 'external',
  plugins: [lazyModules],
  write: false,
  // less source for V8 to read, hash and hold in the snapshot (~10 ms of start-up); names are
  // kept, so --debug stack traces still read
  minifyWhitespace: true,
  minifySyntax: true,
});
for (const out of cli.outputFiles) {
  if (out.path.endsWith('.map')) {
    writeFileSync(out.path, out.contents);
    continue;
  }
  // the hashbang line becomes an empty one, so the source map's line numbers still hold
  cliFunction = `(function (require, __bosunModuleUrl, __bosunBoot) {${out.text.replace(/^#!.*/, '')}\n})`;
  writeFileSync(out.path, `${cliFunction}\n//# sourceMappingURL=cli.js.map\n`);
}

await build({
  ...common,
  entryPoints: {
    'lib/template': 'src/template/index.ts',
    'lib/helm': 'src/lib/helm.ts',
    'lib/cluster': 'src/cluster/index.ts',
    'lib/cluster-clock': 'src/cluster/clock.ts', // bench/rollout
  },
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  splitting: true,
  format: 'esm',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // CommonJS packages bundled into ESM chunks still call require() for Node's built-ins
  banner: {
    js: "import { createRequire as __bosunRequire } from 'node:module'; const require = __bosunRequire(import.meta.url);",
  },
});

// The code cache: a `helm template` of the chart `helm create` writes, which runs the CLI, chart
// loading, values, the template engine, the common Sprig functions and the manifest code.
const work = mkdtempSync(join(tmpdir(), 'bosun-build-'));
const sample = join(work, 'sample');
try {
  const bosun = (args, env = {}) => {
    const r = spawnSync(process.execPath, [join(dist, 'bosun.mjs'), ...args], {
      // the disk caches of these runs stay in the build's directory, not the builder's home
      env: { ...process.env, XDG_CACHE_HOME: join(work, 'cache'), ...env },
      encoding: 'utf8',
    });
    if (r.status !== 0)
      throw new Error(`bosun ${args.join(' ')} failed while building the code cache: ${r.stderr}`);
  };
  bosun(['helm', 'create', sample], { BOSUN_CODE_CACHE: 'off' });
  bosun(['helm', 'template', 'sample', sample], { BOSUN_CODE_CACHE: 'build' });
  await buildSnapshot();
} finally {
  rmSync(work, { recursive: true, force: true });
}
const launcher = join(dist, 'bosun');
copyFileSync(resolve(root, 'src/cli/boot/launcher.sh'), launcher);
chmodSync(launcher, 0o755);

/**
 * The startup snapshot dist/bosun starts from: the CLI bundle evaluated, with the rooms of
 * `helm template` loaded and the sample chart rendered (src/cli/boot/snapshot.ts). It fits only
 * the Node that built it, so it is built here, on the machine that runs it (npm runs this script
 * as `prepare`); without one, dist/bosun runs dist/bosun.mjs, as it does for another Node.
 */
async function buildSnapshot() {
  const glue = await build({
    ...common,
    entryPoints: ['src/cli/boot/snapshot.ts'],
    format: 'cjs',
    write: false,
  });
  const entry = join(work, 'snapshot-entry.js');
  writeFileSync(entry, `const __bosunCli = ${cliFunction};\n${glue.outputFiles[0].text}`);
  const blob = join(dist, 'bosun.blob');
  // the launcher runs the `node` on PATH: that one builds the snapshot
  const pathNode = spawnSync('sh', ['-c', 'command -v node'], { encoding: 'utf8' }).stdout?.trim();
  const node = pathNode || process.execPath;
  // a partial blob would crash V8: written aside, renamed when whole
  // V8 flags (NODE_OPTIONS) are part of a snapshot: the launcher runs it with none
  const { NODE_OPTIONS: _, ...env } = process.env;
  const r = spawnSync(node, ['--snapshot-blob', `${blob}.tmp`, '--build-snapshot', entry], {
    encoding: 'utf8',
    env: { ...env, BOSUN_SNAPSHOT_WARM_UP: sample, XDG_CACHE_HOME: join(work, 'cache') },
  });
  // which Node the snapshot is for, as the launcher checks it: path, then `ls -lLn` of the binary
  const stat = spawnSync('sh', ['-c', 'ls -lLn "$1"', 'sh', node], { encoding: 'utf8' });
  if (r.status === 0 && stat.status === 0) {
    renameSync(`${blob}.tmp`, blob);
    writeFileSync(`${blob}.node`, `${node}\n${stat.stdout}`);
  } else {
    rmSync(`${blob}.tmp`, { force: true });
    console.warn(`build: no startup snapshot, bosun starts without one: ${r.stderr.trim()}`);
  }
}
