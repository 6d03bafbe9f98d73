/**
 * A tar stream written the way Go's archive/tar Writer writes regular files with an unspecified
 * format: USTAR headers (long ASCII names split into prefix/name), a PAX `path` record when the
 * name is non-ASCII or cannot be split, mod times rounded to the second, and two zero blocks at
 * the end (no padding to a 10 KiB record, unlike GNU tar).
 */

const BLOCK = 512;
const NAME_SIZE = 100;
const PREFIX_SIZE = 155;

export interface TarFile {
  name: string;
  data: Uint8Array;
  mode: number;
  modTime: Date;
}

const encoder = new TextEncoder();

function isAscii(s: string): boolean {
  return /^[\x00-\x7f]*$/.test(s);
}

/** Go's toASCII: drops every non-ASCII character. */
function toAscii(s: string): string {
  return s.replace(/[^\x00-\x7f]/g, '');
}

/** Go's splitUSTARPath: a name that fits as prefix + "/" + name, split at a slash. */
function splitUstarPath(name: string): [string, string] | undefined {
  let length = name.length;
  if (length <= NAME_SIZE || !isAscii(name)) return undefined;
  if (length > PREFIX_SIZE + 1) length = PREFIX_SIZE + 1;
  else if (name[length - 1] === '/') length--;
  const i = name.slice(0, length).lastIndexOf('/');
  const nlen = name.length - i - 1;
  if (i <= 0 || nlen > NAME_SIZE || nlen === 0 || i > PREFIX_SIZE) return undefined;
  return [name.slice(0, i), name.slice(i + 1)];
}

class HeaderBlock {
  readonly bytes = new Uint8Array(BLOCK);

  /** formatString: copies (truncating), NUL-terminates when there is room. */
  str(off: number, len: number, s: string): void {
    const b = encoder.encode(s).subarray(0, len);
    this.bytes.set(b, off);
  }

  /** formatOctal: zero-padded octal in len-1 digits and a NUL. */
  octal(off: number, len: number, n: number): void {
    this.str(off, len, `${n.toString(8).padStart(len - 1, '0')}\0`);
  }

  /** USTAR magic and the checksum, computed with the checksum field read as spaces. */
  finish(typeflag: string): Uint8Array {
    this.str(156, 1, typeflag);
    this.str(257, 6, 'ustar\0');
    this.str(263, 2, '00');
    this.bytes.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of this.bytes) sum += b;
    this.octal(148, 7, sum);
    this.bytes[155] = 0x20;
    return this.bytes;
  }
}

function header(
  name: string,
  prefix: string,
  size: number,
  mode: number,
  mtime: number,
  raw = false,
): HeaderBlock {
  const h = new HeaderBlock();
  h.str(0, NAME_SIZE, name);
  h.octal(100, 8, mode);
  h.octal(108, 8, 0); // uid
  h.octal(116, 8, 0); // gid
  h.octal(124, 12, size);
  h.octal(136, 12, mtime);
  // writeRawFile (the PAX record file) leaves the device numbers unset
  if (raw) return h;
  h.octal(329, 8, 0); // devmajor
  h.octal(337, 8, 0); // devminor
  h.str(345, PREFIX_SIZE, prefix);
  return h;
}

/** A PAX record "LEN key=value\n" whose length counts itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bodyLen = encoder.encode(body).length;
  let size = bodyLen + String(bodyLen).length;
  if (String(size).length !== String(bodyLen).length) size = bodyLen + String(size).length;
  return `${size}${body}`;
}

function padded(data: Uint8Array): Uint8Array[] {
  const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
  return pad > 0 ? [data, new Uint8Array(pad)] : [data];
}

/** time.Time.Round(time.Second).Unix() */
function roundedSeconds(t: Date): number {
  return Math.floor((t.getTime() + 500) / 1000);
}

/** The uncompressed tar stream of regular files. */
export function writeTar(files: readonly TarFile[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of files) {
    const mtime = roundedSeconds(f.modTime);
    if (encoder.encode(f.name).length <= NAME_SIZE && isAscii(f.name)) {
      parts.push(header(f.name, '', f.data.length, f.mode, mtime).finish('0'));
    } else {
      const split = splitUstarPath(f.name);
      if (split) {
        parts.push(header(split[1], split[0], f.data.length, f.mode, mtime).finish('0'));
      } else {
        const slash = f.name.lastIndexOf('/');
        const paxName = toAscii(`${f.name.slice(0, slash + 1)}PaxHeaders.0/${f.name.slice(slash + 1)}`).slice(
          0,
          NAME_SIZE,
        );
        const records = encoder.encode(paxRecord('path', f.name));
        parts.push(header(paxName.replace(/\/+$/, ''), '', records.length, 0, 0, true).finish('x'));
        parts.push(...padded(records));
        parts.push(header(toAscii(f.name), '', f.data.length, f.mode, mtime).finish('0'));
      }
    }
    parts.push(...padded(f.data));
  }
  parts.push(new Uint8Array(2 * BLOCK));
  return concat(parts);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
