/**
 * Go's net/url Parse and URL.String (Go 1.25), which Sprig's urlParse/urlJoin expose. Go parses
 * URLs byte by byte, so this works on "byte strings" (one char per UTF-8 byte, U+0000..U+00FF)
 * and converts back to UTF-8 text at the edges.
 */
import { quote } from '../../fmt.ts';
import { fromUtf8, isASCII, utf8Bytes } from './a-gostring.ts';

export interface GoURL {
  scheme: string;
  opaque: string;
  user: { username: string; password?: string } | null;
  host: string;
  path: string;
  rawPath: string;
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
  rawFragment: string;
}

/** A Go error value carrying only its message. */
class URLError extends Error {}

function toBytes(s: string): string {
  if (isASCII(s)) return s;
  let out = '';
  for (const b of utf8Bytes(s)) out += String.fromCharCode(b);
  return out;
}

function fromBytes(b: string): string {
  if (isASCII(b)) return b;
  return fromUtf8(Uint8Array.from(b, (c) => c.charCodeAt(0)));
}

/** strconv.Quote of a byte string. */
function q(b: string): string {
  return quote(fromBytes(b));
}

type Mode = 'path' | 'pathSegment' | 'host' | 'zone' | 'userPassword' | 'queryComponent' | 'fragment';

function isAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

function shouldEscape(c: number, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  const ch = String.fromCharCode(c);
  if ((mode === 'host' || mode === 'zone') && `!$&'()*+,;=:[]<>"`.includes(ch)) return false;
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    switch (mode) {
      case 'path':
        return ch === '?';
      case 'pathSegment':
        return ch === '/' || ch === ';' || ch === ',' || ch === '?';
      case 'userPassword':
        return ch === '@' || ch === '/' || ch === '?' || ch === ':';
      case 'queryComponent':
        return true;
      case 'fragment':
        return false;
    }
  }
  if (mode === 'fragment' && '!()*'.includes(ch)) return false;
  return true;
}

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c);
}

function urlUnescape(s: string, mode: Mode): string {
  let n = 0;
  let hasPlus = false;
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === '%') {
      n++;
      if (i + 2 >= s.length || !isHex(s[i + 1]) || !isHex(s[i + 2])) {
        throw new URLError(`invalid URL escape ${q(s.slice(i, i + 3))}`);
      }
      const v = Number.parseInt(s.slice(i + 1, i + 3), 16);
      if (mode === 'host' && v >> 4 < 8 && s.slice(i, i + 3) !== '%25') {
        throw new URLError(`invalid URL escape ${q(s.slice(i, i + 3))}`);
      }
      if (mode === 'zone' && s.slice(i, i + 3) !== '%25' && v !== 0x20 && shouldEscape(v, 'host')) {
        throw new URLError(`invalid URL escape ${q(s.slice(i, i + 3))}`);
      }
      i += 3;
    } else if (c === '+') {
      hasPlus = mode === 'queryComponent';
      i++;
    } else {
      const code = c.charCodeAt(0);
      if ((mode === 'host' || mode === 'zone') && code < 0x80 && shouldEscape(code, mode)) {
        throw new URLError(`invalid character ${q(c)} in host name`);
      }
      i++;
    }
  }
  if (n === 0 && !hasPlus) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '%') {
      out += String.fromCharCode(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '+') {
      out += mode === 'queryComponent' ? ' ' : '+';
    } else {
      out += c;
    }
  }
  return out;
}

