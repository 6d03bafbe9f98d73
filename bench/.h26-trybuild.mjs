import { build } from 'esbuild';
const r = await build({
  entryPoints: ['src/cli/main.ts'], outfile: '/tmp/h26/cli.js', bundle: true, format: 'cjs', platform: 'node', target: 'node20',
  external: ['better-sqlite3'], define: { BOSUN_VERSION: '"0.1.0"', 'import.meta.url': '__bosunModuleUrl' }, logLevel: 'warning', metafile: true, supported: { 'dynamic-import': false },
});
