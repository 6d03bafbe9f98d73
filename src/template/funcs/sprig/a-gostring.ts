/**
 * Go string semantics the Sprig string functions depend on. Go strings are byte sequences and
 * many Sprig/goutils helpers index or slice them by byte (trunc, substr, abbrev, wrap, initials,
 * nospace), so those run over UTF-8 bytes here. Bytes that do not form valid UTF-8 afterwards
 * decode to U+FFFD: a JS string cannot carry them, where Go would print the raw bytes.
 *
 * The rune predicates and case mappings follow Go's `unicode` package: simple (1:1) case
 * mappings, not JavaScript's full mappings (`"ß".toUpperCase()` is "SS" in JS, "ß" in Go).
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** Whether every character is ASCII, so bytes and UTF-16 units coincide. */
export function isASCII(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

export function fromUtf8(b: Uint8Array): string {
  return decoder.decode(b);
}

/** Length of a string in bytes (Go's `len(s)`). */
export function byteLen(s: string): number {
  if (isASCII(s)) return s.length;
  return encoder.encode(s).length;
}

/** Go's `s[start:end]` on bytes, after bounds were checked by the caller. */
export function byteSlice(s: string, start: number, end?: number): string {
  if (isASCII(s)) return s.slice(start, end);
  const b = encoder.encode(s);
  return decoder.decode(b.subarray(start, end ?? b.length));
}

/** Writes a rune (Go's `utf8.AppendRune` / `WriteRune`); surrogates become U+FFFD as in Go. */
export function runeString(r: number): string {
  if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(r);
}

/** Code points of a string (Go's `[]rune(s)`). */
export function runes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

// --- unicode predicates -------------------------------------------------------------------

/** unicode.IsSpace: Latin-1 spaces plus the White_Space property. */
export function isSpace(r: number): boolean {
  if (r <= 0xff) {
    return (r >= 0x09 && r <= 0x0d) || r === 0x20 || r === 0x85 || r === 0xa0;
  }
  return (
    r === 0x1680 ||
    (r >= 0x2000 && r <= 0x200a) ||
    r === 0x2028 ||
    r === 0x2029 ||
    r === 0x202f ||
    r === 0x205f ||
    r === 0x3000
  );
}

const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;
const TITLE = /^\p{Lt}$/u;
const LETTER = /^\p{L}$/u;
const NUMBER = /^\p{N}$/u;
const DIGIT = /^\p{Nd}$/u;
const PUNCT = /^\p{P}$/u;

function test(re: RegExp, r: number): boolean {
  if (r < 0 || r > 0x10ffff) return false;
  return re.test(String.fromCodePoint(r));
}

export function isUpper(r: number): boolean {
  if (r < 0x80) return r >= 0x41 && r <= 0x5a;
  return test(UPPER, r);
}
export function isLower(r: number): boolean {
  if (r < 0x80) return r >= 0x61 && r <= 0x7a;
  return test(LOWER, r);
}
export function isTitle(r: number): boolean {
  return r >= 0x80 && test(TITLE, r);
}
export function isLetter(r: number): boolean {
  if (r < 0x80) return (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a);
  return test(LETTER, r);
}
export function isNumber(r: number): boolean {
  if (r < 0x80) return r >= 0x30 && r <= 0x39;
  return test(NUMBER, r);
}
export function isDigit(r: number): boolean {
  if (r < 0x80) return r >= 0x30 && r <= 0x39;
  return test(DIGIT, r);
}
export function isPunct(r: number): boolean {
  return test(PUNCT, r);
}

// --- simple case mappings ----------------------------------------------------------------

/** Simple mappings JS cannot give directly (its full mapping expands to several characters). */
const SIMPLE_UPPER: Record<number, number> = { 8115: 0x1fbc, 8131: 0x1fcc, 8179: 0x1ffc };
const SIMPLE_LOWER: Record<number, number> = { 304: 0x69 };
/** Title case differs from upper case only for the Latin digraphs. */
const SIMPLE_TITLE: Record<number, number> = {
  452: 0x1c5,
  453: 0x1c5,
  454: 0x1c5,
  455: 0x1c8,
  456: 0x1c8,
  457: 0x1c8,
  458: 0x1cb,
  459: 0x1cb,
  460: 0x1cb,
  497: 0x1f2,
  498: 0x1f2,
  499: 0x1f2,
};

function singleCodePoint(s: string): number | undefined {
  const cp = s.codePointAt(0)!;
  return s.length === (cp > 0xffff ? 2 : 1) ? cp : undefined;
}

/** unicode.ToUpper. */
export function toUpperRune(r: number): number {
  if (r < 0x80) return r >= 0x61 && r <= 0x7a ? r - 32 : r;
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return r;
  const special = SIMPLE_UPPER[r];
  if (special !== undefined) return special;
  // Greek letters with ypogegrammeni map to their prosgegrammeni form (+8)
  if ((r >= 0x1f80 && r <= 0x1f87) || (r >= 0x1f90 && r <= 0x1f97) || (r >= 0x1fa0 && r <= 0x1fa7))
    return r + 8;
  return singleCodePoint(String.fromCodePoint(r).toUpperCase()) ?? r;
}

/** unicode.ToLower. */
export function toLowerRune(r: number): number {
  if (r < 0x80) return r >= 0x41 && r <= 0x5a ? r + 32 : r;
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return r;
  const special = SIMPLE_LOWER[r];
  if (special !== undefined) return special;
  return singleCodePoint(String.fromCodePoint(r).toLowerCase()) ?? r;
}

/** unicode.ToTitle. */
export function toTitleRune(r: number): number {
  return SIMPLE_TITLE[r] ?? toUpperRune(r);
}

function mapRunes(s: string, f: (r: number) => number): string {
  let out = '';
  for (const ch of s) out += String.fromCodePoint(f(ch.codePointAt(0)!));
  return out;
}

/** strings.ToUpper. */
export function goToUpper(s: string): string {
  if (isASCII(s)) return s.toUpperCase();
  return mapRunes(s, toUpperRune);
}

/** strings.ToLower. */
export function goToLower(s: string): string {
  if (isASCII(s)) return s.toLowerCase();
  return mapRunes(s, toLowerRune);
}

// --- strings package ---------------------------------------------------------------------

/** strings.TrimSpace. */
export function trimSpace(s: string): string {
  const rs = runes(s);
  let i = 0;
  let j = rs.length;
  while (i < j && isSpace(rs[i]!)) i++;
  while (j > i && isSpace(rs[j - 1]!)) j--;
  return i === 0 && j === rs.length ? s : String.fromCodePoint(...rs.slice(i, j));
}

/** strings.Trim with a cutset of runes. */
export function trimCutset(s: string, cutset: string): string {
  if (s === '' || cutset === '') return s;
  const cut = new Set(runes(cutset));
  const rs = runes(s);
  let i = 0;
  let j = rs.length;
  while (i < j && cut.has(rs[i]!)) i++;
  while (j > i && cut.has(rs[j - 1]!)) j--;
  return String.fromCodePoint(...rs.slice(i, j));
}

/** strings.Title (deprecated in Go, still what Sprig calls): upper-cases word starts. */
export function goTitle(s: string): string {
  let prev = 0x20;
  let out = '';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    out += String.fromCodePoint(isTitleSeparator(prev) ? toTitleRune(r) : r);
    prev = r;
  }
  return out;
}

