/**
 * Sprig's base64/base32 functions. Decoding never fails the template: on bad input Sprig
 * returns Go's error text (`illegal base64 data at input byte N`) as the result string.
 */
import { def, type FuncMap } from '../types.ts';
import { fromUtf8, utf8Bytes } from './a-gostring.ts';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function decodeMap(alphabet: string): Int16Array {
  const m = new Int16Array(256).fill(-1);
  for (let i = 0; i < alphabet.length; i++) m[alphabet.charCodeAt(i)] = i;
  return m;
}
const B64_MAP = decodeMap(B64);
const B32_MAP = decodeMap(B32);

class CorruptInput {
  constructor(readonly offset: number) {}
}

export function base64Encode(s: string): string {
  return Buffer.from(utf8Bytes(s)).toString('base64');
}

/** base64.StdEncoding.DecodeString: newlines skipped, padding required, Go's error offsets. */
export function base64Decode(s: string): string {
  const src = utf8Bytes(s);
  const out: number[] = [];
  let si = 0;
  const isNewline = (c: number) => c === 0x0a || c === 0x0d;
  try {
    while (si < src.length) {
      const quad = [0, 0, 0, 0];
      let dlen = 4;
      let trailing: number | undefined;
      let j = 0;
      for (; j < 4; j++) {
        if (si === src.length) {
          if (j === 0) return fromUtf8(Uint8Array.from(out));
          throw new CorruptInput(si - j);
        }
        const c = src[si++]!;
        const v = B64_MAP[c]!;
        if (v >= 0) {
          quad[j] = v;
          continue;
        }
        if (isNewline(c)) {
          j--;
          continue;
        }
        if (c !== 0x3d) throw new CorruptInput(si - 1);
        // padding: only after two or three symbols
        if (j < 2) throw new CorruptInput(si - 1);
        if (j === 2) {
          while (si < src.length && isNewline(src[si]!)) si++;
          if (si === src.length) throw new CorruptInput(src.length);
          if (src[si] !== 0x3d) throw new CorruptInput(si - 1);
          si++;
        }
        while (si < src.length && isNewline(src[si]!)) si++;
        if (si < src.length) trailing = si;
        dlen = j;
        break;
      }
      const val = (quad[0]! << 18) | (quad[1]! << 12) | (quad[2]! << 6) | quad[3]!;
      const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
      out.push(...bytes.slice(0, dlen - 1));
      if (trailing !== undefined) throw new CorruptInput(trailing);
      if (dlen < 4) break;
    }
  } catch (e) {
    if (e instanceof CorruptInput) return `illegal base64 data at input byte ${e.offset}`;
    throw e;
  }
  return fromUtf8(Uint8Array.from(out));
}

export function base32Encode(s: string): string {
  const b = utf8Bytes(s);
  let out = '';
  for (let i = 0; i < b.length; i += 5) {
    const chunk = b.subarray(i, i + 5);
    let bits = 0n;
    for (let k = 0; k < 5; k++) bits = (bits << 8n) | BigInt(chunk[k] ?? 0);
    const symbols = Math.ceil((chunk.length * 8) / 5);
    for (let k = 0; k < 8; k++) {
      out += k < symbols ? B32[Number((bits >> BigInt(35 - 5 * k)) & 31n)] : '=';
    }
  }
  return out;
}

/** base32.StdEncoding.DecodeString: newlines stripped first, then Go's quantum decoder. */
export function base32Decode(s: string): string {
  const src = utf8Bytes(s).filter((c) => c !== 0x0a && c !== 0x0d);
  const olen = src.length;
  const out: number[] = [];
  let pos = 0;
  let end = false;
  while (pos < src.length && !end) {
    const q = [0, 0, 0, 0, 0, 0, 0, 0];
    let dlen = 8;
    for (let j = 0; j < 8; ) {
      if (pos === src.length) return `illegal base32 data at input byte ${olen - (src.length - pos) - j}`;
      const c = src[pos++]!;
      const left = src.length - pos;
      if (c === 0x3d && j >= 2 && left < 8) {
        if (left + j < 7) return `illegal base32 data at input byte ${olen}`;
        for (let k = 0; k < 7 - j; k++) {
          if (left > k && src[pos + k] !== 0x3d)
            return `illegal base32 data at input byte ${olen - left + k - 1}`;
        }
        dlen = j;
        end = true;
        // 1, 3 and 6 symbols cannot encode a whole byte
        if (dlen === 1 || dlen === 3 || dlen === 6)
          return `illegal base32 data at input byte ${olen - left - 1}`;
        break;
      }
      const v = B32_MAP[c]!;
      if (v < 0) return `illegal base32 data at input byte ${olen - left - 1}`;
      q[j++] = v;
    }
    let bits = 0n;
    for (const v of q) bits = (bits << 5n) | BigInt(v);
    const nbytes = { 8: 5, 7: 4, 5: 3, 4: 2, 2: 1 }[dlen] ?? 0;
    for (let k = 0; k < nbytes; k++) out.push(Number((bits >> BigInt(32 - 8 * k)) & 0xffn));
  }
  return fromUtf8(Uint8Array.from(out));
}

export const encodingFuncs: FuncMap = {
  b64enc: def(['string'], base64Encode),
  b64dec: def(['string'], base64Decode),
  b32enc: def(['string'], base32Encode),
  b32dec: def(['string'], base32Decode),
};
