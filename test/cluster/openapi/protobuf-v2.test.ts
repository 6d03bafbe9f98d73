/**
 * /openapi/v2 as gnostic protobuf: wire-format bytes, a full decode round trip of the served
 * document (with a reader written here from OpenAPIv2.proto's field numbers), and the real
 * kubectl 1.35 / helm v4 validating manifests client-side against it.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import {
  BUILTIN_RESOURCES,
  encodeOpenAPIV2Protobuf,
  OPENAPI_V2_PROTOBUF_CONTENT_TYPE,
  OpenAPI,
} from '../../../src/cluster/openapi/index.ts';
import { ProtoWriter } from '../../../src/cluster/openapi/protobuf-wire.ts';
import { referenceBin } from '../../support/reference-bins.ts';

type Json = Record<string, any>;

// ---------------------------------------------------------------------------------------------
// A protobuf reader for the gnostic OpenAPIv2 messages, turning a Document back into swagger JSON.

type Scalar = 'string' | 'bool' | 'double' | 'int64';
/** field number → [JSON name, scalar kind or message name, repeated]. */
type MessageSpec = Record<number, [string, Scalar | string, boolean?]>;

const NAMED = (value: string): MessageSpec => ({ 1: ['name', 'string'], 2: ['value', value] });
const NAMED_LIST = (named: string): MessageSpec => ({ 1: ['additionalProperties', named, true] });
const PRIMITIVE_KEYWORDS = (f: number): MessageSpec => ({
  [f]: ['type', 'string'],
  [f + 1]: ['format', 'string'],
  [f + 2]: ['items', 'PrimitivesItems'],
  [f + 3]: ['collectionFormat', 'string'],
  [f + 4]: ['default', 'Any'],
  [f + 5]: ['maximum', 'double'],
  [f + 6]: ['exclusiveMaximum', 'bool'],
  [f + 7]: ['minimum', 'double'],
  [f + 8]: ['exclusiveMinimum', 'bool'],
  [f + 9]: ['maxLength', 'int64'],
  [f + 10]: ['minLength', 'int64'],
  [f + 11]: ['pattern', 'string'],
  [f + 12]: ['maxItems', 'int64'],
  [f + 13]: ['minItems', 'int64'],
  [f + 14]: ['uniqueItems', 'bool'],
  [f + 15]: ['enum', 'Any', true],
  [f + 16]: ['multipleOf', 'double'],
});
const EXT = (f: number): MessageSpec => ({ [f]: ['vendorExtension', 'NamedAny', true] });
const PARAM_HEAD: MessageSpec = {
  1: ['required', 'bool'],
  2: ['in', 'string'],
  3: ['description', 'string'],
  4: ['name', 'string'],
};

