// Bundles the CLI and the library entry points with esbuild. Code splitting keeps
// the cold path lean: each room a command needs is a chunk loaded on first use.

import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// stale chunks from earlier builds would otherwise pile up under dist/chunks
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: {
    bosun: 'src/cli/main.ts',
    'lib/template': 'src/template/index.ts',
    'lib/helm': 'src/lib/helm.ts',
  },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // npm packages are bundled (but the native better-sqlite3): resolving and compiling them through
  // Node's CommonJS loader cost ~40 ms of every start-up
  external: ['better-sqlite3'],
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  define: { BOSUN_VERSION: JSON.stringify(pkg.version) },
  // CommonJS packages bundled into ESM chunks still call require() for Node's built-ins
  banner: {
    js: "import { createRequire as __bosunRequire } from 'node:module'; const require = __bosunRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
