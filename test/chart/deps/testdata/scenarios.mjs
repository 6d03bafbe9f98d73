/**
 * Command scenarios for package / create / show / dependency, run in a fresh work directory
 * holding copies of ./charts (all files stamped with one fixed mod time). record.mjs runs them
 * with the real helm and stores golden.json; the tests run them with bosun and compare.
 * The result of a scenario: each command's stdout, stderr and exit code, then a snapshot of
 * the work directory (text files verbatim with Chart.lock's `generated` masked; archives as
 * their tar entries with mod times masked; the exact archive bytes are checked elsewhere).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const FIXED_MTIME = new Date('2025-01-02T03:04:05.600Z');

export const scenarios = [
  { id: 'show/chart', cmds: [['show', 'chart', 'charts/c1'], ['show', 'chart', 'charts/legacy']] },
  { id: 'show/values', cmds: [['show', 'values', 'charts/c1'], ['show', 'values', 'charts/app2']] },
  { id: 'show/readme-crds', cmds: [['show', 'readme', 'charts/c1'], ['show', 'crds', 'charts/c1'], ['show', 'crds', 'charts/app']] },
  { id: 'show/all', cmds: [['show', 'all', 'charts/c1'], ['show', 'all', 'charts/app']] },
  {
    id: 'show/jsonpath',
    cmds: [
      ['show', 'values', 'charts/c1', '--jsonpath', '{.image.tag}'],
      ['show', 'values', 'charts/c1', '--jsonpath', '{.image}'],
      ['show', 'values', 'charts/c1', '--jsonpath', 'r={.replicas} {.nope}'],
      ['show', 'values', 'charts/c1', '--jsonpath', '{.image'],
    ],
  },
  { id: 'show/archive', cmds: [['package', 'charts/c1', '-d', 'out'], ['show', 'all', 'out/c1-1.2.3-rc.1+build.tgz']] },
  { id: 'show/errors', cmds: [['show', 'chart', './nope'], ['show', 'chart'], ['show', 'values', 'a', 'b']] },
  { id: 'package/simple', cmds: [['package', 'charts/proxy']] },
  {
    id: 'package/flags',
    cmds: [
      ['package', 'charts/c1', '--version', '2.0.0-beta.1', '--app-version', 'x y', '-d', 'dist/deep'],
      ['package', 'charts/proxy', 'charts/c1', '--destination', 'dist'],
    ],
  },
  {
    id: 'package/errors',
    cmds: [
      ['package'],
      ['package', 'charts/nope'],
      ['package', 'charts/proxy', '--version', 'bad'],
      ['package', 'charts/app'],
      ['package', 'charts/proxy/Chart.yaml'],
      ['package', 'charts/proxy', '-d', 'charts/proxy/Chart.yaml'],
    ],
  },
  { id: 'package/dependency-update', cmds: [['package', '-u', 'charts/app', '-d', 'out']] },
  { id: 'package/legacy', cmds: [['dependency', 'update', 'charts/legacy'], ['package', 'charts/legacy']] },
  {
    id: 'dependency/update-build',
    cmds: [
      ['dependency', 'list', 'charts/app'],
      ['dependency', 'update', 'charts/app'],
      ['dependency', 'list', 'charts/app'],
      ['dependency', 'build', 'charts/app'],
      ['dep', 'list', 'charts/app', '--max-col-width', '10'],
    ],
  },
  {
    id: 'dependency/statuses',
    cmds: [
      ['dependency', 'list', 'charts/app2'],
      ['dependency', 'update', 'charts/app2'],
      ['dependency', 'build', 'charts/app2'],
      ['package', 'charts/proxy', '-d', 'charts/app2/charts'],
      ['dependency', 'list', 'charts/app2'],
      ['package', 'charts/c1', '-d', 'charts/app2/charts'],
      ['dependency', 'list', 'charts/app2'],
      ['dependency', 'list', 'charts/c1'],
    ],
  },
  {
    id: 'dependency/errors',
    cmds: [
      ['dependency', 'update', 'charts/nope'],
      ['dependency', 'build', 'out/c1-1.2.3-rc.1+build.tgz'],
      ['dependency', 'list', 'a', 'b'],
    ],
  },
  { id: 'create/new', cmds: [['create', 'mychart'], ['create', 'mychart'], ['create', 'nested/deeper']] },
  {
    id: 'create/errors',
    cmds: [['create', 'b@d'], ['create', 'x/y/z'], ['create', 'charts/proxy/Chart.yaml'], ['create'], ['create', 'a', 'b']],
  },
];

/** A fresh work directory with the fixture charts, every file stamped with FIXED_MTIME. */
export function prepare() {
  const work = mkdtempSync(join(tmpdir(), 'bosun-scenario-'));
  cpSync(new URL('./charts', import.meta.url).pathname, join(work, 'charts'), { recursive: true });
  const stamp = (p) => {
    for (const e of readdirSync(p, { withFileTypes: true })) {
      const f = join(p, e.name);
      if (e.isDirectory()) stamp(f);
      utimesSync(f, FIXED_MTIME, FIXED_MTIME);
    }
  };
  stamp(work);
  return work;
}