const MESSAGES: Record<string, MessageSpec> = {
  Document: {
    1: ['swagger', 'string'],
    2: ['info', 'Info'],
    3: ['host', 'string'],
    4: ['basePath', 'string'],
    5: ['schemes', 'string', true],
    6: ['consumes', 'string', true],
    7: ['produces', 'string', true],
    8: ['paths', 'Paths'],
    9: ['definitions', 'Definitions'],
    10: ['parameters', 'ParameterDefinitions'],
    11: ['responses', 'ResponseDefinitions'],
    12: ['security', 'SecurityRequirement', true],
    13: ['securityDefinitions', 'SecurityDefinitions'],
    14: ['tags', 'Tag', true],
    15: ['externalDocs', 'ExternalDocs'],
    ...EXT(16),
  },
  Info: {
    1: ['title', 'string'],
    2: ['version', 'string'],
    3: ['description', 'string'],
    4: ['termsOfService', 'string'],
    5: ['contact', 'Contact'],
    6: ['license', 'License'],
    ...EXT(7),
  },
  Contact: { 1: ['name', 'string'], 2: ['url', 'string'], 3: ['email', 'string'], ...EXT(4) },
  License: { 1: ['name', 'string'], 2: ['url', 'string'], ...EXT(3) },
  ExternalDocs: { 1: ['description', 'string'], 2: ['url', 'string'], ...EXT(3) },
  Tag: {
    1: ['name', 'string'],
    2: ['description', 'string'],
    3: ['externalDocs', 'ExternalDocs'],
    ...EXT(4),
  },
  Any: { 1: ['value', 'bytes'], 2: ['yaml', 'string'] },
  NamedAny: NAMED('Any'),
  NamedSchema: NAMED('Schema'),
  NamedPathItem: NAMED('PathItem'),
  NamedParameter: NAMED('Parameter'),
  NamedResponse: NAMED('Response'),
  NamedResponseValue: NAMED('ResponseValue'),
  NamedHeader: NAMED('Header'),
  NamedString: NAMED('string'),
  NamedStringArray: NAMED('StringArray'),
  NamedSecurityDefinitionsItem: NAMED('SecurityDefinitionsItem'),
  Definitions: NAMED_LIST('NamedSchema'),
  Properties: NAMED_LIST('NamedSchema'),
  ParameterDefinitions: NAMED_LIST('NamedParameter'),
  ResponseDefinitions: NAMED_LIST('NamedResponse'),
  Headers: NAMED_LIST('NamedHeader'),
  Examples: NAMED_LIST('NamedAny'),
  SecurityDefinitions: NAMED_LIST('NamedSecurityDefinitionsItem'),
  SecurityRequirement: NAMED_LIST('NamedStringArray'),
  Oauth2Scopes: NAMED_LIST('NamedString'),
  StringArray: { 1: ['value', 'string', true] },
  TypeItem: { 1: ['value', 'string', true] },
  ItemsItem: { 1: ['schema', 'Schema', true] },
  Paths: { ...EXT(1), 2: ['path', 'NamedPathItem', true] },
  PathItem: {
    1: ['$ref', 'string'],
    2: ['get', 'Operation'],
    3: ['put', 'Operation'],
    4: ['post', 'Operation'],
    5: ['delete', 'Operation'],
    6: ['options', 'Operation'],
    7: ['head', 'Operation'],
    8: ['patch', 'Operation'],
    9: ['parameters', 'ParametersItem', true],
    ...EXT(10),
  },
  Operation: {
    1: ['tags', 'string', true],
    2: ['summary', 'string'],
    3: ['description', 'string'],
    4: ['externalDocs', 'ExternalDocs'],
    5: ['operationId', 'string'],
    6: ['produces', 'string', true],
    7: ['consumes', 'string', true],
    8: ['parameters', 'ParametersItem', true],
    9: ['responses', 'Responses'],
    10: ['schemes', 'string', true],
    11: ['deprecated', 'bool'],
    12: ['security', 'SecurityRequirement', true],
    ...EXT(13),
  },
  ParametersItem: { 1: ['oneof', 'Parameter'], 2: ['oneof', 'JsonReference'] },
  Parameter: { 1: ['oneof', 'BodyParameter'], 2: ['oneof', 'NonBodyParameter'] },
  NonBodyParameter: {
    1: ['oneof', 'HeaderParameterSubSchema'],
    2: ['oneof', 'FormDataParameterSubSchema'],
    3: ['oneof', 'QueryParameterSubSchema'],
    4: ['oneof', 'PathParameterSubSchema'],
  },
  JsonReference: { 1: ['$ref', 'string'], 2: ['description', 'string'] },
  BodyParameter: {
    1: ['description', 'string'],
    2: ['name', 'string'],
    3: ['in', 'string'],
    4: ['required', 'bool'],
    5: ['schema', 'Schema'],
    ...EXT(6),
  },
  HeaderParameterSubSchema: { ...PARAM_HEAD, ...PRIMITIVE_KEYWORDS(5), ...EXT(22) },
  PathParameterSubSchema: { ...PARAM_HEAD, ...PRIMITIVE_KEYWORDS(5), ...EXT(22) },
  QueryParameterSubSchema: {
    ...PARAM_HEAD,
    5: ['allowEmptyValue', 'bool'],
    ...PRIMITIVE_KEYWORDS(6),
    ...EXT(23),
  },
  FormDataParameterSubSchema: {
    ...PARAM_HEAD,
    5: ['allowEmptyValue', 'bool'],
    ...PRIMITIVE_KEYWORDS(6),
    ...EXT(23),
  },
  PrimitivesItems: { ...PRIMITIVE_KEYWORDS(1), ...EXT(18) },
  Header: { ...PRIMITIVE_KEYWORDS(1), 18: ['description', 'string'], ...EXT(19) },
  Responses: { 1: ['responseCode', 'NamedResponseValue', true], ...EXT(2) },
  ResponseValue: { 1: ['oneof', 'Response'], 2: ['oneof', 'JsonReference'] },
  Response: {
    1: ['description', 'string'],
    2: ['schema', 'SchemaItem'],
    3: ['headers', 'Headers'],
    4: ['examples', 'Examples'],
    ...EXT(5),
  },
  SchemaItem: { 1: ['oneof', 'Schema'], 2: ['oneof', 'FileSchema'] },
  AdditionalPropertiesItem: { 1: ['oneof', 'Schema'], 2: ['oneof', 'bool'] },
  SecurityDefinitionsItem: {
    1: ['oneof', 'BasicAuthenticationSecurity'],
    2: ['oneof', 'ApiKeySecurity'],
    3: ['oneof', 'Oauth2ImplicitSecurity'],
    4: ['oneof', 'Oauth2PasswordSecurity'],
    5: ['oneof', 'Oauth2ApplicationSecurity'],
    6: ['oneof', 'Oauth2AccessCodeSecurity'],
  },
  BasicAuthenticationSecurity: { 1: ['type', 'string'], 2: ['description', 'string'], ...EXT(3) },
  ApiKeySecurity: {
    1: ['type', 'string'],
    2: ['name', 'string'],
    3: ['in', 'string'],
    4: ['description', 'string'],
    ...EXT(5),
  },
  Oauth2ImplicitSecurity: {
    1: ['type', 'string'],
    2: ['flow', 'string'],
    3: ['scopes', 'Oauth2Scopes'],
    4: ['authorizationUrl', 'string'],
    5: ['description', 'string'],
    ...EXT(6),
  },
  Oauth2PasswordSecurity: {
    1: ['type', 'string'],
    2: ['flow', 'string'],
    3: ['scopes', 'Oauth2Scopes'],
    4: ['tokenUrl', 'string'],
    5: ['description', 'string'],
    ...EXT(6),
  },
  Oauth2ApplicationSecurity: {
    1: ['type', 'string'],
    2: ['flow', 'string'],
    3: ['scopes', 'Oauth2Scopes'],
    4: ['tokenUrl', 'string'],
    5: ['description', 'string'],
    ...EXT(6),
  },
  Oauth2AccessCodeSecurity: {
    1: ['type', 'string'],
    2: ['flow', 'string'],
    3: ['scopes', 'Oauth2Scopes'],
    4: ['authorizationUrl', 'string'],
    5: ['tokenUrl', 'string'],
    6: ['description', 'string'],
    ...EXT(7),
  },
  Xml: {
    1: ['name', 'string'],
    2: ['namespace', 'string'],
    3: ['prefix', 'string'],
    4: ['attribute', 'bool'],
    5: ['wrapped', 'bool'],
    ...EXT(6),
  },
  FileSchema: {
    1: ['format', 'string'],
    2: ['title', 'string'],
    3: ['description', 'string'],
    4: ['default', 'Any'],
    5: ['required', 'string', true],
    6: ['type', 'string'],
    7: ['readOnly', 'bool'],
    8: ['externalDocs', 'ExternalDocs'],
    9: ['example', 'Any'],
    ...EXT(10),
  },
  Schema: {
    1: ['$ref', 'string'],
    2: ['format', 'string'],
    3: ['title', 'string'],
    4: ['description', 'string'],
    5: ['default', 'Any'],
    6: ['multipleOf', 'double'],
    7: ['maximum', 'double'],
    8: ['exclusiveMaximum', 'bool'],
    9: ['minimum', 'double'],
    10: ['exclusiveMinimum', 'bool'],
    11: ['maxLength', 'int64'],
    12: ['minLength', 'int64'],
    13: ['pattern', 'string'],
    14: ['maxItems', 'int64'],
    15: ['minItems', 'int64'],
    16: ['uniqueItems', 'bool'],
    17: ['maxProperties', 'int64'],
    18: ['minProperties', 'int64'],
    19: ['required', 'string', true],
    20: ['enum', 'Any', true],
    21: ['additionalProperties', 'AdditionalPropertiesItem'],
    22: ['type', 'TypeItem'],
    23: ['items', 'ItemsItem'],
    24: ['allOf', 'Schema', true],
    25: ['properties', 'Properties'],
    26: ['discriminator', 'string'],
    27: ['readOnly', 'bool'],
    28: ['xml', 'Xml'],
    29: ['externalDocs', 'ExternalDocs'],
    30: ['example', 'Any'],
    ...EXT(31),
  },
};

