/** PEM blocks as Go's encoding/pem writes and finds them. */
import { Base64Error, goBase64Decode } from './c-base64.ts';

export interface PemBlock {
  type: string;
  bytes: Buffer;
}

/** pem.EncodeToMemory without headers: 64-character base64 lines, each ending in a newline. */
export function pemEncode(type: string, bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes).toString('base64');
  let body = '';
  for (let i = 0; i < b64.length; i += 64) body += `${b64.slice(i, i + 64)}\n`;
  return `-----BEGIN ${type}-----\n${body}-----END ${type}-----\n`;
}

const BEGIN = '-----BEGIN ';
const END = '\n-----END ';
const DASHES = '-----';

/** Go's getLine: up to the next `\n`, trailing spaces, tabs and `\r` trimmed. */
function getLine(s: string): [string, string] {
  const i = s.indexOf('\n');
  const line = i < 0 ? s : s.slice(0, i);
  const rest = i < 0 ? '' : s.slice(i + 1);
  return [line.replace(/[ \t\r]+$/, ''), rest];
}

/**
 * pem.Decode: the first well-formed block (matching BEGIN/END types, decodable body) in
 * `text`, or undefined. Malformed candidates are skipped, as Go does.
 */
export function pemDecode(text: string): PemBlock | undefined {
  // work on bytes (as latin1 code units) so offsets and base64 match Go's byte view
  let rest = Buffer.from(text, 'utf8').toString('latin1');
  for (;;) {
    if (rest.startsWith(BEGIN)) rest = rest.slice(BEGIN.length);
    else {
      const i = rest.indexOf(`\n${BEGIN}`);
      if (i < 0) return undefined;
      rest = rest.slice(i + 1 + BEGIN.length);
    }
    let typeLine: string;
    [typeLine, rest] = getLine(rest);
    if (!typeLine.endsWith(DASHES)) continue;
    const type = typeLine.slice(0, -DASHES.length);
    let hasHeaders = false;
    for (;;) {
      if (rest.length === 0) return undefined;
      const [line, next] = getLine(rest);
      if (!line.includes(':')) break;
      hasHeaders = true;
      rest = next;
    }
    let endIndex: number;
    let trailerIndex: number;
    if (!hasHeaders && rest.startsWith(END.slice(1))) {
      endIndex = 0;
      trailerIndex = END.length - 1;
    } else {
      endIndex = rest.indexOf(END);
      trailerIndex = endIndex + END.length;
    }
    if (endIndex < 0) continue;
    const trailer = rest.slice(trailerIndex);
    const trailerLen = type.length + DASHES.length;
    if (trailer.length < trailerLen) continue;
    if (trailer.slice(0, trailerLen) !== `${type}${DASHES}`) continue;
    if (getLine(trailer.slice(trailerLen))[0].length !== 0) continue;
    const body = rest.slice(0, endIndex).replace(/[ \t]/g, '');
    let bytes: Buffer;
    try {
      bytes = goBase64Decode(Buffer.from(body, 'latin1').toString('utf8')).bytes;
    } catch (e) {
      if (e instanceof Base64Error) continue;
      throw e;
    }
    return { type: Buffer.from(type, 'latin1').toString('utf8'), bytes };
  }
}
