// A protobuf wire-format reader and a decoder driven by the message facts of upstream-messages.ts,
// producing the JSON Go's encoding/json gives the same typed object: omitempty drops zero scalars
// and nil pointers/slices/maps, fields without omitempty print their zero value (or null), and
// non-pointer structs always print (an absent one as its zero value, e.g. `status: {}`).
import { upstreamMessages } from './upstream-messages.ts';

export class ProtobufError extends Error {}

interface Field {
  name: string;
  number: number;
  /** scalar code (s b i32 i64 f64 y t mt dur q ios raw jpa jpb jps), `@message`, or `{value}` for a map */
  type: string;
  repeated: boolean;
  pointer: boolean;
  omitempty: boolean;
  /** Go 1.24 omitzero (metadata.creationTimestamp): the zero value, here the zero time, is left out. */
  omitzero: boolean;
  inline: boolean;
}
interface Message {
  fields: Field[];
  byNumber: Map<number, Field>;
}

/** runtime.Unknown and runtime.TypeMeta (k8s.io/apimachinery/pkg/runtime/generated.proto): the envelope. */
const localMessages: Record<string, string> = {
  'runtime.Unknown': 'typeMeta:1:@runtime.TypeMeta raw:2:y contentEncoding:3:s contentType:4:s',
  'runtime.TypeMeta': 'apiVersion:1:s? kind:2:s?',
};

const compiled = new Map<string, Message>();

function messageOf(key: string): Message {
  const cached = compiled.get(key);
  if (cached) return cached;
  const spec = upstreamMessages[key] ?? localMessages[key];
  if (spec === undefined) throw new ProtobufError(`no protobuf message ${key}`);
  const fields: Field[] = [];
  for (const part of spec.split(' ')) {
    if (part === '') continue;
    // `name:number:type flags`; a JSON name may hold ':' never, '$' and '-' yes.
    const m = /^([^:]*):(\d+):(.+?)((?:\[\])?\*?\??~?\^?)$/.exec(part);
    if (!m) throw new ProtobufError(`bad field spec ${part} in ${key}`);
    const flags = m[4]!;
    fields.push({
      name: m[1]!,
      number: Number(m[2]),
      type: m[3]!,
      repeated: flags.includes('[]'),
      pointer: flags.includes('*'),
      omitempty: flags.includes('?'),
      omitzero: flags.includes('~'),
      inline: flags.includes('^'),
    });
  }
  const message = { fields, byNumber: new Map(fields.map((f) => [f.number, f])) };
  compiled.set(key, message);
  return message;
}

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}
  done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw new ProtobufError('truncated varint');
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new ProtobufError('varint too long');
    }
  }
  fixed64(): number {
    if (this.pos + 8 > this.buf.length) throw new ProtobufError('truncated fixed64');
    const v = Buffer.from(this.buf.buffer, this.buf.byteOffset + this.pos, 8).readDoubleLE(0);
    this.pos += 8;
    return v;
  }
  bytes(): Uint8Array {
    const len = Number(this.varint());
    if (this.pos + len > this.buf.length) throw new ProtobufError('truncated length-delimited field');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 2) this.bytes();
    else if (wireType === 5) this.pos += 4;
    else throw new ProtobufError(`unsupported wire type ${wireType}`);
    if (this.pos > this.buf.length) throw new ProtobufError('truncated field');
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const empty = new Uint8Array(0);

/** Reads the tagged fields of a message: field number → its values in wire order. */
function readFields(buf: Uint8Array, message: Message): Map<Field, unknown[]> {
  const r = new Reader(buf);
  const values = new Map<Field, unknown[]>();
  while (!r.done()) {
    const tag = Number(r.varint());
    const wireType = tag & 7;
    const field = message.byNumber.get(tag >>> 3);
    if (!field) {
      r.skip(wireType);
      continue;
    }
    const list = values.get(field) ?? [];
    values.set(field, list);
    if (wireType === 2 && field.repeated && isNumeric(field.type)) {
      // A packed repeated scalar: one length-delimited run of values.
      const packed = new Reader(r.bytes());
      while (!packed.done()) list.push(scalar(packed, field.type === 'f64' ? 1 : 0, field.type));
    } else if (field.type.startsWith('{')) {
      list.push(mapEntry(r.bytes(), field.type.slice(1, -1)));
    } else {
      list.push(value(r, wireType, field.type));
    }
  }
  return values;
}

