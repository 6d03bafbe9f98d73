/**
 * Just enough DER (ASN.1 distinguished encoding) to build X.509 certificates and key structures
 * the way Go's crypto/x509 and encoding/asn1 lay them out, and to read them back.
 */

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

// --- Encoding ----------------------------------------------------------------------------

function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One tag-length-value element; `tag` is the complete identifier octet. */
export function tlv(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

export function sequence(...parts: Uint8Array[]): Buffer {
  return tlv(TAG.SEQUENCE, Buffer.concat(parts));
}

export function set(...parts: Uint8Array[]): Buffer {
  return tlv(TAG.SET, Buffer.concat(parts));
}

/** Two's-complement INTEGER, minimal length. */
export function integer(v: bigint): Buffer {
  const bytes: number[] = [];
  let x = v;
  for (;;) {
    const b = Number(BigInt.asUintN(8, x));
    bytes.unshift(b);
    x >>= 8n;
    if ((x === 0n && (b & 0x80) === 0) || (x === -1n && (b & 0x80) !== 0)) break;
  }
  return tlv(TAG.INTEGER, Buffer.from(bytes));
}

/** INTEGER from a big-endian unsigned magnitude (as node's JWK and key exports give them). */
export function unsignedInteger(magnitude: Uint8Array): Buffer {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const trimmed = magnitude.subarray(i);
  const body =
    trimmed.length > 0 && (trimmed[0]! & 0x80) !== 0
      ? Buffer.concat([Buffer.from([0]), trimmed])
      : Buffer.from(trimmed.length > 0 ? trimmed : [0]);
  return tlv(TAG.INTEGER, body);
}

export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map((a) => BigInt(a));
  const out: number[] = [];
  const pushArc = (arc: bigint) => {
    const chunk: number[] = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...chunk);
  };
  pushArc(arcs[0]! * 40n + arcs[1]!);
  for (const arc of arcs.slice(2)) pushArc(arc);
  return tlv(TAG.OID, Buffer.from(out));
}

export function nullValue(): Buffer {
  return Buffer.from([TAG.NULL, 0]);
}

export function boolean(v: boolean): Buffer {
  return tlv(TAG.BOOLEAN, Buffer.from([v ? 0xff : 0]));
}

export function octetString(content: Uint8Array): Buffer {
  return tlv(TAG.OCTET_STRING, content);
}

export function bitString(content: Uint8Array, unusedBits = 0): Buffer {
  return tlv(TAG.BIT_STRING, Buffer.concat([Buffer.from([unusedBits]), content]));
}

/** Explicitly tagged, constructed context-specific element `[n]`. */
export function explicit(n: number, content: Uint8Array): Buffer {
  return tlv(0xa0 | n, content);
}

/** Implicitly tagged, primitive context-specific element `[n]`. */
export function implicitPrimitive(n: number, content: Uint8Array): Buffer {
  return tlv(0x80 | n, content);
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/**
 * Go's asn1 time choice for certificate validity: UTCTime for years 1950-2049, GeneralizedTime
 * otherwise, always in UTC with whole seconds.
 */
export function certTime(d: Date): Buffer {
  const y = d.getUTCFullYear();
  const rest = `${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}${pad(d.getUTCSeconds(), 2)}Z`;
  if (y >= 1950 && y < 2050) return tlv(TAG.UTC_TIME, Buffer.from(`${pad(y % 100, 2)}${rest}`));
  return tlv(TAG.GENERALIZED_TIME, Buffer.from(`${pad(y, 4)}${rest}`));
}

// --- Decoding ----------------------------------------------------------------------------

/** A decoded element: identifier fields plus where its content lies in the source buffer. */
export interface Element {
  cls: number;
  tag: number;
  constructed: boolean;
  /** Offset of the content (just after the header). */
  start: number;
  end: number;
  length: number;
}

/** encoding/asn1 syntax errors carry this prefix. */
export class Asn1Error extends Error {}

/**
 * Reads one element header at `offset`, with encoding/asn1's DER strictness and error texts.
 * The content is not checked against the buffer end; `readElement` does that.
 */
export function readHeader(buf: Uint8Array, offset: number): Element {
  let o = offset;
  if (o >= buf.length) throw new Asn1Error('asn1: syntax error: truncated tag or length');
  const id = buf[o++]!;
  const cls = id >> 6;
  const constructed = (id & 0x20) !== 0;
  let tag = id & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    for (;;) {
      if (o >= buf.length) throw new Asn1Error('asn1: syntax error: truncated tag or length');
      const b = buf[o++]!;
      tag = tag * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
  }
  if (o >= buf.length) throw new Asn1Error('asn1: syntax error: truncated tag or length');
  let length = buf[o++]!;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0) throw new Asn1Error('asn1: syntax error: indefinite length found (not DER)');
    length = 0;
    for (let i = 0; i < n; i++) {
      if (o >= buf.length) throw new Asn1Error('asn1: syntax error: truncated tag or length');
      const b = buf[o++]!;
      if (length === 0 && b === 0)
        throw new Asn1Error('asn1: structure error: superfluous leading zeros in length');
      length = length * 256 + b;
      if (length > 0x7fffffff) throw new Asn1Error('asn1: structure error: length too large');
    }
    if (length < 0x80) throw new Asn1Error('asn1: structure error: non-minimal length');
  }
  return { cls, tag, constructed, start: o, end: o + length, length };
}