function urlEscape(s: string, mode: Mode): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20 && mode === 'queryComponent') out += '+';
    else if (shouldEscape(c, mode)) out += `%${c.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += s[i];
  }
  return out;
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) continue;
    if ((c >= '0' && c <= '9') || c === '+' || c === '-' || c === '.') {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new URLError('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  if (port[0] !== ':') return false;
  return /^[0-9]*$/.test(port.slice(1));
}

function validUserinfo(s: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);
}

function parseHost(host: string): string {
  const open = host.lastIndexOf('[');
  if (open > 0) throw new URLError('invalid IP-literal');
  if (open === 0) {
    const close = host.lastIndexOf(']');
    if (close < 0) throw new URLError("missing ']' in host");
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) throw new URLError(`invalid port ${q(colonPort)} after host`);
    const port = urlUnescape(colonPort, 'host');
    const hostname = host.slice(1, close);
    const zone = hostname.indexOf('%25');
    const addr =
      zone >= 0
        ? urlUnescape(hostname.slice(0, zone), 'host') + urlUnescape(hostname.slice(zone), 'zone')
        : urlUnescape(hostname, 'host');
    const kind = parseAddrKind(addr);
    if (kind === 4) throw new URLError('invalid IP-literal');
    return `[${addr}]${port}`;
  }
  const colon = host.lastIndexOf(':');
  if (colon !== -1) {
    const colonPort = host.slice(colon);
    if (!validOptionalPort(colonPort)) throw new URLError(`invalid port ${q(colonPort)} after host`);
  }
  return urlUnescape(host, 'host');
}

function parseAuthority(authority: string): { user: GoURL['user']; host: string } {
  const at = authority.lastIndexOf('@');
  const host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (at < 0) return { user: null, host };
  const userinfo = authority.slice(0, at);
  if (!validUserinfo(userinfo)) throw new URLError('net/url: invalid userinfo');
  const colon = userinfo.indexOf(':');
  if (colon < 0) return { user: { username: urlUnescape(userinfo, 'userPassword') }, host };
  return {
    user: {
      username: urlUnescape(userinfo.slice(0, colon), 'userPassword'),
      password: urlUnescape(userinfo.slice(colon + 1), 'userPassword'),
    },
    host,
  };
}

function parseNoFragment(raw: string, url: GoURL): void {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) throw new URLError('net/url: invalid control character in URL');
  }
  if (raw === '*') {
    url.path = '*';
    return;
  }
  const [scheme, afterScheme] = getScheme(raw);
  url.scheme = scheme.toLowerCase();
  let rest = afterScheme;
  if (rest.endsWith('?') && rest.indexOf('?') === rest.length - 1) {
    url.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const qi = rest.indexOf('?');
    if (qi >= 0) {
      url.rawQuery = rest.slice(qi + 1);
      rest = rest.slice(0, qi);
    }
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') {
      // rootless paths are opaque (RFC 3986)
      url.opaque = rest;
      return;
    }
    const slash = rest.indexOf('/');
    const segment = slash < 0 ? rest : rest.slice(0, slash);
    if (segment.includes(':')) throw new URLError('first path segment in URL cannot contain colon');
  }
  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const { user, host } = parseAuthority(authority);
    url.user = user;
    url.host = host;
  }
  url.path = urlUnescape(rest, 'path');
  url.rawPath = urlEscape(url.path, 'path') === rest ? '' : rest;
}

/** url.Parse; throws an Error whose message is Go's `parse "URL": reason`. */
export function parseURL(text: string): GoURL {
  const raw = toBytes(text);
  const hash = raw.indexOf('#');
  const u = hash < 0 ? raw : raw.slice(0, hash);
  const frag = hash < 0 ? '' : raw.slice(hash + 1);
  const url: GoURL = {
    scheme: '',
    opaque: '',
    user: null,
    host: '',
    path: '',
    rawPath: '',
    forceQuery: false,
    rawQuery: '',
    fragment: '',
    rawFragment: '',
  };
  try {
    parseNoFragment(u, url);
  } catch (e) {
    if (e instanceof URLError) throw new Error(`parse ${q(u)}: ${e.message}`);
    throw e;
  }
  if (frag !== '') {
    try {
      url.fragment = urlUnescape(frag, 'fragment');
    } catch (e) {
      if (e instanceof URLError) throw new Error(`parse ${q(raw)}: ${e.message}`);
      throw e;
    }
    url.rawFragment = urlEscape(url.fragment, 'fragment') === frag ? '' : frag;
  }
  return decodeFields(url);
}

/** Byte strings back to text for the caller. */
function decodeFields(url: GoURL): GoURL {
  return {
    ...url,
    scheme: fromBytes(url.scheme),
    opaque: fromBytes(url.opaque),
    user: url.user && {
      username: fromBytes(url.user.username),
      ...(url.user.password !== undefined ? { password: fromBytes(url.user.password) } : {}),
    },
    host: fromBytes(url.host),
    path: fromBytes(url.path),
    rawPath: fromBytes(url.rawPath),
    rawQuery: fromBytes(url.rawQuery),
    fragment: fromBytes(url.fragment),
    rawFragment: fromBytes(url.rawFragment),
  };
}

/** Userinfo.String: escaped `user[:password]`. */
export function userinfoString(user: NonNullable<GoURL['user']>): string {
  let s = urlEscape(toBytes(user.username), 'userPassword');
  if (user.password !== undefined) s += `:${urlEscape(toBytes(user.password), 'userPassword')}`;
  return s;
}

/** URL.Hostname: the host without a valid port, IPv6 brackets removed. */
export function hostname(host: string): string {
  let h = host;
  const colon = h.lastIndexOf(':');
  if (colon !== -1 && validOptionalPort(h.slice(colon))) h = h.slice(0, colon);
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  return h;
}

function validEncoded(s: string, mode: Mode): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if ("!$&'()*+,;=:@[]%".includes(c)) continue;
    if (shouldEscape(c.charCodeAt(0), mode)) return false;
  }
  return true;
}

function escapedPath(url: GoURL): string {
  const rawPath = toBytes(url.rawPath);
  const path = toBytes(url.path);
  if (rawPath !== '' && validEncoded(rawPath, 'path')) {
    try {
      if (urlUnescape(rawPath, 'path') === path) return rawPath;
    } catch {
      // an invalid RawPath is ignored
    }
  }
  if (path === '*') return '*';
  return urlEscape(path, 'path');
}

function escapedFragment(url: GoURL): string {
  const raw = toBytes(url.rawFragment);
  const frag = toBytes(url.fragment);
  if (raw !== '' && validEncoded(raw, 'fragment')) {
    try {
      if (urlUnescape(raw, 'fragment') === frag) return raw;
    } catch {
      // an invalid RawFragment is ignored
    }
  }
  return urlEscape(frag, 'fragment');
}

/** URL.String. */
export function urlString(url: GoURL): string {
  let buf = '';
  const scheme = toBytes(url.scheme);
  if (scheme !== '') buf += `${scheme}:`;
  if (url.opaque !== '') {
    buf += toBytes(url.opaque);
  } else {
    const host = toBytes(url.host);
    if (scheme !== '' || host !== '' || url.user !== null) {
      if (host !== '' || url.path !== '' || url.user !== null) buf += '//';
      if (url.user !== null) buf += `${userinfoString(url.user)}@`;
      if (host !== '') buf += urlEscape(host, 'host');
    }
    const path = escapedPath(url);
    if (path !== '' && path[0] !== '/' && host !== '') buf += '/';
    if (buf === '') {
      // a first segment with a colon would read as a scheme (RFC 3986 §4.2)
      const slash = path.indexOf('/');
      if ((slash < 0 ? path : path.slice(0, slash)).includes(':')) buf += './';
    }
    buf += path;
  }
  if (url.forceQuery || url.rawQuery !== '') buf += `?${toBytes(url.rawQuery)}`;
  if (url.fragment !== '') buf += `#${escapedFragment(url)}`;
  return fromBytes(buf);
}

