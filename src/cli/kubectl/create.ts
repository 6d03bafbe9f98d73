/**
 * `kubectl create -f` (POST each manifest) and the generators `create configmap`, `create secret
 * generic`, `create namespace`, `create deployment`, with `--dry-run=client -o yaml`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type ApiResource, ApiStatusError, resourcePath } from '../../kube/client/index.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { printFlags } from './get.ts';
import { dryRunFlag, dryRunOf, printResult } from './objects.ts';
import { locate, readManifests } from './resources.ts';
import { errorText, KubectlError, runCommand, type Session } from './session.ts';

const createSpecs: FlagSpec[] = [
  ...printFlags,
  dryRunFlag,
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
  { name: 'save-config', type: 'bool' },
  { name: 'field-manager', type: 'string', default: 'kubectl-create' },
  { name: 'edit', type: 'bool' },
  { name: 'windows-line-endings', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'raw', type: 'string' },
];

const generatorSpecs: FlagSpec[] = [
  ...createSpecs,
  { name: 'from-literal', type: 'stringArray' },
  { name: 'from-file', type: 'stringArray' },
  { name: 'from-env-file', type: 'stringArray' },
  { name: 'append-hash', type: 'bool' },
  { name: 'type', type: 'string' },
  { name: 'image', type: 'stringArray' },
  { name: 'replicas', short: 'r', type: 'int', default: 1 },
  { name: 'port', type: 'int', default: -1 },
];

export function fieldValidation(flags: Flags): string | undefined {
  const v = flags.str('validate');
  if (v === 'false' || v === 'ignore') return 'Ignore';
  if (v === 'warn') return 'Warn';
  return 'Strict';
}

async function createObject(
  session: Session,
  flags: Flags,
  resource: ApiResource,
  namespace: string | undefined,
  obj: Record<string, any>,
  source?: string,
): Promise<void> {
  const dryRun = dryRunOf(flags);
  if (dryRun === 'client') {
    printResult(flags, resource, obj, 'created', dryRun);
    return;
  }
  try {
    const reply = await session.rest.request('POST', resourcePath(resource, { namespace }), {
      body: obj,
      query: {
        fieldManager: flags.str('field-manager'),
        fieldValidation: fieldValidation(flags),
        dryRun: dryRun === 'server' ? 'All' : undefined,
      },
    });
    const { RestClient } = await import('../../kube/client/index.ts');
    session.warn(RestClient.warnings(reply));
    if (reply.status > 299) {
      const status = JSON.parse(reply.text);
      if (source) status.message = `error when creating "${source}": ${status.message}`;
      throw new ApiStatusError(status);
    }
    printResult(flags, resource, JSON.parse(reply.text), 'created', dryRun);
  } catch (e) {
    if (e instanceof ApiStatusError && source && !e.status.message?.startsWith('error when creating'))
      e.status.message = `error when creating "${source}": ${e.status.message}`;
    throw e;
  }
}

export function runCreate(argv: string[]): Promise<void> {
  const sub = argv[0];
  if (sub === 'configmap' || sub === 'cm')
    return runGenerator('create configmap', argv.slice(1), configMapOf);
  if (sub === 'namespace' || sub === 'ns')
    return runGenerator('create namespace', argv.slice(1), namespaceOf);
  if (sub === 'deployment' || sub === 'deploy')
    return runGenerator('create deployment', argv.slice(1), deploymentOf);
  if (sub === 'secret' && argv[1] === 'generic')
    return runGenerator('create secret generic', argv.slice(2), secretOf);
  return runCommand('create', argv, createSpecs, async (flags, sessionOf) => {
    const files = flags.list('filename');
    if (files.length === 0)
      throw new KubectlError(
        'error: must specify one of -f and -k\n\nerror: Unexpected args: ' +
          `[${flags.args.join(' ')}]\nSee 'kubectl create -h' for help and examples`,
      );
    const session = sessionOf();
    let failed = 0;
    for (const m of readManifests(files, flags.bool('recursive'))) {
      try {
        const { resource, namespace } = await locate(session, m, true);
        const obj = resource.namespaced
          ? { ...m.object, metadata: { ...m.object.metadata, namespace } }
          : m.object;
        await createObject(session, flags, resource, namespace, obj, m.source);
      } catch (e) {
        if (e instanceof KubectlError) throw e;
        process.stderr.write(`${errorText(e)}\n`);
        failed++;
      }
    }
    return failed ? 1 : 0;
  });
}

/** The generators' kinds, known without asking the server (client dry runs work offline). */
const generatedResources: Record<string, ApiResource> = {
  ConfigMap: builtin('', 'configmaps', 'ConfigMap', true),
  Secret: builtin('', 'secrets', 'Secret', true),
  Namespace: builtin('', 'namespaces', 'Namespace', false),
  Deployment: builtin('apps', 'deployments', 'Deployment', true),
};

