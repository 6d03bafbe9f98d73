/**
 * File modification times for a chart loaded from disk. Helm's loader keeps each file's ModTime
 * (from the directory, or from the tar header of a subchart archive) and Save writes it into the
 * archive; our loaded files carry only bytes, so the times are recovered here, keyed by the
 * identity of each file's data (the loader shares those buffers between a chart and its
 * subcharts).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Chart } from '../chart.ts';

export type ModTimes = WeakMap<Uint8Array, Date>;

/** Mod times of every file of `chart`, loaded from directory `dir`, and of its subcharts. */
export function modTimesFromDir(chart: Chart, dir: string): ModTimes {
  const times: ModTimes = new WeakMap();
  for (const f of chart.raw) {
    try {
      times.set(f.data, statSync(join(dir, f.name)).mtime);
    } catch {
      // a file that vanished since loading gets the archive's "now"
    }
  }
  addArchivedSubcharts(chart, times);
  return times;
}

/** Subcharts that were loaded from charts/*.tgz: their times come from the archive's headers. */
function addArchivedSubcharts(chart: Chart, times: ModTimes): void {
  const unmatched = new Set(chart.dependencies);
  for (const f of chart.raw) {
    if (!/^charts\/[^/]+\.tgz$/.test(f.name)) continue;
    let entries: { name: string; mtime: Date }[];
    try {
      entries = tarModTimes(gunzipSync(f.data));
    } catch {
      continue;
    }
    const sub = [...unmatched].find(
      (d) => d.raw.length === entries.length && d.raw.every((r, i) => r.name === entries[i]!.name),
    );
    if (!sub) continue;
    unmatched.delete(sub);
    sub.raw.forEach((r, i) => {
      times.set(r.data, entries[i]!.mtime);
    });
  }
  for (const d of chart.dependencies) addArchivedSubcharts(d, times);
}

const decoder = new TextDecoder();

function field(block: Uint8Array, off: number, len: number): string {
  const b = block.subarray(off, off + len);
  const end = b.indexOf(0);
  return decoder.decode(end >= 0 ? b.subarray(0, end) : b);
}

/** Regular files of a tar stream with their mod times, named as the chart loader names them. */
function tarModTimes(tar: Uint8Array): { name: string; mtime: Date }[] {
  const out: { name: string; mtime: Date }[] = [];
  let off = 0;
  let longName: string | undefined;
  while (off + 512 <= tar.length) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const size = Number.parseInt(field(h, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(h[156] || 0x30);
    const data = tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = field(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(decoder.decode(data));
      longName = m?.[1];
      continue;
    }
    if (type === 'g') continue;
    let name = field(h, 0, 100);
    const prefix = field(h, 345, 155);
    if (field(h, 257, 6).startsWith('ustar') && prefix) name = `${prefix}/${name}`;
    if (longName !== undefined) name = longName;
    longName = undefined;
    if (type === '5' || name.endsWith('/')) continue;
    const rest = name.split(name.includes('\\') ? '\\' : '/').slice(1);
    const clean = rest.filter((s) => s !== '' && s !== '.').join('/');
    const mtime = new Date(Number.parseInt(field(h, 136, 12).trim() || '0', 8) * 1000);
    out.push({ name: clean, mtime });
  }
  return out;
}
