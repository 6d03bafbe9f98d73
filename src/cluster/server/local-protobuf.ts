// Protobuf request bodies for the few kinds the server must read before the
// registry room's codec is wired in through ProtobufCodec: client-go's typed
// clients (kubectl create namespace/configmap/secret, Helm's release storage,
// every typed delete) send `application/vnd.kubernetes.protobuf` and never
// retry in JSON. A body is `k8s\0` + runtime.Unknown{typeMeta, raw}; raw is
// decoded against the field numbers of generated.proto for its kind.

import type { KubeObject } from '../registry/types.ts';
import type { ProtobufCodec } from './deps.ts';
import { badRequest, unsupportedMediaType } from './status.ts';

type Scalar = 'string' | 'bytes' | 'int64' | 'int32' | 'bool';
type FieldType = Scalar | 'time' | 'stringMap' | 'bytesMap' | 'raw' | Message;
interface Field {
  name: string;
  type: FieldType;
  repeated?: boolean;
}
type Message = { [number: number]: Field };

const ownerReference: Message = {
  1: { name: 'kind', type: 'string' },
  3: { name: 'name', type: 'string' },
  4: { name: 'uid', type: 'string' },
  5: { name: 'apiVersion', type: 'string' },
  6: { name: 'controller', type: 'bool' },
  7: { name: 'blockOwnerDeletion', type: 'bool' },
};
const managedFieldsEntry: Message = {
  1: { name: 'manager', type: 'string' },
  2: { name: 'operation', type: 'string' },
  3: { name: 'apiVersion', type: 'string' },
  4: { name: 'time', type: 'time' },
  6: { name: 'fieldsType', type: 'string' },
  7: { name: 'fieldsV1', type: 'raw' },
  8: { name: 'subresource', type: 'string' },
};
const objectMeta: Message = {
  1: { name: 'name', type: 'string' },
  2: { name: 'generateName', type: 'string' },
  3: { name: 'namespace', type: 'string' },
  4: { name: 'selfLink', type: 'string' },
  5: { name: 'uid', type: 'string' },
  6: { name: 'resourceVersion', type: 'string' },
  7: { name: 'generation', type: 'int64' },
  8: { name: 'creationTimestamp', type: 'time' },
  9: { name: 'deletionTimestamp', type: 'time' },
  10: { name: 'deletionGracePeriodSeconds', type: 'int64' },
  11: { name: 'labels', type: 'stringMap' },
  12: { name: 'annotations', type: 'stringMap' },
  13: { name: 'ownerReferences', type: ownerReference, repeated: true },
  14: { name: 'finalizers', type: 'string', repeated: true },
  17: { name: 'managedFields', type: managedFieldsEntry, repeated: true },
};
const kinds: Record<string, Message> = {
  Namespace: {
    1: { name: 'metadata', type: objectMeta },
    2: { name: 'spec', type: { 1: { name: 'finalizers', type: 'string', repeated: true } } },
    3: { name: 'status', type: { 1: { name: 'phase', type: 'string' } } },
  },
  ConfigMap: {
    1: { name: 'metadata', type: objectMeta },
    2: { name: 'data', type: 'stringMap' },
    3: { name: 'binaryData', type: 'bytesMap' },
    4: { name: 'immutable', type: 'bool' },
  },
  Secret: {
    1: { name: 'metadata', type: objectMeta },
    2: { name: 'data', type: 'bytesMap' },
    3: { name: 'type', type: 'string' },
    4: { name: 'stringData', type: 'stringMap' },
    5: { name: 'immutable', type: 'bool' },
  },
  DeleteOptions: {
    1: { name: 'gracePeriodSeconds', type: 'int64' },
    2: {
      name: 'preconditions',
      type: { 1: { name: 'uid', type: 'string' }, 2: { name: 'resourceVersion', type: 'string' } },
    },
    3: { name: 'orphanDependents', type: 'bool' },
    4: { name: 'propagationPolicy', type: 'string' },
    5: { name: 'dryRun', type: 'string', repeated: true },
  },
};

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}
  get done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw badRequest('protobuf: truncated varint');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      shift += 7n;
    }
  }
  bytes(): Uint8Array {
    const n = Number(this.varint());
    if (this.pos + n > this.buf.length) throw badRequest('protobuf: truncated field');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw badRequest(`protobuf: unsupported wire type ${wire}`);
  }
}

