/**
 * `/openapi/v2` in protobuf: the swagger 2.0 JSON document encoded as gnostic's `openapi.v2.Document`
 * message (github.com/google/gnostic-models, openapiv2/OpenAPIv2.proto). kubectl and helm ask for
 * `application/com.github.proto-openapi.spec.v2@v1.0+protobuf` only and cannot read JSON there.
 *
 * The mapping follows gnostic's JSON-to-proto reader: a name-keyed map becomes a list of
 * `Named*` pairs in document order, `x-*` keys become `vendor_extension` entries whose value is
 * an `Any` holding the YAML text of the value (kube-openapi parses that text back, e.g. to find
 * `x-kubernetes-group-version-kind`), `$ref` is `_ref`, and keys the message has no field for
 * are dropped. Field numbers below are the .proto's.
 */
import YAML from 'yaml';
import { ProtoWriter } from './protobuf-wire.ts';

type Json = Record<string, any>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isExtension = (key: string) => key.startsWith('x-');
const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const asNumber = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const asBool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const asStrings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined;

/**
 * YAML text of a value, as gnostic stores it in `Any.yaml`. YAML 1.1 quoting is the conservative
 * choice: it also quotes `yes`/`on`-like strings, so no YAML reader turns a string into a bool.
 */
function yamlText(value: unknown): string {
  return YAML.stringify(value, { version: '1.1', lineWidth: 0 });
}

/** `Any { yaml = 2 }`. */
function writeAny(w: ProtoWriter, field: number, value: unknown): void {
  if (value === undefined) return;
  w.message(field, (any) => any.string(2, yamlText(value)));
}

/** `repeated NamedAny` from the `x-*` keys of an object: `NamedAny { name = 1; value = 2 }`. */
function writeExtensions(w: ProtoWriter, field: number, obj: Json): void {
  for (const [key, value] of Object.entries(obj)) {
    if (!isExtension(key) || value === undefined) continue;
    w.message(field, (named) => {
      named.string(1, key);
      writeAny(named, 2, value);
    });
  }
}

/** A map of name → message as `repeated Named<T> { name = 1; value = 2 }`. */
function writeNamed(
  w: ProtoWriter,
  field: number,
  map: unknown,
  writeValue: (w: ProtoWriter, value: any) => void,
  skipExtensions = false,
): void {
  if (!isObject(map)) return;
  for (const [name, value] of Object.entries(map)) {
    if (skipExtensions && isExtension(name)) continue;
    w.message(field, (named) => {
      named.string(1, name);
      named.message(2, (v) => writeValue(v, value));
    });
  }
}

/** `ExternalDocs { description = 1; url = 2; vendor_extension = 3 }`. */
function writeExternalDocs(w: ProtoWriter, field: number, docs: unknown): void {
  if (!isObject(docs)) return;
  w.message(field, (m) => {
    m.string(1, asString(docs.description));
    m.string(2, asString(docs.url));
    writeExtensions(m, 3, docs);
  });
}

function writeInfo(w: ProtoWriter, info: Json): void {
  w.string(1, asString(info.title));
  w.string(2, asString(info.version));
  w.string(3, asString(info.description));
  w.string(4, asString(info.termsOfService));
  const { contact, license } = info;
  if (isObject(contact))
    w.message(5, (m) => {
      m.string(1, asString(contact.name));
      m.string(2, asString(contact.url));
      m.string(3, asString(contact.email));
      writeExtensions(m, 4, contact);
    });
  if (isObject(license))
    w.message(6, (m) => {
      m.string(1, asString(license.name));
      m.string(2, asString(license.url));
      writeExtensions(m, 3, license);
    });
  writeExtensions(w, 7, info);
}