function tarEntries(gz) {
  const tar = gunzipSync(gz);
  const out = [];
  let off = 0;
  while (off + 512 <= tar.length) {
    const h = Buffer.from(tar.subarray(off, off + 512));
    if (h.every((b) => b === 0)) break;
    const size = Number.parseInt(h.subarray(124, 136).toString().replace(/\0.*$/s, '').trim() || '0', 8);
    const data = tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    const name = h.subarray(0, 100).toString().replace(/\0.*$/s, '');
    const type = String.fromCharCode(h[156]);
    const mode = h.subarray(100, 108).toString();
    let text = data.toString('utf8');
    let shown = String(size);
    // the lock's `generated` time (nanoseconds, trailing zeros dropped) varies run to run
    if (/\/(Chart|requirements)\.lock$/.test(name)) {
      text = text.replace(/^generated: .*$/m, 'generated: <masked>');
      shown = '<masked>';
    }
    out.push(`${type} ${name} ${JSON.stringify(mode)} ${shown} ${createHash('sha256').update(text).digest('hex').slice(0, 16)}`);
  }
  // Helm walks subcharts in Go map order: compare the entries as a set
  return out.sort();
}

/** The work directory's files, normalized for comparison. */
export function snapshot(work) {
  const out = {};
  const walk = (p, rel) => {
    for (const name of readdirSync(p).sort()) {
      const f = join(p, name);
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(f).isDirectory()) {
        out[`${r}/`] = '';
        walk(f, r);
      } else if (name.endsWith('.tgz')) out[r] = tarEntries(readFileSync(f));
      else out[r] = readFileSync(f, 'utf8').replace(/^generated: .*$/m, 'generated: <masked>');
    }
  };
  walk(work, '');
  return out;
}

/** Runs a scenario with `argv0 ...prefix helm-args` in a fresh directory. */
export function runScenario(sc, argv0, prefix = [], env = {}) {
  const work = prepare();
  const home = mkdtempSync(join(tmpdir(), 'bosun-scenario-home-'));
  try {
    const results = sc.cmds.map((args) => {
      const r = spawnSync(argv0, [...prefix, ...args], {
        cwd: work,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          HOME: home,
          HELM_CONFIG_HOME: join(home, 'config'),
          HELM_CACHE_HOME: join(home, 'cache'),
          HELM_DATA_HOME: join(home, 'data'),
          TZ: 'UTC',
          ...env,
        },
      });
      const norm = (s) => s.split(work).join('$WORK');
      return { args, stdout: norm(r.stdout), stderr: norm(r.stderr), code: r.status };
    });
    return { results, files: snapshot(work) };
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
}
