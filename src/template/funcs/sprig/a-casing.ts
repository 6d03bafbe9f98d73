/**
 * Word-case conversions from huandu/xstrings v1.5 (snakecase, kebabcase, camelcase) and
 * Masterminds/goutils v1.1 (untitle, swapcase, initials, nospace, abbreviate, wrap), with their
 * quirks: goutils' initials and nospace walk bytes, not runes, so non-ASCII text comes out as
 * Latin-1 reinterpretations of its UTF-8 bytes, exactly as Sprig prints it.
 */
import {
  fromUtf8,
  isLetter,
  isLower,
  isNumber,
  isPunct,
  isSpace,
  isTitle,
  isUpper,
  runes,
  toLowerRune,
  toTitleRune,
  toUpperRune,
  utf8Bytes,
} from './a-gostring.ts';

// --- xstrings ------------------------------------------------------------------------------

function isConnector(r: number): boolean {
  return r === 0x2d || r === 0x5f || isSpace(r);
}

/** A letter outside the common CJK blocks (xstrings' isAlphabet). */
function isAlphabet(r: number): boolean {
  if (!isLetter(r)) return false;
  if (r < 0x3400) return true;
  if (r >= 0x4e00 && r <= 0x9fcc) return false;
  if (r >= 0x3400 && r <= 0x4d85) return false;
  if (r >= 0x20000 && r <= 0x2b81d) return false;
  return true;
}

/** xstrings.ToPascalCase (Sprig's camelcase): connectors dropped, words capitalised. */
export function toPascalCase(s: string): string {
  const rs = runes(s);
  if (rs.length === 0) return '';
  const out: number[] = [];
  let i = 0;
  let r0 = 0;
  let firstUpper = false;
  // leading connectors are kept
  for (; i < rs.length; ) {
    r0 = rs[i++]!;
    if (!isConnector(r0)) {
      firstUpper = isUpper(r0);
      r0 = toUpperRune(r0);
      break;
    }
    out.push(r0);
  }
  if (i === rs.length) {
    // a lone (or last) rune is written once more, connector or not
    out.push(r0);
    return String.fromCodePoint(...out);
  }
  while (i < rs.length) {
    const r1 = r0;
    r0 = rs[i++]!;
    if (isConnector(r0) && isConnector(r1)) {
      out.push(r1);
      continue;
    }
    if (isConnector(r1)) {
      firstUpper = isUpper(r0);
      r0 = toUpperRune(r0);
    } else {
      // an all-caps word keeps only its first capital
      if (firstUpper) {
        if (isUpper(r0)) r0 = toLowerRune(r0);
        else firstUpper = false;
      }
      out.push(r1);
    }
  }
  out.push(r0);
  return String.fromCodePoint(...out);
}

type WordType = 'number' | 'upper' | 'alphabet' | 'connector' | 'punct' | 'other' | 'none';

interface Word {
  type: WordType;
  word: number[];
}

/** Splits the next word off `rs` starting at `pos`; returns the word and the new position. */
function nextWord(rs: number[], pos: number): [Word, number] {
  if (pos >= rs.length) return [{ type: 'none', word: [] }, pos];
  const start = pos;
  const r = rs[pos++]!;
  const take = (pred: (x: number) => boolean) => {
    while (pos < rs.length && pred(rs[pos]!)) pos++;
  };
  let type: WordType;
  if (isConnector(r)) {
    type = 'connector';
    take(isConnector);
  } else if (isPunct(r)) {
    type = 'punct';
    take(isPunct);
  } else if (isUpper(r)) {
    type = 'upper';
    if (pos < rs.length) {
      const r1 = rs[pos]!;
      if (isUpper(r1)) {
        take(isUpper);
        // "HTTPServer" splits as "HTTP" + "Server": the last capital starts the next word
        if (pos < rs.length && isAlphabet(rs[pos]!)) pos--;
      } else if (isAlphabet(r1)) {
        take((x) => isAlphabet(x) && !isUpper(x));
      }
    }
  } else if (isAlphabet(r)) {
    type = 'alphabet';
    take((x) => isAlphabet(x) && !isUpper(x));
  } else if (isNumber(r)) {
    type = 'number';
    take(isNumber);
  } else {
    type = 'other';
    take((x) => !(isConnector(x) || isAlphabet(x) || isNumber(x) || isPunct(x)));
  }
  return [{ type, word: rs.slice(start, pos) }, pos];
}

function lowerWord(out: number[], w: Word, connector: number): void {
  if (w.type !== 'upper' && w.type !== 'connector') {
    out.push(...w.word);
    return;
  }
  for (const r of w.word) {
    if (isConnector(r)) out.push(connector);
    else if (isUpper(r)) out.push(toLowerRune(r));
    else out.push(r);
  }
}