function isTitleSeparator(r: number): boolean {
  if (r <= 0x7f) {
    const alnum = (r >= 0x30 && r <= 0x39) || (r >= 0x61 && r <= 0x7a) || (r >= 0x41 && r <= 0x5a);
    return !(alnum || r === 0x5f);
  }
  if (isLetter(r) || isDigit(r)) return false;
  return isSpace(r);
}

/** strings.Split / strings.SplitN (n < 0: all parts; n == 0: none). */
export function goSplitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    // explode into UTF-8 sequences, the last part taking the remainder
    const chars = Array.from(s);
    if (n < 0 || n >= chars.length) return chars;
    return [...chars.slice(0, n - 1), chars.slice(n - 1).join('')];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

/** strings.Repeat, with Go's panics. */
export function goRepeat(s: string, count: number | bigint): string {
  const c = BigInt(count);
  if (c === 0n) return '';
  if (c === 1n) return s;
  if (c < 0n) throw new Error('strings: negative Repeat count');
  const total = BigInt(byteLen(s)) * c;
  if (total > 0x7fffffffffffffffn) throw new Error('strings: Repeat output length overflow');
  // Go would attempt the allocation; a JS string cannot hold it
  if (total > 0x1fffffe8n) throw new Error('runtime error: makeslice: len out of range');
  return s.repeat(Number(c));
}
