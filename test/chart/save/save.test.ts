import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadChart } from '../../../src/chart/index.ts';
import {
  archiveBytes,
  chartfileYaml,
  modTimesFromDir,
  Package,
  saveDir,
} from '../../../src/chart/save/index.ts';
import { REFERENCE_DIR } from '../../support/reference-bins.ts';

const HELM = join(REFERENCE_DIR, 'helm');
const hasHelm = existsSync(HELM);
const KIAMOL = new URL('../../../../shared/fixtures/kiamol/ch10', import.meta.url).pathname;
const hasKiamol = existsSync(KIAMOL);
if (!hasKiamol) console.log('skipping kiamol archives: ../shared/fixtures is absent');
const TESTDATA = new URL('./testdata', import.meta.url).pathname;
const GOLDEN = join(TESTDATA, 'archives.golden.json');
// half a second past the minute: Go's tar writer rounds to the nearest second
const MTIME = new Date('2024-03-04T05:06:07.5Z');

const tmp = mkdtempSync(join(tmpdir(), 'bosun-save-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of a chart with every file stamped MTIME. */
function stampedCopy(src: string, name: string): string {
  const dst = join(tmp, 'src', name);
  cpSync(src, dst, { recursive: true });
  const stamp = (p: string) => {
    for (const e of readdirSync(p, { withFileTypes: true })) {
      if (e.isDirectory()) stamp(join(p, e.name));
      utimesSync(join(p, e.name), MTIME, MTIME);
    }
  };
  stamp(dst);
  return dst;
}

/** Each tar entry (its header blocks and data) hashed; sorted, since Helm orders subcharts randomly. */
function tarEntryHashes(gz: Uint8Array): string[] {
  const tar = gunzipSync(gz);
  const out: string[] = [];
  let off = 0;
  let start = 0;
  while (off + 512 <= tar.length) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) {
      // the end: exactly two zero blocks
      expect(tar.length - off).toBe(1024);
      break;
    }
    const size = Number.parseInt(Buffer.from(h.subarray(124, 135)).toString(), 8);
    off += 512 + Math.ceil(size / 512) * 512;
    if (h[156] === 0x78) continue; // a PAX record belongs to the next entry
    const name = Buffer.from(h.subarray(0, 100)).toString().replace(/\0.*$/s, '');
    out.push(`${name} ${createHash('sha256').update(tar.subarray(start, off)).digest('hex')}`);
    start = off;
  }
  return out.sort();
}

const cases: { name: string; src: string; skip?: boolean }[] = [
  { name: 'everything', src: join(TESTDATA, 'everything') },
  { name: 'kiamol-proxy', src: join(KIAMOL, 'proxy'), skip: !hasKiamol },
  { name: 'kiamol-web-ping', src: join(KIAMOL, 'web-ping'), skip: !hasKiamol },
  { name: 'kiamol-vweb-v2', src: join(KIAMOL, 'vweb/v2/vweb'), skip: !hasKiamol },
];

describe('chart archives', () => {
  const golden: Record<string, string[]> = existsSync(GOLDEN) ? JSON.parse(readFileSync(GOLDEN, 'utf8')) : {};
  const recorded: Record<string, string[]> = { ...golden };

  it.each(cases.filter((c) => !c.skip))('$name: tar entries equal helm package', ({ name, src }) => {
    const dir = stampedCopy(src, name);
    const p = new Package();
    p.destination = join(tmp, 'ours', name);
    const ours = readFileSync(p.run(dir));
    // Go's gzip header: FEXTRA|FCOMMENT, no mtime, OS 255, Helm's marker and comment
    const head = Buffer.from(ours.subarray(0, 58)).toString('latin1');
    expect(head).toBe(
      '\x1f\x8b\x08\x14\x00\x00\x00\x00\x00\xff\x29\x00+aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=Helm\0',
    );
    const got = tarEntryHashes(ours);
    if (hasHelm) {
      const out = join(tmp, 'helm', name);
      execFileSync(HELM, ['package', dir, '-d', out]);
      const theirs = readFileSync(join(out, readdirSync(out)[0]!));
      expect(Buffer.from(theirs.subarray(0, 58))).toEqual(Buffer.from(ours.subarray(0, 58)));
      const want = tarEntryHashes(theirs);
      recorded[name] = want;
      expect(got).toEqual(want);
    } else {
      expect(golden[name]).toBeDefined();
      expect(got).toEqual(golden[name]);
    }
  });

  afterAll(() => {
    if (process.env.UPDATE_GOLDEN && hasHelm) writeFileSync(GOLDEN, `${JSON.stringify(recorded, null, 1)}\n`);
  });

  it.skipIf(!hasHelm)('an archive we write renders like the source with the real helm', () => {
    const dir = stampedCopy(join(TESTDATA, 'everything'), 'render');
    const p = new Package();
    p.destination = join(tmp, 'render');
    const archive = p.run(dir);
    const render = (chart: string) => execFileSync(HELM, ['template', 'rel', chart], { encoding: 'utf8' });
    expect(render(archive)).toBe(render(dir));
  });

  it('writes nothing when validation fails', () => {
    const chart = loadChart(join(TESTDATA, 'everything'));
    chart.metadata.version = 'not-a-version';
    const dest = join(tmp, 'invalid');
    expect(() => archiveBytes(chart)).toThrow(
      'chart validation: validation: chart.metadata.version "not-a-version" is invalid',
    );
    expect(existsSync(dest)).toBe(false);
  });

  it('rejects an invalid values.schema.json', () => {
    const chart = loadChart(join(TESTDATA, 'everything'));
    chart.schema = new TextEncoder().encode('{nope');
    expect(() => archiveBytes(chart)).toThrow('invalid JSON in values.schema.json');
  });

  it('recovers the mod times of files inside archived subcharts', () => {
    const dir = stampedCopy(join(TESTDATA, 'everything'), 'mtimes');
    const chart = loadChart(dir);
    const times = modTimesFromDir(chart, dir);
    const webPing = chart.dependencies.find((d) => d.name() === 'web-ping')!;
    const t = times.get(webPing.raw.find((f) => f.name === 'Chart.yaml')!.data);
    // the archive in charts/ was written by helm with its own source's times, not MTIME
    expect(t).toBeInstanceOf(Date);
    expect(t!.getTime()).not.toBe(MTIME.getTime());
    expect(times.get(chart.raw.find((f) => f.name === 'values.yaml')!.data)).toEqual(MTIME);
  });
});

describe('Chart.yaml serialisation', () => {
  it('matches helm show chart (keys sorted, omitempty fields dropped)', () => {
    const chart = loadChart(join(TESTDATA, '../../deps/testdata/charts/c1'));
    expect(chartfileYaml(chart.metadata)).toBe(readFileSync(join(TESTDATA, 'c1-chart.golden'), 'utf8'));
  });
});

describe('saveDir', () => {
  it('writes the chart unpacked with its subcharts archived', () => {
    const chart = loadChart(join(TESTDATA, 'everything'));
    const dest = join(tmp, 'unpacked');
    saveDir(chart, dest);
    const again = loadChart(join(dest, 'everything'));
    expect(again.metadata).toEqual(chart.metadata);
    expect(readdirSync(join(dest, 'everything/charts')).sort()).toEqual([
      'dirsub-0.2.1.tgz',
      'web-ping-0.1.0.tgz',
    ]);
    expect(again.templates.map((t) => t.name)).toEqual(chart.templates.map((t) => t.name));
  });
});
