/**
 * bosun's persistent caches of derived data, by content, under $XDG_CACHE_HOME/bosun or
 * ~/.cache/bosun: a `bosun helm template` of a chart rendered before loads what does not depend
 * on the values instead of computing it again (contour: the parse trees of 200 KB of template
 * actions, and the heads of 1.4 MB of CRDs, two fifths of a cold run). Keys hash the engine build
 * and the whole input; only results computed without error are stored; a read or decode failure
 * falls back to computing and a failed write is ignored, so a cache changes how fast a render is,
 * never what it prints. Each directory is bounded: the least recently used entries go when there
 * are more than its entry limit or they take more than its byte limit. Writes are atomic
 * (a temporary file, then rename), so concurrent runs see whole entries or none.
 */
import { createHash, type Hash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Set by scripts/build.mjs: a hash of the template and engine rooms' sources, so one build never
 * reads another's entries (unset when running from source: tests and tsx runs cache nothing).
 */
declare const BOSUN_ENGINE_BUILD: string | undefined;

export interface DiskCacheOptions {
  /** the directory of this cache's entries */
  dir: string;
  /** what identifies the code that computes the entries: part of every key */
  build: string;
  maxEntries: number;
  maxBytes: number;
}

/** One directory of content-keyed entries; see the module comment. */
export class DiskCache {
  constructor(readonly opts: DiskCacheOptions) {}

  /** A key for `parts` (whose boundaries are kept: lengths delimit them) under this build. */
  key(parts: Iterable<string>): string {
    const h: Hash = createHash('sha256');
    h.update(`bosun\0${this.opts.build}\0`);
    for (const p of parts) h.update(`${p.length}:`).update(p);
    return h.digest('hex').slice(0, 40);
  }

  /** The entry's bytes, or undefined; a hit marks the entry recently used. */
  read(key: string): Buffer | undefined {
    const path = join(this.opts.dir, key);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      return undefined;
    }
    try {
      const now = new Date();
      utimesSync(path, now, now);
    } catch {
      // a read-only cache still serves
    }
    return bytes;
  }

  write(key: string, bytes: Uint8Array | string): void {
    try {
      mkdirSync(this.opts.dir, { recursive: true });
      const path = join(this.opts.dir, key);
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, bytes);
      renameSync(tmp, path);
      this.evict();
    } catch {
      // no entry: the next run computes it again
    }
  }

  private evict(): void {
    const { dir, maxEntries, maxBytes } = this.opts;
    const entries: { path: string; size: number; used: number }[] = [];
    const staleTmp = Date.now() - 10 * 60 * 1000;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      try {
        const st = statSync(path);
        if (name.endsWith('.tmp')) {
          // a writer that died between write and rename leaves its temporary file
          if (st.mtimeMs < staleTmp) unlinkSync(path);
          continue;
        }
        entries.push({ path, size: st.size, used: st.mtimeMs });
      } catch {
        // removed by another process meanwhile
      }
    }
    entries.sort((a, b) => b.used - a.used);
    let bytes = 0;
    for (const [i, e] of entries.entries()) {
      bytes += e.size;
      if (i < maxEntries && bytes <= maxBytes) continue;
      try {
        unlinkSync(e.path);
      } catch {
        // already gone
      }
    }
  }
}

/**
 * The cache `name` of this build (a directory under ~/.cache/bosun), or undefined when caching
 * is off: running from source, or BOSUN_DISK_CACHE=off. Looked up on every call, never kept:
 * the startup snapshot's build renders a chart with its own cache directory.
 */
export function diskCache(name: string, maxEntries: number, maxBytes: number): DiskCache | undefined {
  const build = typeof BOSUN_ENGINE_BUILD === 'string' ? BOSUN_ENGINE_BUILD : undefined;
  if (build === undefined || process.env.BOSUN_DISK_CACHE === 'off') return undefined;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return new DiskCache({ dir: join(base, 'bosun', name), build, maxEntries, maxBytes });
}
