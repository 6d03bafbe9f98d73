/**
 * Go's base64.StdEncoding.DecodeString: padding required, `\r` and `\n` skipped anywhere, and
 * the byte offset of the first bad character reported as `illegal base64 data at input byte N`.
 * Node's decoder is lenient (it skips junk silently), so it cannot tell Go's errors apart.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

const PAD = 0x3d; // '='
const isNewline = (b: number | undefined) => b === 0x0a || b === 0x0d;

export class Base64Error extends Error {
  constructor(readonly offset: number) {
    super(`illegal base64 data at input byte ${offset}`);
  }
}

export interface Decoded {
  bytes: Buffer;
  /** cap() of the slice Go returns: DecodedLen(len(s)), which index panics mention. */
  capacity: number;
}

/** Decodes `s` (its UTF-8 bytes) or throws a Base64Error at Go's offset. */
export function goBase64Decode(s: string): Decoded {
  const src = Buffer.from(s, 'utf8');
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const quantum: number[] = [];
    let ended = false;
    while (quantum.length < 4) {
      if (si === src.length) {
        // running out mid-quantum: padding was required
        if (quantum.length === 0) {
          ended = true;
          break;
        }
        throw new Base64Error(si - quantum.length);
      }
      const c = src[si++]!;
      const v = DECODE[c]!;
      if (v >= 0) {
        quantum.push(v);
        continue;
      }
      if (isNewline(c)) continue;
      if (c !== PAD || quantum.length < 2) throw new Base64Error(si - 1);
      if (quantum.length === 2) {
        // "==" expected: the first '=' is consumed, find the second past any newlines
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) throw new Base64Error(src.length);
        if (src[si] !== PAD) throw new Base64Error(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) {
        flush(quantum, out);
        throw new Base64Error(si);
      }
      ended = true;
      break;
    }
    if (quantum.length > 0) flush(quantum, out);
    if (ended) break;
  }
  return { bytes: Buffer.from(out), capacity: Math.floor(src.length / 4) * 3 };
}

function flush(quantum: number[], out: number[]): void {
  const [a = 0, b = 0, c = 0, d = 0] = quantum;
  const v = (a << 18) | (b << 12) | (c << 6) | d;
  const bytes = [(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
  out.push(...bytes.slice(0, quantum.length - 1));
}

export function base64Encode(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