/** `Schema` (gnostic's deterministic JSON Schema subset). */
function writeSchema(w: ProtoWriter, schema: unknown): void {
  if (!isObject(schema)) return;
  w.string(1, asString(schema.$ref));
  w.string(2, asString(schema.format));
  w.string(3, asString(schema.title));
  w.string(4, asString(schema.description));
  writeAny(w, 5, schema.default);
  w.double(6, asNumber(schema.multipleOf));
  w.double(7, asNumber(schema.maximum));
  w.bool(8, asBool(schema.exclusiveMaximum));
  w.double(9, asNumber(schema.minimum));
  w.bool(10, asBool(schema.exclusiveMinimum));
  w.int64(11, asNumber(schema.maxLength));
  w.int64(12, asNumber(schema.minLength));
  w.string(13, asString(schema.pattern));
  w.int64(14, asNumber(schema.maxItems));
  w.int64(15, asNumber(schema.minItems));
  w.bool(16, asBool(schema.uniqueItems));
  w.int64(17, asNumber(schema.maxProperties));
  w.int64(18, asNumber(schema.minProperties));
  w.strings(19, asStrings(schema.required));
  if (Array.isArray(schema.enum)) for (const value of schema.enum) writeAny(w, 20, value);
  // AdditionalPropertiesItem is a oneof { Schema schema = 1; bool boolean = 2 }: `false` is kept.
  const additional = schema.additionalProperties;
  if (typeof additional === 'boolean') w.message(21, (m) => m.bool(2, additional, true));
  else if (isObject(additional)) w.message(21, (m) => m.message(1, (s) => writeSchema(s, additional)));
  // TypeItem { repeated string value = 1 }: `type` may be one name or a list.
  if (typeof schema.type === 'string') w.message(22, (m) => m.strings(1, [schema.type]));
  else if (Array.isArray(schema.type)) w.message(22, (m) => m.strings(1, asStrings(schema.type)));
  // ItemsItem { repeated Schema schema = 1 }: `items` may be one schema or a list (tuple form).
  const items = schema.items;
  if (isObject(items)) w.message(23, (m) => m.message(1, (s) => writeSchema(s, items)));
  else if (Array.isArray(items))
    w.message(23, (m) => {
      for (const item of items) m.message(1, (s) => writeSchema(s, item));
    });
  if (Array.isArray(schema.allOf)) for (const sub of schema.allOf) w.message(24, (s) => writeSchema(s, sub));
  // Properties { repeated NamedSchema additional_properties = 1 }.
  if (isObject(schema.properties)) w.message(25, (m) => writeNamed(m, 1, schema.properties, writeSchema));
  w.string(26, asString(schema.discriminator));
  w.bool(27, asBool(schema.readOnly));
  const xml = schema.xml;
  if (isObject(xml))
    w.message(28, (m) => {
      m.string(1, asString(xml.name));
      m.string(2, asString(xml.namespace));
      m.string(3, asString(xml.prefix));
      m.bool(4, asBool(xml.attribute));
      m.bool(5, asBool(xml.wrapped));
      writeExtensions(m, 6, xml);
    });
  writeExternalDocs(w, 29, schema.externalDocs);
  writeAny(w, 30, schema.example);
  writeExtensions(w, 31, schema);
}

/**
 * The validation keywords shared by PrimitivesItems, Header and the non-body parameter
 * sub-schemas: the same sequence of fields starting at `type`, whose number varies by message
 * (`type` = 1 in PrimitivesItems/Header, 5 in Header/Path parameters, 6 in Query/FormData).
 */
function writePrimitiveKeywords(w: ProtoWriter, json: Json, typeField: number): void {
  const f = typeField;
  w.string(f, asString(json.type));
  w.string(f + 1, asString(json.format));
  const items = json.items;
  if (isObject(items)) w.message(f + 2, (m) => writePrimitivesItems(m, items));
  w.string(f + 3, asString(json.collectionFormat));
  writeAny(w, f + 4, json.default);
  w.double(f + 5, asNumber(json.maximum));
  w.bool(f + 6, asBool(json.exclusiveMaximum));
  w.double(f + 7, asNumber(json.minimum));
  w.bool(f + 8, asBool(json.exclusiveMinimum));
  w.int64(f + 9, asNumber(json.maxLength));
  w.int64(f + 10, asNumber(json.minLength));
  w.string(f + 11, asString(json.pattern));
  w.int64(f + 12, asNumber(json.maxItems));
  w.int64(f + 13, asNumber(json.minItems));
  w.bool(f + 14, asBool(json.uniqueItems));
  if (Array.isArray(json.enum)) for (const value of json.enum) writeAny(w, f + 15, value);
  w.double(f + 16, asNumber(json.multipleOf));
}

function writePrimitivesItems(w: ProtoWriter, items: Json): void {
  writePrimitiveKeywords(w, items, 1);
  writeExtensions(w, 18, items);
}

function writeHeader(w: ProtoWriter, header: Json): void {
  writePrimitiveKeywords(w, header, 1);
  w.string(18, asString(header.description));
  writeExtensions(w, 19, header);
}

/** NonBodyParameter { header = 1; form_data = 2; query = 3; path = 4 } by `in`. */
const NON_BODY_LOCATIONS: Record<string, { field: number; typeField: number; allowEmpty: boolean }> = {
  header: { field: 1, typeField: 5, allowEmpty: false },
  formData: { field: 2, typeField: 6, allowEmpty: true },
  query: { field: 3, typeField: 6, allowEmpty: true },
  path: { field: 4, typeField: 5, allowEmpty: false },
};