interface RawField {
  field: number;
  wire: number;
  varint?: bigint;
  bytes?: Uint8Array;
  fixed64?: Uint8Array;
}

function readFields(buf: Uint8Array): RawField[] {
  const out: RawField[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= buf.length) throw new Error('truncated varint');
      const b = buf[pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      shift += 7n;
    }
  };
  while (pos < buf.length) {
    const tag = Number(varint());
    const field = tag >>> 3;
    const wire = tag & 7;
    if (wire === 0) out.push({ field, wire, varint: varint() });
    else if (wire === 1) {
      out.push({ field, wire, fixed64: buf.subarray(pos, pos + 8) });
      pos += 8;
    } else if (wire === 2) {
      const len = Number(varint());
      if (pos + len > buf.length) throw new Error('truncated length-delimited field');
      out.push({ field, wire, bytes: buf.subarray(pos, pos + len) });
      pos += len;
    } else throw new Error(`unexpected wire type ${wire}`);
  }
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeScalar(kind: string, raw: RawField): unknown {
  switch (kind) {
    case 'string':
      return utf8.decode(raw.bytes);
    case 'bytes':
      return raw.bytes;
    case 'bool':
      return raw.varint !== 0n;
    case 'int64':
      return Number(BigInt.asIntN(64, raw.varint as bigint));
    case 'double': {
      const f = raw.fixed64 as Uint8Array;
      return new DataView(f.buffer, f.byteOffset, 8).getFloat64(0, true);
    }
  }
  throw new Error(`unknown scalar ${kind}`);
}

