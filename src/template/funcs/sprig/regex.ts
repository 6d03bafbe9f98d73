/**
 * Sprig's regex functions with Go's regexp (RE2) semantics, via re2js (a port of Go's engine, so
 * syntax, leftmost-first matching and syntax-error texts agree). Replacement-template
 * expansion, Split and QuoteMeta follow Go's regexp package and are done here.
 */
import type * as Re2js from 're2js';
import { lazyModule } from '../../lazy.ts';
import { sliceOf } from '../../value.ts';
import { def, FuncError, type FuncMap } from '../types.ts';

type RE2 = ReturnType<Re2js.RE2JS['re2']>;

const re2js = lazyModule<typeof Re2js>('re2js');

interface Compiled {
  pattern: string;
  re: RE2;
  /** Capture group names by index (index 0 and unnamed groups are ""). */
  names: string[];
}

const cache = new Map<string, Compiled | FuncError>();

/** regexp.Compile; the error text is Go's `error parsing regexp: ...`. */
function compile(pattern: string): Compiled {
  let c = cache.get(pattern);
  if (c === undefined) {
    try {
      const re = re2js().RE2JS.compile(pattern).re2();
      const names = new Array<string>(re.numberOfCapturingGroups() + 1).fill('');
      for (const [name, i] of Object.entries(re.namedGroups)) names[i] = name;
      c = { pattern, re, names };
    } catch (e) {
      if (!(e instanceof re2js().RE2JSException)) throw e;
      c = new FuncError(e.message);
    }
    if (cache.size > 500) cache.clear();
    cache.set(pattern, c);
  }
  if (c instanceof FuncError) throw c;
  return c;
}

/** regexp.MustCompile: its panic text wraps the error with the quoted pattern. */
function mustCompile(pattern: string): Compiled {
  try {
    return compile(pattern);
  } catch (e) {
    throw new FuncError(`regexp: Compile(${quotePattern(pattern)}): ${(e as Error).message}`);
  }
}

/** Go's regexp quote(): backquoted when strconv.CanBackquote allows, else strconv.Quote. */
function quotePattern(s: string): string {
  // CanBackquote: no backquote, no control characters other than tab, no U+FEFF
  if (!/[`\u0000-\u0008\u000a-\u001f\u007f\ufeff]/.test(s)) return `\`${s}\``;
  return goQuote(s);
}

/** strconv.Quote for the characters a pattern is likely to hold. */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c === 0xfeff) out += '\\ufeff';
    else out += ch;
  }
  return `${out}"`;
}

/** FindAllStringSubmatchIndex: pairs of UTF-16 offsets per group, -1 for groups that did not match. */
function findAll(c: Compiled, s: string, n: number): number[][] {
  if (n === 0) return [];
  return c.re.findAllSubmatchIndex(s, n < 0 ? -1 : n) ?? [];
}

/** Go's Regexp.expand: `$n`, `$name`, `${name}`, `$$`; a malformed `$` stays literal. */
function expand(template: string, c: Compiled, s: string, m: number[]): string {
  let out = '';
  let rest = template;
  for (;;) {
    const at = rest.indexOf('$');
    if (at < 0) break;
    out += rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = /^(?:\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/u.exec(rest);
    if (!ref) {
      out += '$';
      continue;
    }
    rest = rest.slice(ref[0].length);
    const name = ref[1] ?? ref[2]!;
    // a reference is numeric only when all digits, without a leading zero, below 1e8 or so
    const num = /^(0|[1-9][0-9]{0,8})$/.test(name) ? Number(name) : -1;
    const group = num >= 0 ? num : c.names.indexOf(name, 1);
    if (group >= 0 && 2 * group + 1 < m.length && m[2 * group]! >= 0) {
      out += s.slice(m[2 * group], m[2 * group + 1]);
    }
  }
  return out + rest;
}

function replaceAll(c: Compiled, s: string, repl: (m: number[]) => string): string {
  let out = '';
  let last = 0;
  for (const m of findAll(c, s, -1)) {
    out += s.slice(last, m[0]) + repl(m);
    last = m[1]!;
  }
  return out + s.slice(last);
}

/** Regexp.Split. */
function split(c: Compiled, s: string, n: number): string[] | null {
  if (n === 0) return null;
  if (c.pattern.length > 0 && s.length === 0) return [''];
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of findAll(c, s, n)) {
    if (n > 0 && out.length === n - 1) break;
    end = m[0]!;
    if (m[1] !== 0) out.push(s.slice(beg, end));
    beg = m[1]!;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** regexp.QuoteMeta. */
function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

const strings = (v: string[] | null): string[] => sliceOf('string', v ?? []);

function regexFindAllWith(get: (p: string) => Compiled) {
  return (regex: string, s: string, n: bigint) =>
    strings(findAll(get(regex), s, Number(n)).map((m) => s.slice(m[0], m[1])));
}

function regexFindWith(get: (p: string) => Compiled) {
  return (regex: string, s: string) => {
    const m = findAll(get(regex), s, 1)[0];
    return m ? s.slice(m[0], m[1]) : '';
  };
}

function regexReplaceAllWith(get: (p: string) => Compiled) {
  return (regex: string, s: string, repl: string) => {
    const c = get(regex);
    return replaceAll(c, s, (m) => expand(repl, c, s, m));
  };
}

function regexReplaceAllLiteralWith(get: (p: string) => Compiled) {
  return (regex: string, s: string, repl: string) => replaceAll(get(regex), s, () => repl);
}

function regexSplitWith(get: (p: string) => Compiled) {
  return (regex: string, s: string, n: bigint) => strings(split(get(regex), s, Number(n)));
}

const S = 'string';

export const regexFuncs: FuncMap = {
  // Sprig's regexMatch drops the compile error and answers false
  regexMatch: def([S, S], (regex: string, s: string) => {
    try {
      return findAll(compile(regex), s, 1).length > 0;
    } catch {
      return false;
    }
  }),
  mustRegexMatch: def([S, S], (regex: string, s: string) => findAll(compile(regex), s, 1).length > 0),
  regexFindAll: def([S, S, 'int'], regexFindAllWith(mustCompile)),
  mustRegexFindAll: def([S, S, 'int'], regexFindAllWith(compile)),
  regexFind: def([S, S], regexFindWith(mustCompile)),
  mustRegexFind: def([S, S], regexFindWith(compile)),
  regexReplaceAll: def([S, S, S], regexReplaceAllWith(mustCompile)),
  mustRegexReplaceAll: def([S, S, S], regexReplaceAllWith(compile)),
  regexReplaceAllLiteral: def([S, S, S], regexReplaceAllLiteralWith(mustCompile)),
  mustRegexReplaceAllLiteral: def([S, S, S], regexReplaceAllLiteralWith(compile)),
  regexSplit: def([S, S, 'int'], regexSplitWith(mustCompile)),
  mustRegexSplit: def([S, S, 'int'], regexSplitWith(compile)),
  regexQuoteMeta: def([S], quoteMeta),
};