function builtin(group: string, resource: string, kind: string, namespaced: boolean): ApiResource {
  return {
    group,
    version: 'v1',
    resource,
    kind,
    namespaced,
    singular: kind.toLowerCase(),
    shortNames: [],
    categories: [],
    verbs: [],
    subresources: [],
  };
}

type Generator = (
  name: string,
  flags: Flags,
) => { apiVersion: string; kind: string; object: Record<string, any> };

function runGenerator(command: string, argv: string[], generate: Generator): Promise<void> {
  return runCommand(command, argv, generatorSpecs, async (flags, sessionOf) => {
    const name = flags.args[0];
    if (!name)
      throw new KubectlError(`error: NAME is required\nSee 'kubectl ${command} -h' for help and examples`);
    if (flags.args.length > 1)
      throw new KubectlError(
        `error: exactly one NAME is required, got ${flags.args.length}\nSee 'kubectl ${command} -h' for help and examples`,
      );
    const { kind, object } = generate(name, flags);
    const session = sessionOf();
    const resource = generatedResources[kind];
    const namespace = resource.namespaced ? session.namespace : undefined;
    const dryRun = dryRunOf(flags);
    // a client dry run shows the namespace only when the user named one
    const body =
      resource.namespaced && (dryRun !== 'client' || session.namespaceExplicit)
        ? { ...object, metadata: { ...object.metadata, namespace } }
        : object;
    try {
      await createObject(session, flags, resource, namespace, body);
    } catch (e) {
      // the generators wrap the server's message (secret's text has no colon upstream)
      if (e instanceof ApiStatusError)
        throw new KubectlError(
          `error: failed to create ${kind.toLowerCase()}${kind === 'Secret' ? '' : ':'} ${e.message}`,
        );
      throw e;
    }
    return 0;
  });
}

function keyValues(flags: Flags, encode: (b: Buffer) => string): Record<string, string> {
  const data: Record<string, string> = {};
  for (const lit of flags.list('from-literal')) {
    const eq = lit.indexOf('=');
    if (eq <= 0) throw new KubectlError(`error: invalid literal source ${lit}, expected key=value`);
    const key = lit.slice(0, eq);
    if (Object.hasOwn(data, key))
      throw new KubectlError(
        `error: cannot add key ${key}, another key by that name already exists in Data for ConfigMap "${key}"`,
      );
    data[key] = encode(Buffer.from(lit.slice(eq + 1)));
  }
  for (const src of flags.list('from-file')) {
    const eq = src.indexOf('=');
    const [key, path] = eq > 0 ? [src.slice(0, eq), src.slice(eq + 1)] : [undefined, src];
    const st = statSync(path);
    const files = st.isDirectory()
      ? readdirSync(path)
          .filter((f) => statSync(join(path, f)).isFile())
          .map((f) => [f, join(path, f)])
      : [[key ?? basename(path), path]];
    for (const [k, file] of files) data[k] = encode(readFileSync(file));
  }
  for (const file of flags.list('from-env-file')) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const t = line.trim();
      if (!t || t.startsWith('#')) continue;
      const eq = t.indexOf('=');
      if (eq < 0) data[t] = encode(Buffer.from(process.env[t] ?? ''));
      else data[t.slice(0, eq)] = encode(Buffer.from(t.slice(eq + 1)));
    }
  }
  return data;
}

const configMapOf: Generator = (name, flags) => {
  const data = keyValues(flags, (b) => b.toString('utf8'));
  const object: Record<string, any> = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } };
  if (Object.keys(data).length > 0) object.data = data;
  return { apiVersion: 'v1', kind: 'ConfigMap', object };
};

const secretOf: Generator = (name, flags) => {
  const data = keyValues(flags, (b) => b.toString('base64'));
  const object: Record<string, any> = { apiVersion: 'v1', kind: 'Secret', metadata: { name } };
  if (Object.keys(data).length > 0) object.data = data;
  if (flags.str('type')) object.type = flags.str('type');
  return { apiVersion: 'v1', kind: 'Secret', object };
};

const namespaceOf: Generator = (name) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: {}, status: {} },
});

/** The container name kubectl derives from an image: its last path segment without tag or digest. */
function containerName(image: string): string {
  let n = image.split('/').pop() ?? image;
  n = n.split('@')[0].split(':')[0];
  return n.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

const deploymentOf: Generator = (name, flags) => {
  const images = flags.list('image');
  if (images.length === 0) throw new KubectlError('error: required flag(s) "image" not set');
  const labels = { app: name };
  const port = flags.int('port');
  const containers = images.map((image) => {
    const c: Record<string, any> = { image, name: containerName(image), resources: {} };
    if (port >= 0) c.ports = [{ containerPort: port }];
    return c;
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    object: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { labels, name },
      spec: {
        replicas: flags.int('replicas'),
        selector: { matchLabels: labels },
        strategy: {},
        template: { metadata: { labels }, spec: { containers } },
      },
      status: {},
    },
  };
};