/** Decodes a message into its fields by JSON name, then shapes it the way swagger JSON has it. */
function decodeMessage(name: string, buf: Uint8Array): any {
  const spec = MESSAGES[name];
  if (!spec) throw new Error(`no spec for ${name}`);
  const out: Json = {};
  for (const raw of readFields(buf)) {
    const entry = spec[raw.field];
    if (!entry) throw new Error(`${name}: unknown field ${raw.field}`);
    const [key, kind, repeated] = entry;
    const value = MESSAGES[kind] ? decodeMessage(kind, raw.bytes as Uint8Array) : decodeScalar(kind, raw);
    if (repeated) (out[key] ??= []).push(value);
    else {
      if (key in out) throw new Error(`${name}: field ${raw.field} repeated`);
      out[key] = value;
    }
  }
  return shape(name, out);
}

const fromNamed = (list: { name: string; value: unknown }[] | undefined): Json =>
  Object.fromEntries((list ?? []).map((n) => [n.name, n.value]));

function shape(name: string, m: Json): any {
  if ('oneof' in m) return m.oneof;
  if (m.vendorExtension) {
    Object.assign(m, fromNamed(m.vendorExtension));
    delete m.vendorExtension;
  }
  if (name === 'Any') return YAML.parse(m.yaml);
  if (name.startsWith('Named')) return { name: m.name, value: m.value };
  if (MESSAGES[name] && Object.values(MESSAGES[name])[0][0] === 'additionalProperties' && name !== 'Schema')
    return fromNamed(m.additionalProperties);
  if (name === 'StringArray') return m.value ?? [];
  if (name === 'TypeItem') return m.value?.length === 1 ? m.value[0] : m.value;
  if (name === 'ItemsItem') return m.schema?.length === 1 ? m.schema[0] : m.schema;
  if (name === 'Paths') {
    const { path, ...ext } = m;
    return { ...ext, ...fromNamed(path) };
  }
  if (name === 'Responses') {
    const { responseCode, ...ext } = m;
    return { ...ext, ...fromNamed(responseCode) };
  }
  return m;
}

const decodeDocument = (bytes: Uint8Array): Json => decodeMessage('Document', bytes);