function isNumeric(type: string): boolean {
  return type === 'b' || type === 'i32' || type === 'i64' || type === 'f64';
}

/** Decodes one message into Go's JSON form of the typed struct. */
export function decodeMessage(buf: Uint8Array, key: string): Record<string, unknown> {
  const message = messageOf(key);
  const values = readFields(buf, message);
  const out: Record<string, unknown> = {};
  for (const field of message.fields) {
    const vals = values.get(field);
    if (field.inline) {
      Object.assign(out, vals ? vals[vals.length - 1] : value(new Reader(empty), 2, field.type, empty));
      continue;
    }
    if (field.type.startsWith('{')) {
      if (vals) out[field.name] = Object.fromEntries(vals as [string, unknown][]);
      else if (!field.omitempty) out[field.name] = null;
      continue;
    }
    if (field.repeated) {
      if (vals) out[field.name] = vals;
      else if (!field.omitempty) out[field.name] = null;
      continue;
    }
    if (vals) {
      const v = vals[vals.length - 1];
      if (field.omitempty && !field.pointer && (v === '' || v === 0 || v === false)) continue;
      if (field.omitzero && v === null) continue;
      out[field.name] = v;
      continue;
    }
    if (field.pointer || field.type === 'y') {
      if (!field.omitempty) out[field.name] = null;
      continue;
    }
    const zero = zeroValue(field.type);
    if (field.omitempty && (zero === '' || zero === 0 || zero === false)) continue;
    if (field.omitzero) continue;
    out[field.name] = zero;
  }
  return out;
}

/** The JSON of a Go zero value of a non-pointer field that is not on the wire. */
function zeroValue(type: string): unknown {
  switch (type) {
    case 's':
      return '';
    case 'b':
      return false;
    case 'i32':
    case 'i64':
    case 'f64':
    case 'ios':
      return 0;
    case 'q':
      return '0';
    case 'dur':
      return '0s';
    case 't':
    case 'mt':
    case 'raw':
      return null;
    default:
      return type.startsWith('@') ? decodeMessage(empty, type.slice(1)) : null;
  }
}

function scalar(r: Reader, wireType: number, type: string): unknown {
  if (type === 'f64') {
    if (wireType !== 1) throw new ProtobufError(`double field with wire type ${wireType}`);
    return r.fixed64();
  }
  if (wireType !== 0) throw new ProtobufError(`varint field with wire type ${wireType}`);
  const v = r.varint();
  if (type === 'b') return v !== 0n;
  if (type === 'i32') return Number(BigInt.asIntN(32, v));
  return Number(BigInt.asIntN(64, v));
}

function value(r: Reader, wireType: number, type: string, given?: Uint8Array): unknown {
  if (isNumeric(type)) return scalar(r, wireType, type);
  if (given === undefined && wireType !== 2)
    throw new ProtobufError(`length-delimited field with wire type ${wireType}`);
  const data = given ?? r.bytes();
  if (type.startsWith('@')) return decodeMessage(data, type.slice(1));
  switch (type) {
    case 's':
      return utf8.decode(data);
    case 'y':
      return Buffer.from(data).toString('base64');
    case 't':
    case 'mt':
      return time(data, type === 'mt');
    case 'dur':
      return goDuration(firstVarint(data, 1));
    case 'q':
      return utf8.decode(firstBytes(data, 1) ?? empty) || '0';
    case 'ios': {
      const f = new Map<number, unknown>();
      const r2 = new Reader(data);
      while (!r2.done()) {
        const tag = Number(r2.varint());
        const no = tag >>> 3;
        f.set(no, no === 3 ? utf8.decode(r2.bytes()) : r2.varint());
      }
      // intstr.IntOrString: type 1 is a string, anything else the int32.
      return f.get(1) === 1n ? (f.get(3) ?? '') : Number(BigInt.asIntN(32, (f.get(2) as bigint) ?? 0n));
    }
    case 'raw': {
      const raw = firstBytes(data, 1);
      if (raw === undefined || raw.length === 0) return null;
      const text = utf8.decode(raw);
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    }
    case 'jpa':
    case 'jpb':
    case 'jps':
      return schemaUnion(data, type);
  }
  throw new ProtobufError(`unknown protobuf field type ${type}`);
}

