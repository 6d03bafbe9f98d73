/**
 * Reading a chart archive (.tgz) into buffered files, with Helm's safety rules: the first path
 * segment is the chart directory and is dropped, no absolute or parent paths, no drive letters,
 * Chart.yaml must not sit at the archive root, and size limits per file and per chart.
 */
import { createRequire } from 'node:module';
import type * as Zlib from 'node:zlib';
import type { ChartFile } from './chart.ts';

/** zlib loads only when an archive is read (off the start-up path of directory charts). */
const gunzipSync: typeof Zlib.gunzipSync = (...args) =>
  (createRequire(import.meta.url)('node:zlib') as typeof Zlib).gunzipSync(...args);

export const MAX_DECOMPRESSED_CHART_SIZE = 100 * 1024 * 1024;
export const MAX_DECOMPRESSED_FILE_SIZE = 5 * 1024 * 1024;

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function trimBom(data: Uint8Array): Uint8Array {
  if (data.length >= 3 && data[0] === UTF8_BOM[0] && data[1] === UTF8_BOM[1] && data[2] === UTF8_BOM[2]) {
    return data.subarray(3);
  }
  return data;
}

export function isGzip(data: Uint8Array): boolean {
  return data.length >= 3 && data[0] === 0x1f && data[1] === 0x8b && data[2] === 0x08;
}

interface TarEntry {
  name: string;
  type: string;
  size: number;
  data: Uint8Array;
}

function cstring(buf: Uint8Array, off: number, len: number): string {
  let end = off;
  while (end < off + len && buf[end] !== 0) end++;
  return Buffer.from(buf.subarray(off, end)).toString('utf8');
}

function octal(buf: Uint8Array, off: number, len: number): number {
  // GNU base-256 for large sizes
  if ((buf[off]! & 0x80) !== 0) {
    let n = 0;
    for (let i = 1; i < len; i++) n = n * 256 + buf[off + i]!;
    return n;
  }
  const s = cstring(buf, off, len).trim();
  return s === '' ? 0 : Number.parseInt(s, 8);
}

/** PAX extended header records: "len key=value\n". */
function paxRecords(data: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const text = Buffer.from(data).toString('utf8');
  let i = 0;
  while (i < text.length) {
    const sp = text.indexOf(' ', i);
    if (sp < 0) break;
    const len = Number.parseInt(text.slice(i, sp), 10);
    if (!(len > 0)) break;
    const rec = text.slice(sp + 1, i + len - 1);
    const eq = rec.indexOf('=');
    if (eq > 0) out.set(rec.slice(0, eq), rec.slice(eq + 1));
    i += len;
  }
  return out;
}

/** The entries of an uncompressed tar stream, with GNU long names and PAX paths applied. */
function* tarEntries(tar: Uint8Array): Generator<TarEntry> {
  let off = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  while (off + 512 <= tar.length) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) return;
    let name = cstring(header, 0, 100);
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 0x30);
    const magic = cstring(header, 257, 6);
    if (magic.startsWith('ustar')) {
      const prefix = cstring(header, 345, 155);
      if (prefix) name = `${prefix}/${name}`;
    }
    const start = off + 512;
    if (start + size > tar.length) throw new Error('unexpected EOF');
    const data = tar.subarray(start, start + size);
    off = start + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = cstring(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      paxPath = paxRecords(data).get('path');
      continue;
    }
    if (type === 'g') continue;
    if (paxPath !== undefined) name = paxPath;
    else if (longName !== undefined) name = longName;
    paxPath = undefined;
    longName = undefined;
    yield { name, type, size, data };
  }
  throw new Error('unexpected EOF');
}

/** path.Clean for slash paths. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(seg);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** archive.LoadArchiveFiles: the files of a gzipped chart tarball. */
export function loadArchiveFiles(gz: Uint8Array): ChartFile[] {
  let tar: Uint8Array;
  try {
    tar = gunzipSync(gz);
  } catch {
    throw new Error(isGzip(gz) ? 'unexpected EOF' : 'gzip: invalid header');
  }
  const files: ChartFile[] = [];
  let remaining = MAX_DECOMPRESSED_CHART_SIZE;
  for (const e of tarEntries(tar)) {
    if (e.type === '5' || e.name.endsWith('/')) continue;
    const delimiter = e.name.includes('\\') ? '\\' : '/';
    const parts = e.name.split(delimiter);
    let n = parts.slice(1).join('/');
    if (n.startsWith('/')) throw new Error('chart illegally contains absolute paths');
    n = cleanPath(n);
    if (n === '.')
      throw new Error(
        `chart illegally contains content outside the base directory: ${JSON.stringify(e.name)}`,
      );
    if (n.startsWith('..')) throw new Error('chart illegally references parent directory');
    if (/^[a-zA-Z]:\//.test(n)) throw new Error('chart contains illegally named files');
    if (parts[0] === 'Chart.yaml') throw new Error('chart yaml not in base directory');
    if (e.size > remaining)
      throw new Error(`decompressed chart is larger than the maximum size ${MAX_DECOMPRESSED_CHART_SIZE}`);
    if (e.size > MAX_DECOMPRESSED_FILE_SIZE) {
      throw new Error(
        `decompressed chart file ${JSON.stringify(e.name)} is larger than the maximum file size ${MAX_DECOMPRESSED_FILE_SIZE}`,
      );
    }
    remaining -= e.size;
    if (remaining <= 0)
      throw new Error(`decompressed chart is larger than the maximum size ${MAX_DECOMPRESSED_CHART_SIZE}`);
    files.push({ name: n, data: trimBom(e.data) });
  }
  if (files.length === 0) throw new Error('no files in chart archive');
  return files;
}
