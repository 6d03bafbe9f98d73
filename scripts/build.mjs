// Bundles the CLI and the library entry points with esbuild.
//  - The CLI (src/cli/main.ts) is one classic script, dist/cli.js, run by dist/bosun.mjs
//    (src/cli/boot/loader.ts) through vm.Script with a V8 code cache written here by a
//    representative `helm template` run: Node 20 caches no compiled code for ES modules.
//  - The libraries stay ES modules with code splitting: each room a caller needs is a chunk.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const dist = new URL('../dist/', import.meta.url).pathname;

// stale chunks from earlier builds would otherwise pile up under dist/chunks
rmSync(dist, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // npm packages are bundled (but the native better-sqlite3): resolving and compiling them through
  // Node's CommonJS loader cost ~40 ms of every start-up
  external: ['better-sqlite3'],
  define: { BOSUN_VERSION: JSON.stringify(pkg.version) },
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

// The CLI as the body of `(function (require, __bosunModuleUrl) { ... })`: a script has no
// import.meta (createRequire(import.meta.url) in the rooms) and no import() without a module
// loader callback, so dynamic imports become require() calls (modules load on first use still).
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
});
for (const out of cli.outputFiles) {
  if (out.path.endsWith('.map')) {
    writeFileSync(out.path, out.contents);
    continue;
  }
  // the hashbang line becomes an empty one, so the source map's line numbers still hold
  const body = out.text.replace(/^#!.*/, '');
  writeFileSync(
    out.path,
    `(function (require, __bosunModuleUrl) {${body}\n})\n//# sourceMappingURL=cli.js.map\n`,
  );
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
try {
  const bosun = (args, env = {}) => {
    const r = spawnSync(process.execPath, [join(dist, 'bosun.mjs'), ...args], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    if (r.status !== 0)
      throw new Error(`bosun ${args.join(' ')} failed while building the code cache: ${r.stderr}`);
  };
  bosun(['helm', 'create', join(work, 'sample')], { BOSUN_CODE_CACHE: 'off' });
  bosun(['helm', 'template', 'sample', join(work, 'sample')], {
    BOSUN_CODE_CACHE: 'build',
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
