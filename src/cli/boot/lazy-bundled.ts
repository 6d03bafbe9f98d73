/**
 * The CLI bundle's stand-in for src/template/lazy.ts (swapped in by scripts/build.mjs). The npm
 * packages some template functions load on first use come from the bundle itself, so they are in
 * the V8 code cache with the rest of the CLI: loaded through Node's CommonJS loader instead, re2js
 * alone costs ~20 ms of compiling on every `helm template` whose chart uses a regex function.
 * They still load only on first use: esbuild evaluates a module reached by require() when the
 * require() runs.
 */

/** The packages `lazyModule` is asked for, as require() calls esbuild can see and bundle. */
const bundledPackages: Record<string, () => unknown> = {
  re2js: () => require('re2js'),
  bcryptjs: () => require('bcryptjs'),
};

/** A getter that loads module `id` synchronously the first time it is called. */
export function lazyModule<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= (bundledPackages[id] ?? (() => require(id)))() as T;
    return loaded;
  };
}
