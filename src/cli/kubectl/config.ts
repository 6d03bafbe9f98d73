/**
 * `kubectl config`: view (redacted unless `--raw`; `--minify`, `--flatten`, `-o`),
 * current-context, get-contexts, get-clusters, get-users, use-context and set-context, over
 * the kubeconfig file(s) of `--kubeconfig`, `$KUBECONFIG` or `~/.kube/config`. kubectl keeps
 * the entries in maps, so what it prints or writes lists them sorted by name.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { alignTabs, parseOutputFormat, yamlText } from '../../kube/printers/index.ts';
import { decodeYaml } from '../../template/index.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { printFlags, printGeneric } from './get.ts';
import { KubectlError, runCommand } from './session.ts';

type Obj = Record<string, any>;
type Section = 'clusters' | 'users' | 'contexts';
/** The key holding each entry's body in the file (`cluster`, `user`, `context`). */
const bodyKey: Record<Section, string> = { clusters: 'cluster', users: 'user', contexts: 'context' };

interface Kubeconfig {
  /** The file changes are written to. */
  file: string;
  clusters: Map<string, Obj>;
  users: Map<string, Obj>;
  contexts: Map<string, Obj>;
  currentContext: string;
  /** Where each entry came from, to resolve its relative file paths. */
  origin: Map<string, string>;
}

function kubeconfigFiles(flags: Flags): string[] {
  const explicit = flags.str('kubeconfig');
  if (explicit) return [explicit];
  const env = process.env.KUBECONFIG;
  if (env) return env.split(delimiter).filter(Boolean);
  return [join(homedir(), '.kube', 'config')];
}

/** Loads and merges the files as clientcmd does: the first file to name an entry wins. */
function loadKubeconfig(flags: Flags): Kubeconfig {
  const files = kubeconfigFiles(flags);
  const config: Kubeconfig = {
    file: files[0],
    clusters: new Map(),
    users: new Map(),
    contexts: new Map(),
    currentContext: '',
    origin: new Map(),
  };
  for (const file of files) {
    if (!existsSync(file)) {
      if (flags.str('kubeconfig')) throw new KubectlError(`error: stat ${file}: no such file or directory`);
      continue;
    }
    let doc: Obj;
    try {
      doc = (decodeYaml(readFileSync(file, 'utf8')) as Obj) ?? {};
    } catch (e) {
      throw new KubectlError(`error: error loading config file "${file}": ${(e as Error).message}`);
    }
    for (const section of ['clusters', 'users', 'contexts'] as Section[])
      for (const entry of (doc[section] ?? []) as Obj[]) {
        if (!entry?.name || config[section].has(entry.name)) continue;
        config[section].set(entry.name, entry[bodyKey[section]] ?? {});
        config.origin.set(`${section}/${entry.name}`, file);
      }
    if (!config.currentContext && doc['current-context']) config.currentContext = doc['current-context'];
  }
  return config;
}