/** Parameter { oneof { BodyParameter body_parameter = 1; NonBodyParameter non_body_parameter = 2 } }. */
function writeParameter(w: ProtoWriter, param: Json): void {
  if (param.in === 'body') {
    w.message(1, (m) => {
      m.string(1, asString(param.description));
      m.string(2, asString(param.name));
      m.string(3, asString(param.in));
      m.bool(4, asBool(param.required));
      if (isObject(param.schema)) m.message(5, (s) => writeSchema(s, param.schema));
      writeExtensions(m, 6, param);
    });
    return;
  }
  const location = NON_BODY_LOCATIONS[asString(param.in) ?? ''];
  if (!location) return;
  w.message(2, (nonBody) =>
    nonBody.message(location.field, (m) => {
      m.bool(1, asBool(param.required));
      m.string(2, asString(param.in));
      m.string(3, asString(param.description));
      m.string(4, asString(param.name));
      if (location.allowEmpty) m.bool(5, asBool(param.allowEmptyValue));
      writePrimitiveKeywords(m, param, location.typeField);
      writeExtensions(m, location.typeField + 17, param);
    }),
  );
}

/** ParametersItem { oneof { Parameter parameter = 1; JsonReference json_reference = 2 } }. */
function writeParametersItem(w: ProtoWriter, param: unknown): void {
  if (!isObject(param)) return;
  if (typeof param.$ref === 'string') {
    w.message(2, (ref) => {
      ref.string(1, param.$ref);
      ref.string(2, asString(param.description));
    });
  } else {
    w.message(1, (m) => writeParameter(m, param));
  }
}

function writeResponse(w: ProtoWriter, response: Json): void {
  w.string(1, asString(response.description));
  // SchemaItem { oneof { Schema schema = 1; FileSchema file_schema = 2 } }; gnostic reads any
  // schema object as a Schema first, so that is the member used.
  if (isObject(response.schema))
    w.message(2, (item) => item.message(1, (s) => writeSchema(s, response.schema)));
  if (isObject(response.headers)) w.message(3, (m) => writeNamed(m, 1, response.headers, writeHeader));
  if (isObject(response.examples))
    w.message(4, (m) => {
      for (const [mime, example] of Object.entries(response.examples))
        m.message(1, (named) => {
          named.string(1, mime);
          writeAny(named, 2, example);
        });
    });
  writeExtensions(w, 5, response);
}

/** Responses { repeated NamedResponseValue response_code = 1; vendor_extension = 2 }. */
function writeResponses(w: ProtoWriter, responses: Json): void {
  for (const [code, value] of Object.entries(responses)) {
    if (isExtension(code) || !isObject(value)) continue;
    w.message(1, (named) => {
      named.string(1, code);
      // ResponseValue { oneof { Response response = 1; JsonReference json_reference = 2 } }.
      named.message(2, (rv) => {
        if (typeof value.$ref === 'string')
          rv.message(2, (ref) => {
            ref.string(1, value.$ref);
            ref.string(2, asString(value.description));
          });
        else rv.message(1, (r) => writeResponse(r, value));
      });
    });
  }
  writeExtensions(w, 2, responses);
}

/** SecurityRequirement { repeated NamedStringArray additional_properties = 1 }. */
function writeSecurityRequirement(w: ProtoWriter, requirement: unknown): void {
  if (!isObject(requirement)) return;
  for (const [name, scopes] of Object.entries(requirement))
    w.message(1, (named) => {
      named.string(1, name);
      named.message(2, (array) => array.strings(1, asStrings(scopes)));
    });
}

function writeOperation(w: ProtoWriter, op: Json): void {
  w.strings(1, asStrings(op.tags));
  w.string(2, asString(op.summary));
  w.string(3, asString(op.description));
  writeExternalDocs(w, 4, op.externalDocs);
  w.string(5, asString(op.operationId));
  w.strings(6, asStrings(op.produces));
  w.strings(7, asStrings(op.consumes));
  if (Array.isArray(op.parameters))
    for (const param of op.parameters) w.message(8, (m) => writeParametersItem(m, param));
  if (isObject(op.responses)) w.message(9, (m) => writeResponses(m, op.responses));
  w.strings(10, asStrings(op.schemes));
  w.bool(11, asBool(op.deprecated));
  if (Array.isArray(op.security))
    for (const requirement of op.security) w.message(12, (m) => writeSecurityRequirement(m, requirement));
  writeExtensions(w, 13, op);
}

const PATH_ITEM_OPERATIONS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;

/** PathItem { _ref = 1; get = 2 … patch = 8; parameters = 9; vendor_extension = 10 }. */
function writePathItem(w: ProtoWriter, item: Json): void {
  w.string(1, asString(item.$ref));
  PATH_ITEM_OPERATIONS.forEach((verb, index) => {
    const op = item[verb];
    if (isObject(op)) w.message(index + 2, (m) => writeOperation(m, op));
  });
  if (Array.isArray(item.parameters))
    for (const param of item.parameters) w.message(9, (m) => writeParametersItem(m, param));
  writeExtensions(w, 10, item);
}

