/**
 * `kubectl create -f` (POST each manifest) and the frame of the `create TYPE NAME` generators:
 * each generator builds one object from flags (create-data.ts, create-workloads.ts,
 * create-service.ts, create-rbac.ts, create-ingress.ts); this file parses, checks the NAME,
 * sends or dry-runs the object and prints it as kubectl's typed printers do.
 */
import { type ApiResource, ApiStatusError, resourcePath } from '../../kube/client/index.ts';
import { parseOutputFormat } from '../../kube/printers/index.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { printFlags } from './get.ts';
import { type DryRun, dryRunFlag, dryRunOf, printResult, printTypedResult } from './objects.ts';
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

/** The flags every generator has (create.go's common options). */
export const generatorCommonSpecs: FlagSpec[] = [
  ...printFlags,
  dryRunFlag,
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
  { name: 'save-config', type: 'bool' },
  { name: 'field-manager', type: 'string', default: 'kubectl-create' },
];

/** The printers a write command offers (no tables): kubectl lists exactly these when `-o` is unknown. */
const writeOutputFormats = [
  'go-template',
  'go-template-file',
  'json',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'kyaml',
  'name',
  'template',
  'templatefile',
  'yaml',
];

/** Rejects `-o` formats a write command cannot print, with kubectl's message. */
export function checkWriteOutput(flags: Flags): void {
  const output = flags.str('output');
  if (output) parseOutputFormat(output, writeOutputFormats);
}

export function fieldValidation(flags: Flags): string | undefined {
  const v = flags.str('validate');
  if (v === 'false' || v === 'ignore') return 'Ignore';
  if (v === 'warn') return 'Warn';
  return 'Strict';
}

async function postObject(
  session: Session,
  flags: Flags,
  resource: ApiResource,
  namespace: string | undefined,
  obj: Record<string, any>,
  dryRun: DryRun,
): Promise<Record<string, any>> {
  const reply = await session.rest.request('POST', resourcePath(resource, { namespace }), {
    body: obj,
    query: {
      fieldManager: flags.str('field-manager') || undefined,
      fieldValidation: fieldValidation(flags),
      dryRun: dryRun === 'server' ? 'All' : undefined,
    },
  });
  const { RestClient } = await import('../../kube/client/index.ts');
  session.warn(RestClient.warnings(reply));
  if (reply.status > 299) throw new ApiStatusError(JSON.parse(reply.text));
  return JSON.parse(reply.text);
}

const subcommands: Record<string, () => Promise<Record<string, Generator>>> = {
  configmap: async () => (await import('./create-data.ts')).dataGenerators,
  secret: async () => (await import('./create-data.ts')).dataGenerators,
  deployment: async () => (await import('./create-workloads.ts')).workloadGenerators,
  job: async () => (await import('./create-workloads.ts')).workloadGenerators,
  cronjob: async () => (await import('./create-workloads.ts')).workloadGenerators,
  namespace: async () => ({ namespace: namespaceGenerator }),
  service: async () => (await import('./create-service.ts')).serviceGenerators,
  serviceaccount: async () => (await import('./create-rbac.ts')).rbacGenerators,
  role: async () => (await import('./create-rbac.ts')).rbacGenerators,
  clusterrole: async () => (await import('./create-rbac.ts')).rbacGenerators,
  rolebinding: async () => (await import('./create-rbac.ts')).rbacGenerators,
  clusterrolebinding: async () => (await import('./create-rbac.ts')).rbacGenerators,
  ingress: async () => (await import('./create-ingress.ts')).ingressGenerators,
};

const aliases: Record<string, string> = {
  cm: 'configmap',
  deploy: 'deployment',
  ns: 'namespace',
  svc: 'service',
  sa: 'serviceaccount',
  cj: 'cronjob',
  ing: 'ingress',
};

/** The subcommands of `create secret` and `create service`, and the help kubectl prints without one. */
const nested: Record<string, { children: string[]; help: string }> = {
  secret: {
    children: ['docker-registry', 'generic', 'tls'],
    help: `Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]
`,
  },
  service: {
    children: ['clusterip', 'externalname', 'loadbalancer', 'nodeport'],
    help: `Create a service using a specified subcommand.

Aliases:
service, svc

Available Commands:
  clusterip      Create a ClusterIP service
  externalname   Create an ExternalName service
  loadbalancer   Create a LoadBalancer service
  nodeport       Create a NodePort service

Usage:
  kubectl create service [flags] [options]
`,
  },
};

export async function runCreate(argv: string[]): Promise<void> {
  const sub = aliases[argv[0]] ?? argv[0];
  const load = Object.hasOwn(subcommands, sub) ? subcommands[sub] : undefined;
  if (load) {
    const generators = await load();
    const parent = nested[sub];
    if (!parent) return runGenerator(generators[sub], argv.slice(1));
    const child = argv[1];
    if (child && parent.children.includes(child))
      return runGenerator(generators[`${sub} ${child}`], argv.slice(2));
    // without a known subcommand cobra prints the help (or names the unknown one) and fails
    return runCommand(`create ${sub}`, argv.slice(1), [], async (flags) => {
      if (flags.args.length > 0)
        throw new KubectlError(
          `error: unknown command "${flags.args.join(' ')}"\nSee 'kubectl create ${sub} -h' for help and examples`,
        );
      throw new KubectlError(
        `${parent.help}\nUse "kubectl create ${sub} <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).`,
      );
    });
  }
  return runCommand('create', argv, createSpecs, async (flags, sessionOf) => {
    const files = flags.list('filename');
    if (files.length === 0) {
      if (flags.args.length > 0)
        throw new KubectlError(
          `error: Unexpected args: [${flags.args.join(' ')}]\nSee 'kubectl create -h' for help and examples`,
        );
      throw new KubectlError('error: must specify one of -f and -k');
    }
    const session = sessionOf();
    const dryRun = dryRunOf(flags);
    let failed = 0;
    for (const m of readManifests(files, flags.bool('recursive'))) {
      try {
        const { resource, namespace } = await locate(session, m, true);
        const obj = resource.namespaced
          ? { ...m.object, metadata: { ...m.object.metadata, namespace } }
          : m.object;
        if (dryRun === 'client') {
          printResult(flags, resource, obj, 'created', dryRun);
          continue;
        }
        try {
          const created = await postObject(session, flags, resource, namespace, obj, dryRun);
          printResult(flags, resource, created, 'created', dryRun);
        } catch (e) {
          if (e instanceof ApiStatusError)
            e.status.message = `error when creating "${m.source}": ${e.status.message}`;
          throw e;
        }
      } catch (e) {
        if (e instanceof KubectlError) throw e;
        process.stderr.write(`${errorText(e)}\n`);
        failed++;
      }
    }
    return failed ? 1 : 0;
  });
}