/** What proto3 cannot carry: zero scalars and empty lists (kept inside Any-valued keys). */
function dropProtoDefaults(value: any): any {
  if (Array.isArray(value)) return value.map(dropProtoDefaults);
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (
      k.startsWith('x-') ||
      k === 'enum' ||
      k === 'default' ||
      k === 'example' ||
      k === 'additionalProperties'
    ) {
      out[k] = k === 'additionalProperties' ? dropProtoDefaults(v) : v;
      continue;
    }
    if (v === false || v === '' || v === 0 || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = dropProtoDefaults(v);
  }
  return out;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

// ---------------------------------------------------------------------------------------------

describe('ProtoWriter wire format', () => {
  const cases: { name: string; write: (w: ProtoWriter) => void; hex: string }[] = [
    { name: 'string', write: (w) => w.string(1, '2.0'), hex: '0a03322e30' },
    { name: 'empty string is omitted', write: (w) => w.string(1, ''), hex: '' },
    { name: 'utf-8 string', write: (w) => w.string(2, 'é'), hex: '1202c3a9' },
    {
      name: 'long string length is a varint',
      write: (w) => w.string(1, 'a'.repeat(200)),
      hex: `0ac801${'61'.repeat(200)}`,
    },
    { name: 'two-byte tag (field 31)', write: (w) => w.string(31, 'x'), hex: 'fa010178' },
    { name: 'repeated strings keep empty ones', write: (w) => w.strings(5, ['a', '']), hex: '2a01612a00' },
    { name: 'int64 varint', write: (w) => w.int64(11, 300), hex: '58ac02' },
    { name: 'int64 zero omitted', write: (w) => w.int64(11, 0), hex: '' },
    { name: 'negative int64 is ten bytes', write: (w) => w.int64(11, -1), hex: '58ffffffffffffffffff01' },
    { name: 'double little-endian', write: (w) => w.double(7, 1.5), hex: '39000000000000f83f' },
    { name: 'bool true', write: (w) => w.bool(4, true), hex: '2001' },
    { name: 'bool false omitted', write: (w) => w.bool(4, false), hex: '' },
    { name: 'oneof bool false kept', write: (w) => w.bool(2, false, true), hex: '1000' },
    { name: 'empty sub-message kept', write: (w) => w.message(8, () => {}), hex: '4200' },
    {
      name: 'nested message',
      write: (w) => w.message(2, (info) => info.string(1, 'Kubernetes')),
      hex: '120c0a0a4b756265726e65746573',
    },
  ];
  it.each(cases)('$name', ({ write, hex: expected }) => {
    const w = new ProtoWriter();
    write(w);
    expect(hex(w.finish())).toBe(expected);
  });
});

describe('encodeOpenAPIV2Protobuf', () => {
  it('starts like a real apiserver document (swagger, then info)', () => {
    const bytes = encodeOpenAPIV2Protobuf({
      swagger: '2.0',
      info: { title: 'Kubernetes', version: 'v1.35.0' },
    });
    expect(hex(bytes)).toBe(
      `0a03322e30${'1215'}0a0a${hex(Buffer.from('Kubernetes'))}1207${hex(Buffer.from('v1.35.0'))}`,
    );
  });

  const schemaCases: { name: string; schema: Json; yaml?: Record<string, string> }[] = [
    {
      name: 'kind with group-version-kind list',
      schema: {
        type: 'object',
        required: ['spec'],
        properties: { spec: { $ref: '#/definitions/Spec', description: 'the spec' } },
        'x-kubernetes-group-version-kind': [{ group: 'apps', kind: 'Deployment', version: 'v1' }],
      },
      yaml: { 'x-kubernetes-group-version-kind': '- group: apps\n  kind: Deployment\n  version: v1\n' },
    },
    {
      name: 'list with merge key and map keys',
      schema: {
        type: 'array',
        items: { $ref: '#/definitions/Container' },
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-patch-merge-key': 'name',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['containerPort', 'protocol'],
      },
      yaml: {
        'x-kubernetes-patch-strategy': 'merge\n',
        'x-kubernetes-list-map-keys': '- containerPort\n- protocol\n',
      },
    },
    {
      name: 'int-or-string and preserve-unknown-fields',
      schema: {
        type: 'string',
        format: 'int-or-string',
        'x-kubernetes-int-or-string': true,
        'x-kubernetes-preserve-unknown-fields': true,
      },
      yaml: { 'x-kubernetes-int-or-string': 'true\n' },
    },
    {
      name: 'enum values that look like other YAML types stay strings',
      schema: { type: 'string', enum: ['TCP', 'yes', '1.0', 'on', ''] },
    },
    { name: 'map of strings', schema: { type: 'object', additionalProperties: { type: 'string' } } },
    { name: 'closed object', schema: { type: 'object', additionalProperties: false } },
    {
      name: 'type list and tuple items',
      schema: { type: ['string', 'null'], items: [{ type: 'string' }, { type: 'integer' }] },
    },
    {
      name: 'numeric keywords',
      schema: {
        type: 'integer',
        minimum: -5,
        maximum: 2.5,
        exclusiveMaximum: true,
        maxLength: 63,
        minItems: 1,
        multipleOf: 0.5,
        default: 3,
        example: { a: [1, 'b'] },
        uniqueItems: true,
        readOnly: true,
        pattern: '^[a-z]+$',
        allOf: [{ $ref: '#/definitions/A' }],
      },
    },
  ];
  it.each(schemaCases)('schema round trip: $name', ({ schema, yaml }) => {
    const bytes = encodeOpenAPIV2Protobuf({ swagger: '2.0', definitions: { T: schema } });
    const decoded = decodeDocument(bytes);
    expect(decoded.definitions.T).toEqual(schema);
    // The exact YAML text kube-openapi parses back.
    const defs = readFields(readFields(bytes).find((f) => f.field === 9)?.bytes as Uint8Array);
    const schemaBytes = readFields(defs[0].bytes as Uint8Array).find((f) => f.field === 2)
      ?.bytes as Uint8Array;
    const extensions = readFields(schemaBytes)
      .filter((f) => f.field === 31)
      .map((f) => readFields(f.bytes as Uint8Array));
    for (const [key, text] of Object.entries(yaml ?? {})) {
      const ext = extensions.find((fields) => utf8.decode(fields[0].bytes) === key);
      expect(ext, key).toBeDefined();
      const any = readFields(ext?.[1].bytes as Uint8Array);
      expect(utf8.decode(any.find((f) => f.field === 2)?.bytes)).toBe(text);
    }
  });

  it('paths, operations and every parameter kind round trip', () => {
    const doc: Json = {
      swagger: '2.0',
      info: { title: 'T', version: '1', contact: { name: 'me' }, license: { name: 'Apache 2.0' } },
      host: 'example.com',
      basePath: '/api',
      schemes: ['https'],
      consumes: ['application/json'],
      produces: ['application/json'],
      paths: {
        '/things/{name}': {
          parameters: [
            { name: 'name', in: 'path', required: true, type: 'string', uniqueItems: true },
            { $ref: '#/parameters/pretty' },
          ],
          get: {
            operationId: 'readThing',
            tags: ['things'],
            parameters: [
              { name: 'limit', in: 'query', type: 'integer', minimum: 1, allowEmptyValue: true },
              {
                name: 'X-Trace',
                in: 'header',
                type: 'array',
                items: { type: 'string' },
                collectionFormat: 'csv',
              },
              { name: 'file', in: 'formData', type: 'string', enum: ['a', 'b'] },
            ],
            responses: {
              '200': {
                description: 'OK',
                schema: { $ref: '#/definitions/Thing' },
                headers: { 'X-Rate': { type: 'integer', description: 'calls left' } },
                examples: { 'application/json': { a: 1 } },
              },
              '404': { $ref: '#/responses/NotFound' },
            },
            deprecated: true,
            'x-kubernetes-action': 'get',
            'x-kubernetes-group-version-kind': { group: 'g', kind: 'Thing', version: 'v1' },
          },
          patch: {
            parameters: [{ name: 'body', in: 'body', required: true, schema: { type: 'object' } }],
            responses: { '200': { description: 'OK' } },
            security: [{ Bearer: [] }],
          },
        },
        'x-path-note': 'n',
      },
      definitions: { Thing: { type: 'object' } },
      parameters: { pretty: { name: 'pretty', in: 'query', type: 'string', description: 'pretty-print' } },
      responses: { NotFound: { description: 'not found' } },
      security: [{ Bearer: [] }],
      securityDefinitions: {
        Bearer: { type: 'apiKey', name: 'authorization', in: 'header', description: 'Bearer Token' },
        Basic: { type: 'basic' },
        OAuth: {
          type: 'oauth2',
          flow: 'accessCode',
          authorizationUrl: 'https://a',
          tokenUrl: 'https://t',
          scopes: { read: 'read things' },
        },
        Implicit: { type: 'oauth2', flow: 'implicit', authorizationUrl: 'https://a', scopes: {} },
      },
      tags: [{ name: 'things', description: 'Things', externalDocs: { url: 'https://docs' } }],
      externalDocs: { description: 'more', url: 'https://more' },
      'x-top': { k: ['v'] },
    };
    const decoded = decodeDocument(encodeOpenAPIV2Protobuf(doc));
    // An empty map (`scopes: {}`) is an empty message, so it comes back as an empty map too.
    expect(decoded).toEqual(doc);
  });

  it('the served Kubernetes document decodes back to the same swagger (built-in kinds and a CRD)', () => {
    const openapi = new OpenAPI();
    openapi.addCustomResourceDefinition(WIDGET_CRD);
    const doc = openapi.openapiV2();
    const bytes = openapi.openapiV2Protobuf();
    expect(openapi.openapiV2Protobuf()).toBe(bytes);
    const decoded = decodeDocument(bytes);
    expect(dropProtoDefaults(decoded)).toEqual(dropProtoDefaults(doc));
    // Named lists keep document order (kube-openapi builds its models from it).
    expect(Object.keys(decoded.definitions)).toEqual(Object.keys(doc.definitions));
    expect(Object.keys(decoded.paths)).toEqual(Object.keys(doc.paths));
    expect(decoded.definitions['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([
      { group: 'apps', kind: 'Deployment', version: 'v1' },
    ]);
    expect(decoded.definitions['com.example.v1.Widget']?.['x-kubernetes-group-version-kind']).toEqual([
      { group: 'example.com', kind: 'Widget', version: 'v1' },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Real kubectl and helm against a tiny server serving discovery and our OpenAPI documents.

const WIDGET_CRD: Json = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: { type: 'object', properties: { size: { type: 'integer' } } },
            },
          },
        },
      },
    ],
  },
};