const sortedNames = (m: Map<string, Obj>) => [...m.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Field orders of clientcmd's v1 types, which `-o json` keeps. */
const fieldOrder: Record<Section, string[]> = {
  clusters: [
    'server',
    'tls-server-name',
    'insecure-skip-tls-verify',
    'certificate-authority',
    'certificate-authority-data',
    'proxy-url',
    'disable-compression',
    'extensions',
  ],
  users: [
    'client-certificate',
    'client-certificate-data',
    'client-key',
    'client-key-data',
    'token',
    'tokenFile',
    'as',
    'as-uid',
    'as-groups',
    'as-user-extra',
    'username',
    'password',
    'auth-provider',
    'exec',
    'extensions',
  ],
  contexts: ['cluster', 'user', 'namespace', 'extensions'],
};

/** Fields the v1 types write even when empty (no omitempty). */
const alwaysWritten = new Set(['clusters/server', 'contexts/cluster', 'contexts/user']);

function ordered(section: Section, body: Obj): Obj {
  const out: Obj = {};
  for (const k of fieldOrder[section]) {
    if (alwaysWritten.has(`${section}/${k}`)) out[k] = body[k] ?? '';
    else if (body[k] !== undefined && body[k] !== '') out[k] = body[k];
  }
  for (const k of Object.keys(body).sort()) if (!(k in out) && body[k] !== undefined) out[k] = body[k];
  return out;
}

/** The config as clientcmd's v1 Config object (lists sorted by name, kind first as Go writes it). */
function asDocument(config: Kubeconfig): Obj {
  const list = (section: Section) => {
    const names = sortedNames(config[section]);
    if (names.length === 0) return null;
    return names.map((name) => ({ name, [bodyKey[section]]: ordered(section, config[section].get(name)!) }));
  };
  return {
    kind: 'Config',
    apiVersion: 'v1',
    clusters: list('clusters'),
    users: list('users'),
    contexts: list('contexts'),
    'current-context': config.currentContext,
  };
}

function save(config: Kubeconfig): void {
  writeFileSync(config.file, yamlText(asDocument(config)));
}

/** `--minify`: only the current context, its cluster and its user. */
function minify(config: Kubeconfig, context: string): void {
  if (!context) throw new KubectlError('error: current-context must exist in order to minify');
  const ctx = config.contexts.get(context);
  if (!ctx) throw new KubectlError(`error: cannot locate context ${context}`);
  const keep = (m: Map<string, Obj>, name: string) => {
    const v = m.get(name);
    m.clear();
    if (v) m.set(name, v);
  };
  keep(config.contexts, context);
  keep(config.clusters, ctx.cluster ?? '');
  keep(config.users, ctx.user ?? '');
  config.currentContext = context;
}

/** `--flatten`: files a config points to become the matching `-data` fields. */
function flatten(config: Kubeconfig): void {
  const pairs: [Section, string, string][] = [
    ['clusters', 'certificate-authority', 'certificate-authority-data'],
    ['users', 'client-certificate', 'client-certificate-data'],
    ['users', 'client-key', 'client-key-data'],
  ];
  for (const [section, fileKey, dataKey] of pairs)
    for (const [name, body] of config[section]) {
      const path = body[fileKey];
      if (!path) continue;
      const base = dirname(config.origin.get(`${section}/${name}`) ?? config.file);
      const full = isAbsolute(path) ? path : resolve(base, path);
      body[dataKey] = readFileSync(full).toString('base64');
      delete body[fileKey];
    }
}

/** What `config view` hides without `--raw`. */
function redact(config: Kubeconfig): void {
  for (const body of config.clusters.values())
    if (body['certificate-authority-data']) body['certificate-authority-data'] = 'DATA+OMITTED';
  for (const body of config.users.values()) {
    for (const k of ['client-certificate-data', 'client-key-data']) if (body[k]) body[k] = 'DATA+OMITTED';
    for (const k of ['token', 'password']) if (body[k]) body[k] = 'REDACTED';
  }
}

const viewSpecs: FlagSpec[] = [
  ...printFlags,
  { name: 'minify', type: 'bool' },
  { name: 'raw', type: 'bool' },
  { name: 'flatten', type: 'bool' },
  { name: 'merge', type: 'string', default: 'true' },
];

function runView(argv: string[]): Promise<void> {
  return runCommand('config view', argv, viewSpecs, async (flags) => {
    const output = flags.str('output') || 'yaml';
    const format = parseOutputFormat(output);
    const config = loadKubeconfig(flags);
    if (flags.bool('minify')) minify(config, flags.str('context') || config.currentContext);
    if (flags.bool('flatten')) flatten(config);
    // a flattened config is meant to be copied whole, so nothing is redacted
    if (!flags.bool('raw') && !flags.bool('flatten')) redact(config);
    const doc = asDocument(config);
    if (format.kind === 'json') {
      // json.MarshalIndent of the typed Config: field order kept, HTML characters escaped
      const text = JSON.stringify(doc, null, 4).replace(
        /[<>&]/g,
        (c) => `\\u00${c.charCodeAt(0).toString(16)}`,
      );
      process.stdout.write(`${text}\n`);
    } else process.stdout.write(printGeneric(flags, format, [doc], true, []));
    return 0;
  });
}

function runCurrentContext(argv: string[]): Promise<void> {
  return runCommand('config current-context', argv, [], async (flags) => {
    const config = loadKubeconfig(flags);
    if (!config.currentContext) throw new KubectlError('error: current-context is not set');
    process.stdout.write(`${config.currentContext}\n`);
    return 0;
  });
}

const getContextsSpecs: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'no-headers', type: 'bool' },
];

