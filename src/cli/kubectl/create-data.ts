/**
 * The data generators: `create configmap` and `create secret generic|tls|docker-registry`, with
 * kubectl's key sources (`--from-literal`, `--from-file` as path, key=path or a directory's
 * regular files, `--from-env-file`), its key rules and messages, and `--append-hash`.
 */
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { builtinResource, type Generator } from './create.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { KubectlError } from './session.ts';

const configKeyPattern = /^[-._a-zA-Z0-9]+$/;
const envNamePattern = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** validation.IsConfigMapKey: the problems with a key, empty when it is valid. */
function configKeyErrors(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push('must be no more than 253 characters');
  if (!configKeyPattern.test(key))
    errs.push(
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/** Where the keys go, with the messages of the kind being built (ConfigMap and Secret differ). */
interface KeySink {
  add(key: string, value: Buffer): void;
}

class ConfigMapSink implements KeySink {
  data: Record<string, string> = {};
  binaryData: Record<string, string> = {};
  constructor(private readonly name: string) {}
  add(key: string, value: Buffer): void {
    const errs = configKeyErrors(key);
    if (errs.length > 0)
      throw new KubectlError(`error: "${key}" is not a valid key name for a ConfigMap: ${errs.join(',')}`);
    if (Object.hasOwn(this.data, key))
      throw new KubectlError(
        `error: cannot add key "${key}", another key by that name already exists in Data for ConfigMap "${this.name}"`,
      );
    if (Object.hasOwn(this.binaryData, key))
      throw new KubectlError(
        `error: cannot add key "${key}", another key by that name already exists in BinaryData for ConfigMap "${this.name}"`,
      );
    // text that is valid UTF-8 goes to data, anything else to binaryData
    try {
      this.data[key] = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(value);
    } catch {
      this.binaryData[key] = value.toString('base64');
    }
  }
}

class SecretSink implements KeySink {
  data: Record<string, string> = {};
  add(key: string, value: Buffer): void {
    const errs = configKeyErrors(key);
    if (errs.length > 0)
      throw new KubectlError(`error: "${key}" is not valid key name for a Secret ${errs.join(';')}`);
    if (Object.hasOwn(this.data, key))
      throw new KubectlError(`error: cannot add key ${key}, another key by that name already exists`);
    this.data[key] = value.toString('base64');
  }
}

function readError(path: string, e: unknown): KubectlError {
  const code = (e as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'no such file or directory'
      : code === 'EACCES'
        ? 'permission denied'
        : (e as Error).message;
  return new KubectlError(`error: error reading ${path}: ${reason}`);
}

/** util.ParseFileSource: `path` (key = base name) or `key=path`. */
function parseFileSource(source: string): [key: string, path: string] {
  const separators = source.split('=').length - 1;
  if (separators === 0) return [posix.basename(source), source];
  if (separators === 1 && source.startsWith('='))
    throw new KubectlError(`error: key name for file path ${source.slice(1)} missing`);
  if (separators === 1 && source.endsWith('='))
    throw new KubectlError(`error: file path for key name ${source.slice(0, -1)} missing`);
  if (separators > 1) throw new KubectlError("error: key names or file paths cannot contain '='");
  const [key, path] = source.split('=');
  return [key, path];
}

function addFileSources(sink: KeySink, sources: string[]): void {
  for (const source of sources) {
    const [key, path] = parseFileSource(source);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(path);
    } catch (e) {
      throw readError(path, e);
    }
    if (!st.isDirectory()) {
      sink.add(key, readFileSync(path));
      continue;
    }
    if (source.includes('=')) throw new KubectlError('error: cannot give a key name for a directory path');
    // ioutil.ReadDir sorts by name; only regular files become keys
    for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    ))
      if (entry.isFile()) sink.add(entry.name, readFileSync(posix.join(path, entry.name)));
  }
}

function addLiteralSources(sink: KeySink, sources: string[]): void {
  for (const source of sources) {
    const eq = source.indexOf('=');
    if (eq <= 0) throw new KubectlError(`error: invalid literal source ${source}, expected key=value`);
    sink.add(source.slice(0, eq), Buffer.from(source.slice(eq + 1)));
  }
}