const KUBECTL = referenceBin('kubectl');
const HELM = referenceBin('helm');
if (!KUBECTL) console.log('skipping kubectl OpenAPI v2 protobuf tests: reference kubectl not installed');
if (!HELM) console.log('skipping helm OpenAPI v2 protobuf tests: reference helm not installed');

interface ServerOptions {
  /** Advertise `fieldValidation` on write operations (clients then leave validation to the server). */
  fieldValidation: boolean;
  /** How /openapi/v2 answers a protobuf request: our encoding, or JSON as before it existed. */
  v2: 'protobuf' | 'json';
}

interface Fixture {
  dir: string;
  requests: { method: string; path: string; accept: string }[];
  close(): void;
}

function withoutFieldValidation(doc: Json): Json {
  const copy = structuredClone(doc);
  const walk = (node: any): void => {
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--)
        if (node[i]?.name === 'fieldValidation') node.splice(i, 1);
        else walk(node[i]);
    } else if (node && typeof node === 'object') for (const v of Object.values(node)) walk(v);
  };
  walk(copy.paths);
  return copy;
}

function discovery(): { groups: Json; lists: Map<string, Json> } {
  const lists = new Map<string, Json>();
  const groups = new Map<string, string[]>();
  for (const r of BUILTIN_RESOURCES) {
    const gv = r.group === '' ? r.version : `${r.group}/${r.version}`;
    const path = r.group === '' ? `/api/${r.version}` : `/apis/${gv}`;
    const list = lists.get(path) ?? {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: gv,
      resources: [],
    };
    list.resources.push({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      shortNames: r.shortNames,
    });
    lists.set(path, list);
    if (r.group !== '') groups.set(r.group, [...new Set([...(groups.get(r.group) ?? []), r.version])]);
  }
  const groupList = {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups].map(([name, versions]) => ({
      name,
      versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
      preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
    })),
  };
  return { groups: groupList, lists };
}