const utf8 = new TextDecoder();

function rfc3339(seconds: bigint): string {
  return `${new Date(Number(seconds) * 1000).toISOString().slice(0, 19)}Z`;
}

function decodeMessage(buf: Uint8Array, schema: Message): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const r = new Reader(buf);
  while (!r.done) {
    const tag = Number(r.varint());
    const number = tag >> 3;
    const wire = tag & 7;
    const field = schema[number];
    if (!field) {
      r.skip(wire);
      continue;
    }
    const value = decodeField(r, wire, field.type);
    if (field.type === 'stringMap' || field.type === 'bytesMap') {
      const [k, v] = value as [string, unknown];
      out[field.name] = { ...((out[field.name] as object) ?? {}), [k]: v };
    } else if (field.repeated) {
      out[field.name] = [...((out[field.name] as unknown[]) ?? []), value];
    } else {
      out[field.name] = value;
    }
  }
  return out;
}

function decodeField(r: Reader, wire: number, type: FieldType): unknown {
  switch (type) {
    case 'string':
      return utf8.decode(r.bytes());
    case 'bytes':
      return Buffer.from(r.bytes()).toString('base64');
    case 'int64':
    case 'int32':
      return Number(BigInt.asIntN(64, r.varint()));
    case 'bool':
      return r.varint() !== 0n;
    case 'time': {
      const t = decodeMessage(r.bytes(), { 1: { name: 'seconds', type: 'int64' } });
      return rfc3339(BigInt((t.seconds as number | undefined) ?? 0));
    }
    case 'raw': {
      const raw = decodeMessage(r.bytes(), { 1: { name: 'raw', type: 'bytes' } });
      return raw.raw === undefined
        ? {}
        : JSON.parse(Buffer.from(raw.raw as string, 'base64').toString('utf8'));
    }
    case 'stringMap':
    case 'bytesMap': {
      const entry = decodeMessage(r.bytes(), {
        1: { name: 'key', type: 'string' },
        2: { name: 'value', type: type === 'stringMap' ? 'string' : 'bytes' },
      });
      return [entry.key ?? '', entry.value ?? ''];
    }
    default:
      if (wire !== 2) throw badRequest('protobuf: expected an embedded message');
      return decodeMessage(r.bytes(), type);
  }
}

const magic = [0x6b, 0x38, 0x73, 0x00];

export const localProtobuf: ProtobufCodec = {
  decode(body: Uint8Array): KubeObject {
    if (body.length < 4 || magic.some((b, i) => body[i] !== b))
      throw badRequest('protobuf: missing k8s envelope');
    const unknown = decodeMessage(body.subarray(4), {
      1: {
        name: 'typeMeta',
        type: { 1: { name: 'apiVersion', type: 'string' }, 2: { name: 'kind', type: 'string' } },
      },
      2: { name: 'raw', type: 'bytes' },
    });
    const typeMeta = (unknown.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
    const schema = typeMeta.kind ? kinds[typeMeta.kind] : undefined;
    if (!schema)
      throw unsupportedMediaType(`application/vnd.kubernetes.protobuf (${typeMeta.kind ?? 'unknown kind'})`);
    const raw = Buffer.from((unknown.raw as string | undefined) ?? '', 'base64');
    const obj = decodeMessage(raw, schema);
    if (typeMeta.apiVersion) obj.apiVersion = typeMeta.apiVersion;
    obj.kind = typeMeta.kind;
    return obj as KubeObject;
  },
};