/** The first length-delimited field `number` of a message, if any. */
function firstBytes(data: Uint8Array, number: number): Uint8Array | undefined {
  const r = new Reader(data);
  while (!r.done()) {
    const tag = Number(r.varint());
    if (tag >>> 3 === number && (tag & 7) === 2) return r.bytes();
    r.skip(tag & 7);
  }
  return undefined;
}

/** The int64 varint field `number` of a message (0 when absent). */
function firstVarint(data: Uint8Array, number: number): number {
  const r = new Reader(data);
  let v = 0n;
  while (!r.done()) {
    const tag = Number(r.varint());
    if (tag >>> 3 === number && (tag & 7) === 0) v = BigInt.asIntN(64, r.varint());
    else r.skip(tag & 7);
  }
  return Number(v);
}

/** metav1.Time (seconds only, as upstream's Unmarshal) and metav1.MicroTime; empty is the zero time, null in JSON. */
function time(data: Uint8Array, micro: boolean): string | null {
  if (data.length === 0) return null;
  let seconds = 0n;
  let nanos = 0n;
  const r = new Reader(data);
  while (!r.done()) {
    const tag = Number(r.varint());
    if (tag >>> 3 === 1) seconds = BigInt.asIntN(64, r.varint());
    else if (tag >>> 3 === 2) nanos = BigInt.asIntN(32, r.varint());
    else r.skip(tag & 7);
  }
  const iso = new Date(Number(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, '');
  if (!micro) return `${iso}Z`;
  return `${iso}.${String((Number(nanos) / 1000) | 0).padStart(6, '0')}Z`;
}

/** Go's time.Duration.String(), e.g. 1h0m0s, 1.5s, 300ms. */
function goDuration(ns: number): string {
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  let n = Math.abs(ns);
  if (n < 1e9) {
    const [unit, scale] = n < 1e3 ? ['ns', 1] : n < 1e6 ? ['µs', 1e3] : ['ms', 1e6];
    return `${sign}${trimFraction(n / (scale as number))}${unit}`;
  }
  const h = Math.floor(n / 3.6e12);
  n -= h * 3.6e12;
  const m = Math.floor(n / 6e10);
  n -= m * 6e10;
  const s = `${trimFraction(n / 1e9)}s`;
  return `${sign}${h > 0 ? `${h}h${m}m` : m > 0 ? `${m}m` : ''}${s}`;
}

function trimFraction(x: number): string {
  return String(Number(x.toFixed(9)));
}

/** A map entry message: key 1 (always a string in the API types), value 2. */
function mapEntry(data: Uint8Array, valueType: string): [string, unknown] {
  const r = new Reader(data);
  let key = '';
  let val: unknown;
  while (!r.done()) {
    const tag = Number(r.varint());
    if (tag >>> 3 === 1) key = utf8.decode(r.bytes());
    else if (tag >>> 3 === 2) val = value(r, tag & 7, valueType);
    else r.skip(tag & 7);
  }
  return [key, val === undefined ? zeroValue(valueType) : val];
}

/** apiextensions JSONSchemaPropsOrArray / OrBool / OrStringArray: their custom JSON forms. */
function schemaUnion(data: Uint8Array, type: string): unknown {
  const r = new Reader(data);
  let schema: unknown;
  const list: unknown[] = [];
  let allows = false;
  while (!r.done()) {
    const tag = Number(r.varint());
    const no = tag >>> 3;
    const schemaField = type === 'jpb' ? 2 : 1;
    if (no === schemaField) schema = decodeMessage(r.bytes(), 'apiextensions.JSONSchemaProps');
    else if (type === 'jpb' && no === 1) allows = r.varint() !== 0n;
    else if (type === 'jpa' && no === 2) list.push(decodeMessage(r.bytes(), 'apiextensions.JSONSchemaProps'));
    else if (type === 'jps' && no === 2) list.push(utf8.decode(r.bytes()));
    else r.skip(tag & 7);
  }
  if (type === 'jpb') return schema ?? allows;
  return list.length > 0 ? list : (schema ?? null);
}