export function readElement(buf: Uint8Array, offset: number): Element {
  const el = readHeader(buf, offset);
  if (el.end > buf.length) throw new Asn1Error('asn1: syntax error: data truncated');
  return el;
}

/** The direct children of a constructed element. */
export function children(buf: Uint8Array, parent: Element): Element[] {
  const out: Element[] = [];
  for (let o = parent.start; o < parent.end; ) {
    const el = readElement(buf, o);
    if (el.end > parent.end) throw new Asn1Error('asn1: syntax error: data truncated');
    out.push(el);
    o = el.end;
  }
  return out;
}

export function content(buf: Uint8Array, el: Element): Buffer {
  return Buffer.from(buf.subarray(el.start, el.end));
}

/**
 * The top-level SEQUENCE check encoding/asn1's Unmarshal performs for a struct, with its error
 * text (`typeName` is the Go struct type, e.g. `pkcs1PrivateKey`).
 */
const DEFAULT_PARAMS =
  '{optional:false explicit:false application:false private:false defaultValue:<nil> tag:<nil> stringType:0 timeType:0 set:false omitEmpty:false}';

/** encoding/asn1's StructuralError for an element whose tag is not the field's. */
function tagMismatch(expected: number, el: Element, goType: string, offset: number): Asn1Error {
  return new Asn1Error(
    `asn1: structure error: tags don't match (${expected} vs {class:${el.cls} tag:${el.tag} length:${el.length} isCompound:${el.constructed}}) ${DEFAULT_PARAMS} ${goType} @${offset}`,
  );
}

export function expectTopSequence(buf: Uint8Array, typeName: string): Element {
  if (buf.length === 0) throw new Asn1Error('asn1: syntax error: sequence truncated');
  const el = readHeader(buf, 0);
  if (el.cls !== 0 || el.tag !== 16 || !el.constructed) throw tagMismatch(16, el, typeName, el.start);
  if (el.end > buf.length) throw new Asn1Error('asn1: syntax error: data truncated');
  return el;
}

/** A mandatory struct field: its universal tag and Go type name (empty for *big.Int, []byte). */
export interface Field {
  tag: number;
  goType: string;
}

/**
 * Unmarshal of a struct whose leading fields are mandatory: each must be present with its tag
 * (offsets in the error are relative to the struct's contents, as Go reports them).
 */
export function expectFields(buf: Uint8Array, top: Element, fields: readonly Field[]): Element[] {
  const inner = buf.subarray(top.start, top.end);
  const out: Element[] = [];
  let o = 0;
  for (const field of fields) {
    if (o >= inner.length) throw new Asn1Error('asn1: syntax error: sequence truncated');
    const el = readHeader(inner, o);
    const constructed = field.tag === 16 || field.tag === 17;
    if (el.cls !== 0 || el.tag !== field.tag || el.constructed !== constructed)
      throw tagMismatch(field.tag, el, field.goType, el.start);
    if (el.end > inner.length) throw new Asn1Error('asn1: syntax error: data truncated');
    out.push({ ...el, start: el.start + top.start, end: el.end + top.start });
    o = el.end;
  }
  return out;
}

export function decodeOid(body: Uint8Array): string {
  const arcs: bigint[] = [];
  let v = 0n;
  for (const b of body) {
    v = (v << 7n) | BigInt(b & 0x7f);
    if ((b & 0x80) === 0) {
      arcs.push(v);
      v = 0n;
    }
  }
  if (arcs.length === 0) return '';
  const first = arcs[0]!;
  const head = first < 80n ? [first / 40n, first % 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}
