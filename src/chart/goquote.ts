/**
 * Go's strconv.Quote and QuoteRune (what `%q` prints in Helm's error messages): printable
 * characters as they are, the usual backslash escapes, `\xHH` for ASCII controls and `\uHHHH` /
 * `\UHHHHHHHH` for other characters Go does not consider printable.
 */

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

const SHORT_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

function quoteChar(ch: string, quote: string): string {
  if (ch === quote || ch === '\\') return `\\${ch}`;
  if (PRINTABLE.test(ch)) return ch;
  const short = SHORT_ESCAPES[ch];
  if (short) return short;
  const c = ch.codePointAt(0)!;
  if (c < 0x20 || c === 0x7f) return `\\x${c.toString(16).padStart(2, '0')}`;
  if (c >= 0xd800 && c <= 0xdfff) return '\\ufffd';
  if (c < 0x10000) return `\\u${c.toString(16).padStart(4, '0')}`;
  return `\\U${c.toString(16).padStart(8, '0')}`;
}

/** strconv.Quote. */
export function goQuote(s: string): string {
  return `"${Array.from(s, (ch) => quoteChar(ch, '"')).join('')}"`;
}

/** strconv.QuoteRune. */
export function goQuoteRune(ch: string): string {
  return `'${quoteChar(ch, "'")}'`;
}
