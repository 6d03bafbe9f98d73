/**
 * The part of Go's net/url.Parse that decides whether a values path (`-f`, `--set-file`) is
 * rejected before Helm reads it, and which scheme picks a getter. Helm parses every path as a
 * URL first, so `a%zz`, `:x` or a tab in a file name fail with Go's error text, not "no such file".
 */
import { goQuote } from './goquote.ts';

const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/** unescape's check in path and fragment mode: every `%` starts two hex digits. */
function badEscape(s: string): string | undefined {
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '%') continue;
    if (!isHex(s[i + 1]) || !isHex(s[i + 2])) return `invalid URL escape ${goQuote(s.slice(i, i + 3))}`;
    i += 2;
  }
  return undefined;
}

/** getScheme: the scheme before the first ':', or why there is none. */
function splitScheme(raw: string): { scheme: string; rest: string } | { error: string } {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === ':') {
      if (i === 0) return { error: 'missing protocol scheme' };
      return { scheme: raw.slice(0, i).toLowerCase(), rest: raw.slice(i + 1) };
    }
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

const hasControl = (s: string) => [...s].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);

/** url.Parse(raw): the lower-cased scheme, or Go's error message (`parse "url": why`). */
export function parseUrlScheme(raw: string): { scheme: string } | { error: string } {
  const hash = raw.indexOf('#');
  const u = hash < 0 ? raw : raw.slice(0, hash);
  const parsed = parseWithoutFragment(u);
  if ('error' in parsed) return { error: `parse ${goQuote(u)}: ${parsed.error}` };
  const bad = hash < 0 ? undefined : badEscape(raw.slice(hash + 1));
  if (bad) return { error: `parse ${goQuote(raw)}: ${bad}` };
  return parsed;
}

function parseWithoutFragment(u: string): { scheme: string } | { error: string } {
  if (hasControl(u)) return { error: 'net/url: invalid control character in URL' };
  const split = splitScheme(u);
  if ('error' in split) return split;
  const { scheme } = split;
  let rest = split.rest;
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q);
  if (!rest.startsWith('/')) {
    if (scheme !== '') return { scheme };
    const segment = rest.split('/')[0]!;
    if (segment.includes(':')) return { error: 'first path segment in URL cannot contain colon' };
  }
  if ((scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    const host = authority.slice(authority.lastIndexOf('@') + 1);
    if (!host.startsWith('[')) {
      const colon = host.lastIndexOf(':');
      if (colon >= 0 && !/^:[0-9]*$/.test(host.slice(colon))) {
        return { error: `invalid port ${goQuote(host.slice(colon))} after host` };
      }
    }
  }
  const bad = badEscape(rest);
  return bad ? { error: bad } : { scheme };
}
