/**
 * What the release commands share: the cluster connection from Helm's kube flags and
 * HELM_NAMESPACE / HELM_DRIVER, pflag's NoOptDefVal for `--dry-run` and `--wait`, Go durations,
 * `-o table|json|yaml`, and the error prefixes helm puts on each command's failures.
 */
import type { Command } from 'commander';
import { UserError } from '../errors.ts';

export type OutputFormat = 'table' | 'json' | 'yaml';

export function outputFormat(value: unknown): OutputFormat {
  const v = String(value ?? 'table');
  if (v === 'table' || v === 'json' || v === 'yaml') return v;
  throw new UserError(`invalid argument "${v}" for "-o, --output" flag: invalid format type`);
}

export function addOutputFlag(cmd: Command): Command {
  return cmd.option(
    '-o, --output <format>',
    'prints the output in the specified format. Allowed values: table, json, yaml',
    'table',
  );
}

export function addNamespaceFlag(cmd: Command): Command {
  return cmd.option('-n, --namespace <string>', 'namespace scope for this request');
}

/**
 * pflag's NoOptDefVal: `--flag` alone means `--flag=<implied>`, and the next word stays an
 * argument (`helm install --dry-run NAME CHART`). Commander's optional values would take it.
 */
export function impliedValues(cmd: Command, implied: Record<string, string>): Command {
  const parse = cmd.parseOptions.bind(cmd);
  cmd.parseOptions = (argv: string[]) => parse(argv.map((a) => (a in implied ? `${a}=${implied[a]}` : a)));
  return cmd;
}

/** Go's time.ParseDuration, in milliseconds; pflag's message when it fails. */
export function parseGoDuration(text: string, flag: string): number {
  const fail = (why: string): never => {
    throw new UserError(`invalid argument "${text}" for "${flag}" flag: time: ${why} "${text}"`);
  };
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    μs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s[0] === '-' ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') fail('invalid duration');
  let ms = 0;
  while (s !== '') {
    const num = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (num[0] === '' || num[0] === '.') fail('invalid duration');
    s = s.slice(num[0].length);
    const unit = /^[^\d.]+/.exec(s)?.[0];
    if (!unit) fail('missing unit in duration');
    if (!(unit! in units))
      throw new UserError(
        `invalid argument "${text}" for "${flag}" flag: time: unknown unit "${unit}" in duration "${text}"`,
      );
    ms += Number(num[0]) * units[unit!]!;
    s = s.slice(unit!.length);
  }
  return sign * ms;
}

/** `helm.sh/...` style labels given as `k=v,k2=v2` (pflag's StringToString). */
export function parseLabelsFlag(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values)
    for (const pair of v.split(',')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      if (eq < 0)
        throw new UserError(
          `invalid argument "${v}" for "-l, --labels" flag: ${pair} must be formatted as key=value`,
        );
      out[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  return out;
}

export interface Cluster {
  /** the release room, loaded when a command runs */
  release: typeof import('../../release/index.ts');
  cfg: import('../../release/index.ts').Configuration;
  namespace: string;
  close(): void;
}

/**
 * Helm's EnvSettings + Configuration.Init: the kubeconfig and its overrides, the namespace from
 * -n, HELM_NAMESPACE or the context, records through HELM_DRIVER (every namespace with `all`).
 */
export async function openCluster(
  o: Record<string, unknown>,
  options: { allNamespaces?: boolean } = {},
): Promise<Cluster> {
  const release = await import('../../release/index.ts');
  const { loadClientConfig, KubeconfigError } = await import('../../kube/client/index.ts');
  const explicitNamespace = (o.namespace as string | undefined) || process.env.HELM_NAMESPACE || undefined;
  let config: import('../../kube/client/index.ts').ClientConfig;
  try {
    config = loadClientConfig({
      kubeconfig: (o.kubeconfig as string | undefined) ?? undefined,
      context: o.kubeContext as string | undefined,
      server: o.kubeApiserver as string | undefined,
      token: o.kubeToken as string | undefined,
      certificateAuthority: o.kubeCaFile as string | undefined,
      insecureSkipTlsVerify: o.kubeInsecureSkipTlsVerify ? true : undefined,
      namespace: explicitNamespace,
    });
  } catch (e) {
    if (e instanceof KubeconfigError) throw new UserError(`Kubernetes cluster unreachable: ${e.message}`);
    throw e;
  }
  const namespace = config.namespace || 'default';
  const rest = new release.RestClient(config);
  let cfg: import('../../release/index.ts').Configuration;
  try {
    cfg = release.openConfiguration(
      rest,
      namespace,
      process.env.HELM_DRIVER ?? '',
      options.allNamespaces ? '' : namespace,
    );
  } catch (e) {
    // helm's log.Fatal in cobra.OnInitialize: one INFO line, status 1, no `Error:`
    process.stderr.write(`level=INFO msg=${JSON.stringify((e as Error).message)}\n`);
    process.exit(1);
  }
  return { release, cfg, namespace, close: () => rest.close() };
}

/** Runs `body` with a cluster, closing it after; failures become `prefix` + message. */
export async function withCluster<T>(
  o: Record<string, unknown>,
  prefix: string,
  body: (c: Cluster) => Promise<T>,
  options: { allNamespaces?: boolean } = {},
): Promise<T> {
  let cluster: Cluster | undefined;
  try {
    cluster = await openCluster(o, options);
    return await body(cluster);
  } catch (e) {
    if (e instanceof UserError && !prefix) throw e;
    const message = e instanceof UserError ? e.message : connectionMessage(e as Error);
    throw new UserError(`${prefix}${message}`);
  } finally {
    cluster?.close();
  }
}

function connectionMessage(e: Error): string {
  if (e.name === 'ConnectionError') return `Kubernetes cluster unreachable: ${e.message}`;
  return e.message;
}

/** cobra's ExactArgs(1) text for commands that take a release name. */
export function requireOneArg(args: string[], command: string): string {
  if (args.length !== 1)
    throw new UserError(
      `"helm ${command}" requires 1 argument\n\nUsage:  helm ${command} RELEASE_NAME [flags]`,
    );
  return args[0]!;
}

export function intFlag(value: unknown, flag: string): number {
  const s = String(value);
  if (!/^[+-]?\d+$/.test(s))
    throw new UserError(
      `invalid argument "${s}" for "${flag}" flag: strconv.ParseInt: parsing "${s}": invalid syntax`,
    );
  return Number(s);
}