/** cmdutil.AddFromEnvFile: `KEY=value` lines; a bare `KEY` takes the value from the environment. */
function addEnvFileSources(sink: KeySink, sources: string[]): void {
  for (const path of sources) {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(path);
    } catch (e) {
      throw readError(path, e);
    }
    if (st.isDirectory()) throw new KubectlError('error: env config file cannot be a directory');
    const lines = readFileSync(path, 'utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    lines.forEach((raw, i) => {
      let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (i === 0 && line.startsWith('\ufeff')) line = line.slice(1);
      line = line.replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) return;
      const eq = line.indexOf('=');
      const key = eq < 0 ? line : line.slice(0, eq);
      if (!envNamePattern.test(key))
        throw new KubectlError(
          `error: "${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
        );
      const value = eq < 0 ? (process.env[key] ?? '') : line.slice(eq + 1);
      sink.add(key, Buffer.from(value));
    });
  }
}

const envFileFlags = (flags: Flags) => flags.list('from-env-file').flatMap((v) => v.split(','));

/** The 10-character name suffix of `--append-hash` (kubectl's hash.ConfigMapHash/SecretHash). */
function nameHash(fields: Record<string, unknown>): string {
  const sorted = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1)));
  // encoding/json escapes HTML characters; they can only occur inside strings here
  const json = JSON.stringify(sorted)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
  const hex = createHash('sha256').update(json).digest('hex');
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => swap[c] ?? c).join('');
}

/** The --from-* flags of `create configmap` and `create secret generic`. */
const sourceFlags: FlagSpec[] = [
  { name: 'from-literal', type: 'stringArray' },
  { name: 'from-file', type: 'stringArray' },
  { name: 'from-env-file', type: 'stringArray' },
];

/** Fills the sink from --from-file, --from-literal and --from-env-file, in kubectl's order. */
function fromSources<S extends KeySink>(sink: S, flags: Flags): S {
  const envFiles = envFileFlags(flags);
  if (envFiles.length > 0 && (flags.list('from-file').length > 0 || flags.list('from-literal').length > 0))
    throw new KubectlError('error: from-env-file cannot be combined with from-file or from-literal');
  addFileSources(
    sink,
    flags.list('from-file').flatMap((v) => v.split(',')),
  );
  addLiteralSources(sink, flags.list('from-literal'));
  addEnvFileSources(sink, envFiles);
  return sink;
}

function sortedKeys(m: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : 1)));
}

const configMapGenerator: Generator = {
  command: 'create configmap',
  resource: builtinResource('', 'configmaps', 'ConfigMap', true),
  failure: 'failed to create configmap:',
  flags: [...sourceFlags, { name: 'append-hash', type: 'bool' }],
  build(name, { flags }) {
    const sink = fromSources(new ConfigMapSink(name), flags);
    const object: Record<string, any> = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } };
    if (Object.keys(sink.data).length > 0) object.data = sink.data;
    if (Object.keys(sink.binaryData).length > 0) object.binaryData = sink.binaryData;
    if (flags.bool('append-hash')) {
      const fields: Record<string, unknown> = { kind: 'ConfigMap', name, data: sortedKeys(sink.data) };
      if (Object.keys(sink.binaryData).length > 0) fields.binaryData = sortedKeys(sink.binaryData);
      object.metadata.name = `${name}-${nameHash(fields)}`;
    }
    return object;
  },
};

function secretObject(name: string, data: Record<string, string>, type: string, appendHash: boolean) {
  const object: Record<string, any> = { apiVersion: 'v1', kind: 'Secret', metadata: { name } };
  if (Object.keys(data).length > 0) object.data = data;
  if (type) object.type = type;
  if (appendHash)
    object.metadata.name = `${name}-${nameHash({ kind: 'Secret', type, name, data: sortedKeys(data) })}`;
  return object;
}

const secretGenericGenerator: Generator = {
  command: 'create secret generic',
  resource: builtinResource('', 'secrets', 'Secret', true),
  failure: 'failed to create secret',
  flags: [...sourceFlags, { name: 'type', type: 'string' }, { name: 'append-hash', type: 'bool' }],
  build(name, { flags }) {
    const sink = fromSources(new SecretSink(), flags);
    return secretObject(name, sink.data, flags.str('type'), flags.bool('append-hash'));
  },
};

function readCredential(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message;
    throw new KubectlError(`error: Cannot read file ${path}, open ${path}: ${reason}`);
  }
}

/** tls.X509KeyPair's checks: a PEM certificate, a PEM key, and the two belonging together. */
function checkKeyPair(cert: Buffer, key: Buffer): void {
  const pem = (b: Buffer, what: string) => /-----BEGIN [A-Z0-9 ]+-----/.test(b.toString('latin1')) || what;
  if (pem(cert, 'certificate') !== true)
    throw new KubectlError('error: tls: failed to find any PEM data in certificate input');
  if (pem(key, 'key') !== true)
    throw new KubectlError('error: tls: failed to find any PEM data in key input');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new KubectlError('error: tls: failed to find certificate PEM data in certificate input');
  }
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new KubectlError('error: tls: failed to parse private key');
  }
  if (!x509.checkPrivateKey(privateKey))
    throw new KubectlError('error: tls: private key does not match public key');
}

const secretTlsGenerator: Generator = {
  command: 'create secret tls',
  resource: builtinResource('', 'secrets', 'Secret', true),
  failure: 'failed to create secret',
  flags: [
    { name: 'cert', type: 'string' },
    { name: 'key', type: 'string' },
    { name: 'append-hash', type: 'bool' },
  ],
  build(name, { flags }) {
    if (!flags.str('cert') || !flags.str('key'))
      throw new KubectlError('error: key and cert must be specified');
    const cert = readCredential(flags.str('cert'));
    const key = readCredential(flags.str('key'));
    checkKeyPair(cert, key);
    const data = { 'tls.crt': cert.toString('base64'), 'tls.key': key.toString('base64') };
    return secretObject(name, data, 'kubernetes.io/tls', flags.bool('append-hash'));
  },
};

/** Go's json.Marshal of a string: HTML-sensitive characters escaped. */
function goJsonString(s: string): string {
  return JSON.stringify(s)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const secretDockerRegistryGenerator: Generator = {
  command: 'create secret docker-registry',
  resource: builtinResource('', 'secrets', 'Secret', true),
  failure: 'failed to create secret',
  flags: [
    { name: 'docker-username', type: 'string' },
    { name: 'docker-password', type: 'string' },
    { name: 'docker-email', type: 'string' },
    { name: 'docker-server', type: 'string', default: 'https://index.docker.io/v1/' },
    { name: 'from-file', type: 'stringArray' },
    { name: 'append-hash', type: 'bool' },
  ],
  build(name, { flags }) {
    const files = flags.list('from-file').flatMap((v) => v.split(','));
    const user = flags.str('docker-username');
    const password = flags.str('docker-password');
    const server = flags.str('docker-server');
    if (files.length === 0 && (!user || !password || !server))
      throw new KubectlError(
        'error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required',
      );
    const data: Record<string, string> = {};
    if (files.length === 0) {
      const email = flags.str('docker-email');
      const auth = Buffer.from(`${user}:${password}`).toString('base64');
      const entry = [
        `"username":${goJsonString(user)}`,
        `"password":${goJsonString(password)}`,
        ...(email ? [`"email":${goJsonString(email)}`] : []),
        `"auth":${goJsonString(auth)}`,
      ].join(',');
      data['.dockerconfigjson'] = Buffer.from(`{"auths":{${goJsonString(server)}:{${entry}}}}`).toString(
        'base64',
      );
    } else {
      // each file is the whole docker config; the key name is always .dockerconfigjson
      for (const source of files) {
        const [, path] = parseFileSource(source);
        let content: Buffer;
        try {
          content = readFileSync(path);
        } catch (e) {
          throw readError(path, e);
        }
        data['.dockerconfigjson'] = content.toString('base64');
      }
    }
    return secretObject(name, data, 'kubernetes.io/dockerconfigjson', flags.bool('append-hash'));
  },
};

export const dataGenerators: Record<string, Generator> = {
  configmap: configMapGenerator,
  'secret generic': secretGenericGenerator,
  'secret tls': secretTlsGenerator,
  'secret docker-registry': secretDockerRegistryGenerator,
};