/** Paths { vendor_extension = 1; repeated NamedPathItem path = 2 }. */
function writePaths(w: ProtoWriter, paths: Json): void {
  writeExtensions(w, 1, paths);
  writeNamed(w, 2, paths, writePathItem, true);
}

/**
 * SecurityDefinitionsItem: a oneof chosen by `type` (and `flow` for oauth2): basic = 1,
 * apiKey = 2, oauth2 implicit = 3, password = 4, application = 5, accessCode = 6.
 */
function writeSecurityDefinition(w: ProtoWriter, def: Json): void {
  const type = asString(def.type);
  if (type === 'basic') {
    w.message(1, (m) => {
      m.string(1, type);
      m.string(2, asString(def.description));
      writeExtensions(m, 3, def);
    });
  } else if (type === 'apiKey') {
    w.message(2, (m) => {
      m.string(1, type);
      m.string(2, asString(def.name));
      m.string(3, asString(def.in));
      m.string(4, asString(def.description));
      writeExtensions(m, 5, def);
    });
  } else if (type === 'oauth2') {
    const flow = asString(def.flow);
    const member = { implicit: 3, password: 4, application: 5, accessCode: 6 }[flow ?? ''];
    if (member === undefined) return;
    w.message(member, (m) => {
      m.string(1, type);
      m.string(2, flow);
      if (isObject(def.scopes))
        m.message(3, (scopes) => {
          for (const [name, text] of Object.entries(def.scopes))
            scopes.message(1, (named) => {
              named.string(1, name);
              named.string(2, asString(text));
            });
        });
      // After `scopes` the messages differ: which URLs they carry, then description, extensions.
      const urls =
        flow === 'accessCode'
          ? [def.authorizationUrl, def.tokenUrl]
          : flow === 'implicit'
            ? [def.authorizationUrl]
            : [def.tokenUrl];
      for (const [i, url] of urls.entries()) m.string(4 + i, asString(url));
      m.string(4 + urls.length, asString(def.description));
      writeExtensions(m, 5 + urls.length, def);
    });
  }
}

/** Encodes a swagger 2.0 document (as served at /openapi/v2 in JSON) as gnostic's `openapi.v2.Document`. */
export function encodeOpenAPIV2Protobuf(doc: Json): Uint8Array {
  const w = new ProtoWriter();
  w.string(1, asString(doc.swagger));
  if (isObject(doc.info)) w.message(2, (m) => writeInfo(m, doc.info));
  w.string(3, asString(doc.host));
  w.string(4, asString(doc.basePath));
  w.strings(5, asStrings(doc.schemes));
  w.strings(6, asStrings(doc.consumes));
  w.strings(7, asStrings(doc.produces));
  if (isObject(doc.paths)) w.message(8, (m) => writePaths(m, doc.paths));
  // Definitions / ParameterDefinitions / ResponseDefinitions: { repeated Named<T> additional_properties = 1 }.
  if (isObject(doc.definitions)) w.message(9, (m) => writeNamed(m, 1, doc.definitions, writeSchema));
  if (isObject(doc.parameters)) w.message(10, (m) => writeNamed(m, 1, doc.parameters, writeParameter));
  if (isObject(doc.responses)) w.message(11, (m) => writeNamed(m, 1, doc.responses, writeResponse));
  if (Array.isArray(doc.security))
    for (const requirement of doc.security) w.message(12, (m) => writeSecurityRequirement(m, requirement));
  if (isObject(doc.securityDefinitions))
    w.message(13, (m) => writeNamed(m, 1, doc.securityDefinitions, writeSecurityDefinition));
  if (Array.isArray(doc.tags))
    for (const tag of doc.tags) {
      if (!isObject(tag)) continue;
      w.message(14, (m) => {
        m.string(1, asString(tag.name));
        m.string(2, asString(tag.description));
        writeExternalDocs(m, 3, tag.externalDocs);
        writeExtensions(m, 4, tag);
      });
    }
  writeExternalDocs(w, 15, doc.externalDocs);
  writeExtensions(w, 16, doc);
  return w.finish();
}

/**
 * The media types a client may ask for (`Accept`) to get this encoding: client-go sends the `@`
 * form; kube-openapi also accepts the dotted one.
 */
export const OPENAPI_V2_PROTOBUF_ACCEPT = [
  'application/com.github.proto-openapi.spec.v2@v1.0+protobuf',
  'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
] as const;

/**
 * The `Content-Type` to answer with. Not the `@` form clients request: Go's mime.ParseMediaType
 * (client-go reads the response type) rejects `@` with "mime: unexpected content after media
 * subtype", so kube-openapi answers with the dotted form.
 */
export const OPENAPI_V2_PROTOBUF_CONTENT_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