/** xstrings' camelCaseToLowerCase: snakecase (connector `_`) and kebabcase (`-`). */
export function camelToLower(s: string, connector: number): string {
  const rs = runes(s);
  if (rs.length === 0) return '';
  const out: number[] = [];
  let [w, pos] = nextWord(rs, 0);
  while (pos < rs.length) {
    if (w.type !== 'connector') lowerWord(out, w, connector);
    const prev = w;
    [w, pos] = nextWord(rs, pos);
    switch (prev.type) {
      case 'number':
        while (w.type === 'alphabet' || w.type === 'number') {
          lowerWord(out, w, connector);
          [w, pos] = nextWord(rs, pos);
        }
        if (w.type !== 'none' && w.type !== 'punct' && w.type !== 'connector') out.push(connector);
        break;
      case 'connector':
        lowerWord(out, prev, connector);
        break;
      case 'punct':
        break;
      default: {
        if (w.type !== 'number') {
          if (w.type !== 'connector' && w.type !== 'punct') out.push(connector);
          break;
        }
        if (pos >= rs.length) break;
        const num = w;
        [w, pos] = nextWord(rs, pos);
        // a number is part of the previous word ("Bld4Floor" -> "bld4_floor")...
        if (w.type !== 'alphabet') {
          lowerWord(out, { type: 'number', word: num.word }, connector);
          if (w.type !== 'connector' && w.type !== 'punct') out.push(connector);
          break;
        }
        // ...unless lower-case letters follow it ("HTTP2xx" -> "http_2xx")
        out.push(connector);
        lowerWord(out, { type: 'number', word: num.word }, connector);
        while (w.type === 'alphabet' || w.type === 'number') {
          lowerWord(out, w, connector);
          [w, pos] = nextWord(rs, pos);
        }
        if (w.type !== 'none' && w.type !== 'connector' && w.type !== 'punct') out.push(connector);
      }
    }
  }
  lowerWord(out, w, connector);
  return String.fromCodePoint(...out);
}

/** xstrings.Shuffle: a random permutation of the runes. */
export function shuffleRunes(s: string): string {
  const rs = runes(s);
  for (let i = rs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [rs[i], rs[j]] = [rs[j]!, rs[i]!];
  }
  return String.fromCodePoint(...rs);
}

// --- goutils -------------------------------------------------------------------------------

/** goutils.Uncapitalize: lower-cases the first rune of each whitespace-separated word. */
export function uncapitalize(s: string): string {
  let next = true;
  let out = '';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if (isSpace(r)) {
      next = true;
      out += ch;
    } else if (next) {
      out += String.fromCodePoint(toLowerRune(r));
      next = false;
    } else {
      out += ch;
    }
  }
  return out;
}

/** goutils.SwapCase: upper/title to lower; lower to title after whitespace, else to upper. */
export function swapCase(s: string): string {
  let whitespace = true;
  let out = '';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    let m = r;
    if (isUpper(r) || isTitle(r)) {
      m = toLowerRune(r);
      whitespace = false;
    } else if (isLower(r)) {
      if (whitespace) {
        m = toTitleRune(r);
        whitespace = false;
      } else {
        m = toUpperRune(r);
      }
    } else {
      whitespace = isSpace(r);
    }
    out += String.fromCodePoint(m);
  }
  return out;
}

/** goutils.Initials: first byte of each whitespace-separated word, read as a Latin-1 rune. */
export function initials(s: string): string {
  let out = '';
  let gap = true;
  for (const b of utf8Bytes(s)) {
    if (isSpace(b)) gap = true;
    else if (gap) {
      out += String.fromCharCode(b);
      gap = false;
    }
  }
  return out;
}

/** goutils.DeleteWhiteSpace: drops whitespace bytes; rewrites others as Latin-1 runes. */
export function deleteWhiteSpace(s: string): string {
  if (s === '') return s;
  const bytes = utf8Bytes(s);
  let out = '';
  let kept = 0;
  for (const b of bytes) {
    if (!isSpace(b)) {
      out += String.fromCharCode(b);
      kept++;
    }
  }
  return kept === bytes.length ? s : out;
}

/** goutils.AbbreviateFull over bytes; undefined where goutils returns an error. */
export function abbreviateFull(s: string, offset: number, maxWidth: number): string | undefined {
  const b = utf8Bytes(s);
  const slice = (from: number, to: number) => fromUtf8(b.subarray(from, to));
  if (b.length === 0) return '';
  if (maxWidth < 4) return undefined;
  if (b.length <= maxWidth) return s;
  if (offset > b.length) offset = b.length;
  if (b.length - offset < maxWidth - 3) offset = b.length - (maxWidth - 3);
  if (offset <= 4) return `${slice(0, maxWidth - 3)}...`;
  if (maxWidth < 7) return undefined;
  if (offset + maxWidth - 3 < b.length) {
    const rest = abbreviateFull(slice(offset, b.length), 0, maxWidth - 3);
    return `...${rest ?? ''}`;
  }
  return `...${slice(b.length - (maxWidth - 3), b.length)}`;
}

/** goutils.WrapCustom over bytes. */
export function wrapCustom(s: string, wrapLength: number, newLine: string, wrapLong: boolean): string {
  if (s === '') return '';
  if (newLine === '') newLine = '\n';
  if (wrapLength < 1) wrapLength = 1;
  const b = utf8Bytes(s);
  const text = (from: number, to: number) => fromUtf8(b.subarray(from, to));
  const lastSpace = (from: number, to: number) => b.subarray(from, to).lastIndexOf(0x20);
  let offset = 0;
  let out = '';
  while (b.length - offset > wrapLength) {
    if (b[offset] === 0x20) {
      offset++;
      continue;
    }
    const spaceAt = lastSpace(offset, wrapLength + offset + 1) + offset;
    if (spaceAt >= offset) {
      out += text(offset, spaceAt) + newLine;
      offset = spaceAt + 1;
    } else if (wrapLong) {
      out += text(offset, wrapLength + offset) + newLine;
      offset += wrapLength;
    } else {
      const end = wrapLength + offset;
      const idx = b.subarray(end).indexOf(0x20);
      if (idx === -1) {
        out += text(offset, b.length);
        offset = b.length;
      } else {
        out += text(offset, idx + end) + newLine;
        offset = idx + end + 1;
      }
    }
  }
  return out + text(offset, b.length);
}