function runGetContexts(argv: string[]): Promise<void> {
  return runCommand('config get-contexts', argv, getContextsSpecs, async (flags) => {
    const output = flags.str('output');
    if (output && output !== 'name')
      throw new KubectlError(`error: output must be one of '' or 'name': ${output}`);
    const config = loadKubeconfig(flags);
    const wanted = flags.args.length > 0 ? flags.args : sortedNames(config.contexts);
    const lines: string[] = [];
    const missing: string[] = [];
    if (output !== 'name' && !flags.bool('no-headers'))
      lines.push('CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE');
    for (const name of wanted) {
      const ctx = config.contexts.get(name);
      if (!ctx) {
        missing.push(name);
        continue;
      }
      if (output === 'name') lines.push(name);
      else
        lines.push(
          [
            name === config.currentContext ? '*' : '',
            name,
            ctx.cluster ?? '',
            ctx.user ?? '',
            ctx.namespace ?? '',
          ].join('\t'),
        );
    }
    if (lines.length > 0)
      process.stdout.write(output === 'name' ? `${lines.join('\n')}\n` : alignTabs(`${lines.join('\n')}\n`));
    if (missing.length > 0)
      throw new KubectlError(missing.map((n) => `error: context ${n} not found`).join('\n'));
    return 0;
  });
}

function runGetNames(section: 'clusters' | 'users'): (argv: string[]) => Promise<void> {
  return (argv) =>
    runCommand(`config get-${section}`, argv, [], async (flags) => {
      const config = loadKubeconfig(flags);
      process.stdout.write(['NAME', ...sortedNames(config[section])].map((n) => `${n}\n`).join(''));
      return 0;
    });
}

function runUseContext(argv: string[]): Promise<void> {
  return runCommand('config use-context', argv, [], async (flags) => {
    const name = flags.args[0];
    if (flags.args.length !== 1 || !name)
      throw new KubectlError(
        `error: Unexpected args: [${flags.args.join(' ')}]\nSee 'kubectl config use-context -h' for help and examples`,
      );
    const config = loadKubeconfig(flags);
    if (!config.contexts.has(name))
      throw new KubectlError(`error: no context exists with the name: "${name}"`);
    config.currentContext = name;
    save(config);
    process.stdout.write(`Switched to context "${name}".\n`);
    return 0;
  });
}

function runSetContext(argv: string[]): Promise<void> {
  const specs: FlagSpec[] = [{ name: 'current', type: 'bool' }];
  return runCommand('config set-context', argv, specs, async (flags) => {
    const config = loadKubeconfig(flags);
    let name = flags.args[0] ?? '';
    if (flags.bool('current')) {
      if (name) throw new KubectlError('error: you cannot specify both a context name and --current');
      name = config.currentContext;
      if (!name) throw new KubectlError('error: no current context is set');
    } else if (!name) throw new KubectlError('error: you must specify a non-empty context name or --current');
    const existing = config.contexts.get(name);
    const body: Obj = { ...(existing ?? {}) };
    for (const [flag, key] of [
      ['cluster', 'cluster'],
      ['user', 'user'],
      ['namespace', 'namespace'],
    ] as const)
      if (flags.changed(flag)) body[key] = flags.str(flag);
    config.contexts.set(name, body);
    if (!config.origin.has(`contexts/${name}`)) config.origin.set(`contexts/${name}`, config.file);
    save(config);
    process.stdout.write(`Context "${name}" ${existing ? 'modified' : 'created'}.\n`);
    return 0;
  });
}

const subcommands: Record<string, (argv: string[]) => Promise<void>> = {
  view: runView,
  'current-context': runCurrentContext,
  'get-contexts': runGetContexts,
  'get-clusters': runGetNames('clusters'),
  'get-users': runGetNames('users'),
  'use-context': runUseContext,
  use: runUseContext,
  'set-context': runSetContext,
};

export function runConfig(argv: string[]): Promise<void> {
  const run = Object.hasOwn(subcommands, argv[0] ?? '') ? subcommands[argv[0]] : undefined;
  if (run) return run(argv.slice(1));
  return runCommand('config', argv, [], async (flags) => {
    if (flags.args.length > 0)
      throw new KubectlError(
        `error: unknown command "${flags.args.join(' ')}"\nSee 'kubectl config -h' for help and examples`,
      );
    throw new KubectlError(
      'error: bosun kubectl config offers view, current-context, get-contexts, get-clusters, get-users, use-context and set-context',
    );
  });
}