/** A built-in resource the generators know without asking the server (client dry runs work offline). */
export function builtinResource(
  group: string,
  resource: string,
  kind: string,
  namespaced: boolean,
): ApiResource {
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

export interface GeneratorContext {
  flags: Flags;
  session: () => Session;
  /** The namespace the object goes to (namespaced kinds only). */
  namespace: string;
}

/** One `kubectl create TYPE NAME` generator. */
export interface Generator {
  /** `create configmap`, for usage messages. */
  command: string;
  resource: ApiResource;
  flags: FlagSpec[];
  /** Flags cobra requires before anything else runs (`required flag(s) "image" not set`). */
  required?: string[];
  /**
   * How kubectl wraps the server's refusal: `failed to create configmap:` prefixes the message
   * with `error: `; absent, kubectl prints the server's Status as it is.
   */
  failure?: string;
  /** Flags given as StringSlice upstream: comma-separated values in each occurrence. */
  sliceFlags?: string[];
  /** Whether words after `--` are the container's command (deployment, job, cronjob). */
  takesCommand?: boolean;
  /**
   * Local flags that shadow a global one of the same name (`create rolebinding --user`): renamed
   * before parsing so the global meaning does not apply.
   */
  renameFlags?: Record<string, string>;
  build(name: string, ctx: GeneratorContext): Promise<Record<string, any>> | Record<string, any>;
}

/** The values of a StringSlice flag: each occurrence split on commas. */
export function sliceValues(flags: Flags, name: string): string[] {
  return flags.list(name).flatMap((v) => (v === '' ? [] : v.split(',')));
}

/** The arguments before `--` (flags.args holds both; `--` ends the flags). */
function splitCommand(argv: string[]): { before: string[]; command: string[] } {
  const dash = argv.indexOf('--');
  return dash < 0
    ? { before: argv, command: [] }
    : { before: argv.slice(0, dash), command: argv.slice(dash + 1) };
}

function renameFlag(arg: string, renames: Record<string, string> | undefined): string {
  if (!renames) return arg;
  const m = /^--([^=]+)(=.*)?$/s.exec(arg);
  if (!m || !Object.hasOwn(renames, m[1])) return arg;
  return `--${renames[m[1]]}${m[2] ?? ''}`;
}

export function runGenerator(generator: Generator, argv: string[]): Promise<void> {
  const { command } = generator;
  const split = generator.takesCommand ? splitCommand(argv) : { before: argv, command: [] };
  const containerCommand = split.command;
  const before = split.before.map((a) => renameFlag(a, generator.renameFlags));
  return runCommand(
    command,
    before,
    [...generatorCommonSpecs, ...generator.flags],
    async (flags, sessionOf) => {
      const missing = (generator.required ?? []).filter((f) => !flags.changed(f));
      if (missing.length > 0)
        throw new KubectlError(`error: required flag(s) ${missing.map((f) => `"${f}"`).join(', ')} not set`);
      const name = flags.args[0];
      if (flags.args.length !== 1 || !name)
        throw new KubectlError(
          `error: exactly one NAME is required, got ${flags.args.length}\nSee 'kubectl ${command} -h' for help and examples`,
        );
      checkWriteOutput(flags);
      const dryRun = dryRunOf(flags);
      const session = sessionOf();
      const { resource } = generator;
      const namespace = session.namespace;
      if (containerCommand.length > 0) flags.parsed.values.set('--command', containerCommand);
      let object = await generator.build(name, { flags, session: sessionOf, namespace });
      // the object names its namespace only when the user chose one (EnforceNamespace)
      if (resource.namespaced && session.namespaceExplicit)
        object = { ...object, metadata: { ...object.metadata, namespace } };
      if (flags.bool('save-config')) {
        const { withLastApplied } = await import('./apply.ts');
        object = withLastApplied(object);
      }
      let result = object;
      if (dryRun !== 'client') {
        try {
          result = await postObject(
            session,
            flags,
            resource,
            resource.namespaced ? namespace : undefined,
            object,
            dryRun,
          );
        } catch (e) {
          if (e instanceof ApiStatusError && generator.failure)
            throw new KubectlError(`error: ${generator.failure} ${e.message}`);
          throw e;
        }
      }
      await printTypedResult(flags, resource, result, 'created', dryRun);
      return 0;
    },
  );
}

/** The container command given after `--` (job, cronjob). */
export function containerCommandOf(flags: Flags): string[] {
  const v = flags.parsed.values.get('--command');
  return Array.isArray(v) ? v : [];
}

const namespaceGenerator: Generator = {
  command: 'create namespace',
  resource: builtinResource('', 'namespaces', 'Namespace', false),
  flags: [],
  build: (name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: {}, status: {} }),
};
