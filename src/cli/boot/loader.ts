#!/usr/bin/env node
/**
 * The `bosun` executable (dist/bosun.mjs). It runs the CLI bundle (dist/cli.js, built from
 * src/cli/main.ts as one classic script) through `vm.Script` with V8's code cache, because Node 20
 * caches no compiled code for ES modules: without it every start-up re-parses and re-compiles the
 * CLI, the template engine and the chart code (~20 ms of a ~100 ms `helm template`).
 *
 * The cache is written by the build (dist/cli.js.cache, from a representative `helm template` run
 * with BOSUN_CODE_CACHE=build, so the functions of the hot path are in it). When it does not fit this
 * Node (another version or Node flags), the CLI compiles as usual and, on exit, writes a cache of its
 * own under ~/.cache/bosun for the next run. V8 rejects data from another V8 or other flags
 * (`cachedDataRejected`) and the stamps below catch a changed bundle, so a cache can only change how
 * fast the CLI starts, never what runs. BOSUN_CODE_CACHE=off disables it.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { restoreDeferredEnv } from './env.ts';

/** What the build wraps around the CLI bundle: a function of the script's free variables. */
type CliBundle = (require: NodeJS.Require, moduleUrl: string) => void;

const bundlePath = fileURLToPath(new URL('./cli.js', import.meta.url));
const cacheEnabled = process.env.BOSUN_CODE_CACHE !== 'off';

/**
 * A cache file starts with a stamp line: what V8 would reject it for (Node version, arch, Node
 * flags) and what it would not notice (V8 compares only the source's length, so the bundle's size
 * and, for a cache written by this Node, its modification time). A file is used only when its stamp
 * matches, so the script is compiled once.
 */
interface CacheFile {
  path: string;
  stamp: string;
}

/** A short name for a string (node:crypto would cost every start-up its loading). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

function cacheFiles(): { built: CacheFile; user: CacheFile } {
  const { size, mtimeMs } = statSync(bundlePath);
  const runtime = `${process.version} ${process.arch} ${JSON.stringify(process.execArgv)} ${size}`;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return {
    built: { path: `${bundlePath}.cache`, stamp: `${runtime}\n` },
    // one file per install and set of Node flags
    user: {
      path: join(base, 'bosun', `cli-${fnv1a(`${bundlePath}\0${process.execArgv.join('\0')}`)}.v8cache`),
      stamp: `${runtime} ${mtimeMs}\n`,
    },
  };
}

function readCache({ path, stamp }: CacheFile): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch {
    return undefined;
  }
  return data.subarray(0, stamp.length).toString('latin1') === stamp
    ? data.subarray(stamp.length)
    : undefined;
}

interface Compiled {
  script: Script;
  /** Where to write a cache after the run, when none was used. */
  writeTo?: CacheFile;
}

function compile(source: string): Compiled {
  if (!cacheEnabled) return { script: new Script(source, { filename: bundlePath }) };
  const { built, user } = cacheFiles();
  // the build's own run writes the cache it ships
  if (process.env.BOSUN_CODE_CACHE === 'build') {
    return { script: new Script(source, { filename: bundlePath }), writeTo: built };
  }
  const cachedData = readCache(built) ?? readCache(user);
  const script = new Script(source, { filename: bundlePath, cachedData });
  return cachedData && !script.cachedDataRejected ? { script } : { script, writeTo: user };
}

/** After the run, so the functions the command compiled lazily are in the cache too. */
function writeCacheOnExit(script: Script, { path, stamp }: CacheFile): void {
  process.once('exit', () => {
    try {
      const data = script.createCachedData();
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, Buffer.concat([Buffer.from(stamp, 'latin1'), data]));
      renameSync(tmp, path);
    } catch {
      // a cache that cannot be written only costs the next start-up its compile time
    }
  });
}

restoreDeferredEnv();
const source = readFileSync(bundlePath, 'utf8');
const { script, writeTo } = compile(source);
if (writeTo) writeCacheOnExit(script, writeTo);
const run = script.runInThisContext() as CliBundle;
run(createRequire(bundlePath), pathToFileURL(bundlePath).href);