async function startServer(options: ServerOptions): Promise<Fixture & { kubeconfig: string }> {
  const openapi = new OpenAPI();
  const { groups, lists } = discovery();
  const adjust = (doc: Json) => (options.fieldValidation ? doc : withoutFieldValidation(doc));
  const v2Json = adjust(openapi.openapiV2());
  const v2Protobuf = encodeOpenAPIV2Protobuf(v2Json);
  const requests: Fixture['requests'] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push({ method: req.method ?? '', path: url.pathname, accept: String(req.headers.accept ?? '') });
    const send = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    req.resume();
    req.on('end', () => {
      if (url.pathname === '/api')
        return send(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
      if (url.pathname === '/apis') return send(200, groups);
      if (lists.has(url.pathname)) return send(200, lists.get(url.pathname));
      if (url.pathname === '/version') return send(200, { major: '1', minor: '35', gitVersion: 'v1.35.0' });
      if (url.pathname === '/openapi/v2') {
        if (options.v2 === 'json') return send(200, v2Json);
        res.writeHead(200, { 'content-type': OPENAPI_V2_PROTOBUF_CONTENT_TYPE });
        return res.end(v2Protobuf);
      }
      if (url.pathname === '/openapi/v3') return send(200, openapi.openapiV3Index());
      if (url.pathname.startsWith('/openapi/v3/')) {
        const doc = openapi.openapiV3(url.pathname.slice('/openapi/v3/'.length));
        return doc ? send(200, adjust(doc)) : send(404, {});
      }
      send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const dir = mkdtempSync(join(tmpdir(), 'bosun-openapi-pb-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: t\n  cluster:\n    server: http://127.0.0.1:${port}\ncontexts:\n- name: t\n  context: {cluster: t, user: u, namespace: default}\ncurrent-context: t\nusers:\n- name: u\n  user: {}\n`,
  );
  return {
    dir,
    kubeconfig,
    requests,
    close() {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(bin: string, args: string[], env: Record<string, string> = {}, stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      bin,
      args,
      { timeout: 30000, env: { PATH: process.env.PATH ?? '', HOME: env.HOME ?? tmpdir(), ...env } },
      (err, stdout, stderr) => resolve({ code: err ? ((err as any).code ?? 1) : 0, stdout, stderr }),
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

const kubectl = (f: Fixture & { kubeconfig: string }, args: string[], stdin?: string) =>
  run(
    KUBECTL as string,
    [`--kubeconfig=${f.kubeconfig}`, `--cache-dir=${join(f.dir, 'cache')}`, ...args],
    { HOME: f.dir },
    stdin,
  );

function helm(f: Fixture & { kubeconfig: string }, args: string[]): Promise<Run> {
  return run(HELM as string, args, {
    HOME: f.dir,
    KUBECONFIG: f.kubeconfig,
    HELM_CACHE_HOME: join(f.dir, 'helm-cache'),
    HELM_CONFIG_HOME: join(f.dir, 'helm-config'),
    HELM_DATA_HOME: join(f.dir, 'helm-data'),
  });
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 25%}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80, protocol: TCP}]
        resources: {limits: {cpu: 500m, memory: 128Mi}}
`;

const SUFFIX = '; if you choose to ignore these errors, turn validation off with --validate=false';

const invalidCases: { name: string; manifest: string; error: string }[] = [
  {
    name: 'unknown field',
    manifest: DEPLOYMENT.replace('  replicas: 2\n', '  replicas: 2\n  replicaz: 3\n'),
    error:
      'error validating data: ValidationError(Deployment.spec): unknown field "replicaz" in io.k8s.api.apps.v1.DeploymentSpec',
  },
  {
    name: 'wrong type',
    manifest: DEPLOYMENT.replace('replicas: 2', 'replicas: two'),
    error:
      'error validating data: ValidationError(Deployment.spec.replicas): invalid type for io.k8s.api.apps.v1.DeploymentSpec.replicas: got "string", expected "integer"',
  },
  {
    name: 'missing required field and unknown field in a list item',
    manifest: DEPLOYMENT.replace('      - name: web', '      - namez: web'),
    error:
      'error validating data: [ValidationError(Deployment.spec.template.spec.containers[0]): unknown field "namez" in io.k8s.api.core.v1.Container, ValidationError(Deployment.spec.template.spec.containers[0]): missing required field "name" in io.k8s.api.core.v1.Container]',
  },
  {
    name: 'unknown field in a Service (int-or-string targetPort accepted)',
    manifest:
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80, targetPort: http}]\n  selector: {app: web}\n  bogus: 1\n',
    error:
      'error validating data: ValidationError(Service.spec): unknown field "bogus" in io.k8s.api.core.v1.ServiceSpec',
  },
];

describe.skipIf(!KUBECTL)('real kubectl validating client-side against /openapi/v2 protobuf', () => {
  let server: Fixture & { kubeconfig: string };
  beforeAll(async () => {
    // Without fieldValidation on the kind's operations kubectl validates the manifest itself,
    // with the v2 document.
    server = await startServer({ fieldValidation: false, v2: 'protobuf' });
  });
  afterAll(() => server?.close());

  it('create --validate=true --dry-run=client accepts a valid Deployment, reading v2 as protobuf', async () => {
    const r = await kubectl(server, ['create', '-f', '-', '--validate=true', '--dry-run=client'], DEPLOYMENT);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('deployment.apps/web created (dry run)\n');
    expect(server.requests).toContainEqual({
      method: 'GET',
      path: '/openapi/v2',
      accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf',
    });
  });

  it.each(invalidCases)('create rejects: $name', async ({ manifest, error }) => {
    const r = await kubectl(server, ['create', '-f', '-', '--validate=true', '--dry-run=client'], manifest);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: error validating "STDIN": ${error}${SUFFIX}\n`);
  });

  it('apply --dry-run=client -o yaml', async () => {
    const r = await kubectl(server, ['apply', '-f', '-', '--dry-run=client', '-o', 'yaml'], DEPLOYMENT);
    expect(r.stderr).toBe('');
    const applied = YAML.parse(r.stdout);
    expect(applied.kind).toBe('Deployment');
    expect(applied.spec.strategy.rollingUpdate.maxUnavailable).toBe('25%');
    expect(applied.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toContain(
      '"replicas":2',
    );
  });

  it('explain --output=plaintext-openapiv2 reads descriptions and required fields', async () => {
    const r = await kubectl(server, [
      'explain',
      'pods.spec.containers.ports',
      '--output=plaintext-openapiv2',
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('RESOURCE: ports <[]Object>');
    expect(r.stdout).toMatch(/containerPort\t<integer> -required-\n {5}Port number on the Pod's IP address/);
  });
});

describe.skipIf(!KUBECTL)('real kubectl when /openapi/v2 answers JSON (before protobuf)', () => {
  let server: Fixture & { kubeconfig: string };
  beforeAll(async () => {
    server = await startServer({ fieldValidation: false, v2: 'json' });
  });
  afterAll(() => server?.close());

  it('fails to parse the document', async () => {
    const r = await kubectl(server, ['create', '-f', '-', '--validate=true', '--dry-run=client'], DEPLOYMENT);
    expect(r.code).toBe(1);
    // Go's protobuf randomly uses a non-breaking space after "proto:" so callers do not match it exactly.
    expect(r.stderr).toMatch(
      /^error: error validating "STDIN": error validating data: proto:\s+cannot parse invalid wire-format data; /,
    );
  });
});

describe.skipIf(!HELM)('real helm template --validate against /openapi/v2 protobuf', () => {
  let server: Fixture & { kubeconfig: string };
  let chart: string;
  beforeAll(async () => {
    server = await startServer({ fieldValidation: false, v2: 'protobuf' });
    chart = join(server.dir, 'chart');
    mkdirSync(join(chart, 'templates'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
    writeFileSync(join(chart, 'values.yaml'), 'extraField: false\n');
    writeFileSync(
      join(chart, 'templates', 'deployment.yaml'),
      DEPLOYMENT.replace(
        '  replicas: 2\n',
        '  replicas: 2\n{{- if .Values.extraField }}\n  replicaz: 3\n{{- end }}\n',
      ),
    );
  });
  afterAll(() => server?.close());

  it('a valid chart renders', async () => {
    const r = await helm(server, ['template', 'web', chart, '--validate']);
    expect(r.stderr).toBe("Flag --validate has been deprecated, use '--dry-run=server' instead\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# Source: web/templates/deployment.yaml\n');
    expect(server.requests.some((q) => q.path === '/openapi/v2' && q.accept.includes('protobuf'))).toBe(true);
  });

  it('an unknown field fails validation', async () => {
    const r = await helm(server, ['template', 'web', chart, '--validate', '--set', 'extraField=true']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'Error: unable to build kubernetes objects from release manifest: error validating "": error validating data: ValidationError(Deployment.spec): unknown field "replicaz" in io.k8s.api.apps.v1.DeploymentSpec\n',
    );
  });
});
