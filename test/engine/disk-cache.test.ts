// The engine's on-disk caches (parse trees, manifest heads): what they store and evict, and that
// a render through them, cold, warm or over corrupted entries, prints what a render without them
// prints. The caches are on only in builds (BOSUN_ENGINE_BUILD, set by scripts/build.mjs); these
// tests set that global, and load the engine afresh to get past its in-memory caches.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DiskCache } from '../../src/engine/disk-cache.ts';

const g = globalThis as { BOSUN_ENGINE_BUILD?: string };
let dir: string;
const savedXdg = process.env.XDG_CACHE_HOME;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bosun-disk-cache-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  delete g.BOSUN_ENGINE_BUILD;
  if (savedXdg === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = savedXdg;
});

describe('DiskCache', () => {
  const cache = (over: Partial<ConstructorParameters<typeof DiskCache>[0]> = {}) =>
    new DiskCache({ dir: join(dir, 'c'), build: 'b1', maxEntries: 3, maxBytes: 1000, ...over });

  test('keys keep part boundaries and the build apart', () => {
    const c = cache();
    expect(c.key(['ab', 'c'])).not.toBe(c.key(['a', 'bc']));
    expect(c.key(['a'])).toBe(c.key(['a']));
    expect(cache({ build: 'b2' }).key(['a'])).not.toBe(c.key(['a']));
  });

  test('reads what it wrote; a missing entry or directory is undefined', () => {
    const c = cache();
    expect(c.read(c.key(['x']))).toBeUndefined();
    c.write(c.key(['x']), 'value');
    expect(c.read(c.key(['x']))?.toString()).toBe('value');
    expect(readdirSync(join(dir, 'c')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  test('evicts the least recently used beyond maxEntries', () => {
    const c = cache();
    const old = new Date(Date.now() - 60_000);
    for (const [i, k] of ['a', 'b', 'c'].entries()) {
      c.write(k, k);
      const t = new Date(old.getTime() + i * 1000);
      utimesSync(join(dir, 'c', k), t, t);
    }
    c.read('a'); // used now: b is the oldest
    c.write('d', 'd');
    expect(readdirSync(join(dir, 'c')).sort()).toEqual(['a', 'c', 'd']);
  });

  test('evicts beyond maxBytes, and stale temporary files', () => {
    const c = cache();
    writeFileSync(join(dir, 'c.tmp'), ''); // outside the cache directory: untouched
    c.write('a', 'x'.repeat(600));
    const stale = join(dir, 'c', 'dead.123.tmp');
    writeFileSync(stale, 'partial');
    const t = new Date(Date.now() - 3600_000);
    utimesSync(stale, t, t);
    c.write('b', 'y'.repeat(600));
    expect(readdirSync(join(dir, 'c'))).toEqual(['b']);
    expect(statSync(join(dir, 'c.tmp')).isFile()).toBe(true);
  });

  test('an unwritable directory is no error', () => {
    writeFileSync(join(dir, 'file'), '');
    const c = cache({ dir: join(dir, 'file', 'sub') });
    expect(() => c.write('a', 'x')).not.toThrow();
    expect(c.read('a')).toBeUndefined();
  });
});

const corpus = join(import.meta.dirname, '../../../shared/fixtures/helm-corpus');

/** `bosun helm template` of a corpus case, with a freshly loaded engine (no in-memory caches). */
async function render(chart: string): Promise<string> {
  vi.resetModules();
  const { runTemplate } = await import('../../src/cli/helm/template.ts');
  return runTemplate({
    releaseName: 'rel',
    chartRef: join(corpus, 'charts', chart),
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
  }).stdout;
}

function entries(name: string): string[] {
  try {
    return readdirSync(join(dir, 'bosun', name));
  } catch {
    return [];
  }
}

describe('renders through the disk caches', () => {
  // contour: CRDs large enough for the head cache; envoy-gateway: a subchart, many partials (helm's
  // own output for both is the corpus's, checked by the compat suite)
  test.each(['contour', 'envoy-gateway'])(
    '%s: cold, warm and corrupted entries print the same',
    async (chart) => {
      process.env.XDG_CACHE_HOME = dir;
      const uncached = await render(chart);
      expect(entries('templates')).toEqual([]);

      g.BOSUN_ENGINE_BUILD = 'test-build';
      expect(await render(chart)).toBe(uncached); // stores
      expect(entries('templates')).toHaveLength(1);
      if (chart === 'contour') expect(entries('heads').length).toBeGreaterThan(0);
      expect(await render(chart)).toBe(uncached); // loads

      for (const name of ['templates', 'heads']) {
        for (const e of entries(name)) {
          const path = join(dir, 'bosun', name, e);
          const bytes = readFileSync(path);
          writeFileSync(path, bytes.subarray(0, bytes.length >> 1));
        }
      }
      expect(await render(chart)).toBe(uncached); // falls back, rewrites
      expect(await render(chart)).toBe(uncached);
    },
  );
});
