/**
 * The address checks Helm's chart lint borrows from asaskevich/govalidator: IsEmail, IsURL and
 * IsRequestURL (url.ParseRequestURI with a scheme). Pattern-level approximations of them.
 */

const UNI = '\\u00A0-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFEF';
const ATOM = `[a-zA-Z0-9!#$%&'*+\\-/=?^_\`{|}~${UNI}]+`;
const LABEL = `[a-zA-Z0-9${UNI}](?:[a-zA-Z0-9\\-.~${UNI}]*[a-zA-Z0-9${UNI}])?`;
const TLD = `[a-zA-Z${UNI}](?:[a-zA-Z0-9\\-.~${UNI}]*[a-zA-Z${UNI}])?`;
const EMAIL = new RegExp(`^${ATOM}(?:\\.${ATOM})*@(?:${LABEL}\\.)+${TLD}\\.?$`, 'u');

export function isEmail(s: string): boolean {
  return EMAIL.test(s);
}

const IP = '(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const HOST = `(?:localhost|${IP}|\\[[0-9a-fA-F:.]+\\]|(?:[a-zA-Z0-9${UNI}_](?:[a-zA-Z0-9${UNI}_-]*[a-zA-Z0-9${UNI}_])?\\.)*[a-zA-Z0-9${UNI}](?:[a-zA-Z0-9${UNI}-]*[a-zA-Z0-9${UNI}])?\\.?)`;
const URL_RE = new RegExp(
  `^(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?(?:\\S+(?::\\S*)?@)?${HOST}(?::\\d{1,5})?(?:[/?#]\\S*)?$`,
  'u',
);

/** govalidator.IsURL: lenient about the scheme, strict about the host and whitespace. */
export function isUrl(s: string): boolean {
  if (s === '' || [...s].length >= 2083 || s.length <= 3 || s.startsWith('.')) return false;
  return URL_RE.test(s);
}

/** govalidator.IsRequestURL: an absolute URI with a scheme, no spaces or control characters. */
export function isRequestUrl(s: string): boolean {
  if (/[\u0000-\u001f\u007f ]/.test(s)) return false;
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/.exec(s);
  if (!m) return false;
  const rest = m[2]!;
  if (rest.startsWith('//')) {
    const authority = rest.slice(2).split(/[/?#]/)[0]!;
    const host = authority.slice(authority.lastIndexOf('@') + 1);
    if (/[^a-zA-Z0-9\-._~!$&'()*+,;=:[\]%]/.test(host)) return false;
  }
  return true;
}
