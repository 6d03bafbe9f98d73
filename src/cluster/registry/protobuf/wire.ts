// A protobuf wire-format reader and a schema-driven decoder producing the JSON shape Go's
// encoding/json gives the same typed object (omitempty: zero values of non-pointer fields vanish).

export class ProtobufError extends Error {}

/** How one field of a message decodes; `keep` marks Go pointer fields, whose zero values are kept. */
export type FieldKind =
  | {
      type: 'string' | 'bytes' | 'int64' | 'int32' | 'bool' | 'time' | 'microtime';
      repeated?: boolean;
      keep?: boolean;
    }
  | { type: 'message'; schema: MessageSchema; repeated?: boolean; keep?: boolean }
  | { type: 'map'; value: 'string' | 'bytes' }
  | { type: 'raw' }; // bytes kept as a nested JSON document (RawExtension, FieldsV1)

export type MessageSchema = Record<number, [name: string, kind: FieldKind]>;

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
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function toInt64(v: bigint): number {
  return Number(BigInt.asIntN(64, v));
}

function rfc3339(seconds: number, nanos: number, micro: boolean): string {
  const iso = new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '');
  if (!micro) return `${iso}Z`;
  // metav1.MicroTime prints six fractional digits.
  return `${iso}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
}

const timeSchema: MessageSchema = { 1: ['seconds', { type: 'int64' }], 2: ['nanos', { type: 'int32' }] };

export function decodeMessage(buf: Uint8Array, schema: MessageSchema): Record<string, unknown> {
  const r = new Reader(buf);
  const out: Record<string, unknown> = {};
  const present = new Set<string>();
  while (!r.done()) {
    const tag = Number(r.varint());
    const fieldNo = tag >>> 3;
    const wireType = tag & 7;
    const entry = schema[fieldNo];
    if (!entry) {
      r.skip(wireType);
      continue;
    }
    const [name, kind] = entry;
    present.add(name);
    const value = decodeField(r, wireType, kind);
    if (kind.type === 'map') {
      const m = (out[name] as Record<string, unknown>) ?? {};
      const [k, v] = value as [string, unknown];
      m[k] = v;
      out[name] = m;
    } else if ('repeated' in kind && kind.repeated) {
      const list = (out[name] as unknown[]) ?? [];
      list.push(value);
      out[name] = list;
    } else {
      out[name] = value;
    }
  }
  // Go's omitempty: drop zero values of non-pointer scalar fields.
  for (const [, [name, kind]] of Object.entries(schema)) {
    if (!present.has(name)) continue;
    const v = out[name];
    const keep = 'keep' in kind && kind.keep;
    if (!keep && (v === '' || v === 0 || v === false)) delete out[name];
  }
  return out;
}

function decodeField(r: Reader, wireType: number, kind: FieldKind): unknown {
  switch (kind.type) {
    case 'string':
      return utf8.decode(r.bytes());
    case 'bytes':
      return Buffer.from(r.bytes()).toString('base64');
    case 'int64':
      return toInt64(r.varint());
    case 'int32':
      return Number(BigInt.asIntN(32, r.varint()));
    case 'bool':
      return r.varint() !== 0n;
    case 'time':
    case 'microtime': {
      const t = decodeMessage(r.bytes(), timeSchema);
      const seconds = Number(t.seconds ?? 0);
      const nanos = Number(t.nanos ?? 0);
      // metav1.Time encodes the zero time as an empty Timestamp; Go's JSON prints it as null.
      if (seconds === 0 && nanos === 0) return null;
      return rfc3339(seconds, nanos, kind.type === 'microtime');
    }
    case 'message':
      return decodeMessage(r.bytes(), kind.schema);
    case 'map': {
      const entry = new Reader(r.bytes());
      let k = '';
      let v: unknown = kind.value === 'bytes' ? '' : '';
      while (!entry.done()) {
        const tag = Number(entry.varint());
        if (tag >>> 3 === 1) k = utf8.decode(entry.bytes());
        else if (tag >>> 3 === 2)
          v =
            kind.value === 'bytes'
              ? Buffer.from(entry.bytes()).toString('base64')
              : utf8.decode(entry.bytes());
        else entry.skip(tag & 7);
      }
      return [k, v];
    }
    case 'raw': {
      const raw = r.bytes();
      const text = utf8.decode(raw);
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    }
  }
  void wireType;
  return undefined;
}