// --- netip.ParseAddr, for bracketed hosts ----------------------------------------------------

function addrError(input: string, msg: string, at?: string): URLError {
  const tail = at ? ` (at ${q(at)})` : '';
  return new URLError(`invalid host: ParseAddr(${q(input)}): ${msg}${tail}`);
}

/** Parses an address as netip.ParseAddr does; answers 4 or 6, or throws Go's error. */
function parseAddrKind(s: string): 4 | 6 {
  for (const c of s) {
    if (c === '.') {
      parseIPv4Fields(s, s, 0, s.length);
      return 4;
    }
    if (c === ':') {
      parseIPv6(s);
      return 6;
    }
    if (c === '%') throw addrError(s, 'missing IPv6 address');
  }
  throw addrError(s, 'unable to parse IP');
}

function parseIPv4Fields(input: string, s: string, start: number, end: number): void {
  let val = 0;
  let pos = 0;
  let digits = 0;
  for (let i = start; i < end; i++) {
    const c = s[i]!;
    if (c >= '0' && c <= '9') {
      if (digits === 1 && val === 0) throw addrError(input, 'IPv4 field has octet with leading zero');
      val = val * 10 + (c.charCodeAt(0) - 48);
      digits++;
      if (val > 255) throw addrError(input, 'IPv4 field has value >255');
    } else if (c === '.') {
      if (i === start || i === end - 1 || s[i - 1] === '.')
        throw addrError(input, 'IPv4 field must have at least one digit', s.slice(i, end));
      if (pos === 3) throw addrError(input, 'IPv4 address too long');
      pos++;
      val = 0;
      digits = 0;
    } else {
      throw addrError(input, 'unexpected character', s.slice(i, end));
    }
  }
  if (pos < 3) throw addrError(input, 'IPv4 address too short');
}

function parseIPv6(input: string): void {
  let s = input;
  const pct = s.indexOf('%');
  if (pct !== -1) {
    if (pct === s.length - 1) throw addrError(input, 'zone must be a non-empty string');
    s = s.slice(0, pct);
  }
  let ellipsis = -1;
  if (s.length >= 2 && s[0] === ':' && s[1] === ':') {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return;
  }
  let i = 0;
  while (i < 16) {
    let off = 0;
    while (off < s.length && isHex(s[off])) {
      off++;
      if (off > 4) throw addrError(input, 'each group must have 4 or less digits', s);
    }
    if (off === 0) throw addrError(input, 'each colon-separated field must have at least one digit', s);
    if (off < s.length && s[off] === '.') {
      if (ellipsis < 0 && i !== 12)
        throw addrError(input, 'embedded IPv4 address must replace the final 2 fields of the address', s);
      if (i + 4 > 16)
        throw addrError(input, 'too many hex fields to fit an embedded IPv4 at the end of the address', s);
      parseIPv4Fields(input, s, 0, s.length);
      s = '';
      i += 4;
      break;
    }
    i += 2;
    s = s.slice(off);
    if (s.length === 0) break;
    if (s[0] !== ':') throw addrError(input, 'unexpected character, want colon', s);
    if (s.length === 1) throw addrError(input, 'colon must be followed by more characters', s);
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) throw addrError(input, 'multiple :: in address', s);
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) throw addrError(input, 'trailing garbage after address', s);
  if (i < 16) {
    if (ellipsis < 0) throw addrError(input, 'address string too short');
  } else if (ellipsis >= 0) {
    throw addrError(input, 'the :: must expand to at least one field of zeros');
  }
}
