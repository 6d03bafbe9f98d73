/**
 * The builder of bosun's V8 startup snapshot (dist/bosun.blob), run by scripts/build.mjs as
 * `node --snapshot-blob dist/bosun.blob --build-snapshot <the CLI bundle, then this script>`.
 *
 * It evaluates the CLI bundle with the rooms of `helm template` loaded and, when the build names
 * a chart (BOSUN_SNAPSHOT_WARM_UP), renders it, so the functions of the hot path are compiled in
 * the snapshot. A process started from it (dist/bosun, src/cli/boot/launcher.sh) then skips
 * reading, compiling and evaluating them and only runs the CLI. Nothing of the build's run may
 * reach a user's: argv, the environment and the working directory are read when the CLI runs,
 * and the bundle's require() is the run's own (the builder's resolves built-in modules only;
 * `bosun up` needs better-sqlite3 from node_modules).
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { startupSnapshot } from 'node:v8';
import { restoreDeferredEnv } from './env.ts';
import type { BootHooks } from './hooks.ts';

/** The CLI bundle (dist/cli.js), placed before this script by scripts/build.mjs. */
declare const __bosunCli: (require: NodeJS.Require, moduleUrl: string, boot: BootHooks) => void;

let runRequire: NodeJS.Require = require;
const bundleRequire = ((id: string) => runRequire(id)) as NodeJS.Require;

let startCli: (() => void) | undefined;
__bosunCli(bundleRequire, 'file:///bosun-snapshot/cli.js', {
  ready(start, preload) {
    startCli = start;
    // the builder runs the event loop dry before it writes the snapshot; a failure fails the build
    preload(process.env.BOSUN_SNAPSHOT_WARM_UP || undefined).catch((err: unknown) => {
      process.stderr.write(`snapshot warm-up failed: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exit(1);
    });
  },
});

startupSnapshot.setDeserializeMainFunction(() => {
  restoreDeferredEnv();
  // the launcher runs `node --snapshot-blob dist/bosun.blob dist/bosun.mjs ARGS...`: argv is the
  // usual [node, script, ...args] (the script made absolute, as Node does) and the script names
  // this install
  if (process.argv[1]) process.argv[1] = resolve(process.argv[1]);
  runRequire = createRequire(process.argv[1] ?? `${process.cwd()}/`);
  startCli?.();
});
