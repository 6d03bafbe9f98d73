/**
 * Kubeconfig loading as client-go's clientcmd does it: `--kubeconfig`, else the files of
 * $KUBECONFIG (merged, the first file to define a name wins), else ~/.kube/config; the context
 * from `--context` or `current-context`; `--cluster`, `--user`, `--server`, `--token` and
 * `--namespace` override what the context says.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { parse } from 'yaml';

export interface KubeconfigOverrides {
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  user?: string;
  server?: string;
  token?: string;
  namespace?: string;
  insecureSkipTlsVerify?: boolean;
  certificateAuthority?: string;
  /** --as, --as-group, --as-uid: act as another user (Impersonate-* headers). */
  as?: string;
  asGroups?: string[];
  asUid?: string;
}

/** Everything needed to talk to one API server as one user. */
export interface ClientConfig {
  server: string;
  caPem?: string;
  insecureSkipTlsVerify?: boolean;
  token?: string;
  certPem?: string;
  keyPem?: string;
  username?: string;
  password?: string;
  /** The namespace of the context (or the override); `default` when neither says. */
  namespace: string;
  /** True when the namespace came from `--namespace` or the context, not the fallback. */
  namespaceExplicit: boolean;
  contextName?: string;
  /** Who the requests act as, from the flags or the kubeconfig user's `as`, `as-groups`, `as-uid`. */
  impersonate?: { user?: string; groups?: string[]; uid?: string };
}

export class KubeconfigError extends Error {
  override name = 'KubeconfigError';
}

interface Named {
  name: string;
  [key: string]: unknown;
}

interface RawConfig {
  clusters: Map<string, { data: Record<string, any>; dir: string }>;
  users: Map<string, { data: Record<string, any>; dir: string }>;
  contexts: Map<string, Record<string, any>>;
  currentContext?: string;
}

function kubeconfigFiles(explicit: string | undefined): string[] {
  if (explicit) return [explicit];
  const env = process.env.KUBECONFIG;
  if (env) return env.split(delimiter).filter(Boolean);
  return [join(homedir(), '.kube', 'config')];
}

function loadRaw(files: string[], explicit: boolean): RawConfig {
  const raw: RawConfig = { clusters: new Map(), users: new Map(), contexts: new Map() };
  for (const file of files) {
    if (!existsSync(file)) {
      if (explicit) throw new KubeconfigError(`stat ${file}: no such file or directory`);
      continue;
    }
    const doc = (parse(readFileSync(file, 'utf8')) ?? {}) as Record<string, unknown>;
    const dir = dirname(file);
    for (const c of (doc.clusters as Named[] | undefined) ?? [])
      if (c?.name && !raw.clusters.has(c.name))
        raw.clusters.set(c.name, { data: (c.cluster as Record<string, any>) ?? {}, dir });
    for (const u of (doc.users as Named[] | undefined) ?? [])
      if (u?.name && !raw.users.has(u.name))
        raw.users.set(u.name, { data: (u.user as Record<string, any>) ?? {}, dir });
    for (const c of (doc.contexts as Named[] | undefined) ?? [])
      if (c?.name && !raw.contexts.has(c.name))
        raw.contexts.set(c.name, (c.context as Record<string, any>) ?? {});
    const current = doc['current-context'];
    if (raw.currentContext === undefined && typeof current === 'string' && current)
      raw.currentContext = current;
  }
  return raw;
}

function readPem(data: unknown, file: unknown, dir: string): string | undefined {
  if (typeof data === 'string' && data) return Buffer.from(data, 'base64').toString('utf8');
  if (typeof file === 'string' && file)
    return readFileSync(isAbsolute(file) ? file : join(dir, file), 'utf8');
  return undefined;
}

/** Resolves the connection settings kubectl would use for these flags. */
export function loadClientConfig(overrides: KubeconfigOverrides = {}): ClientConfig {
  const raw = loadRaw(kubeconfigFiles(overrides.kubeconfig), overrides.kubeconfig !== undefined);
  const contextName = overrides.context || raw.currentContext;
  let context: Record<string, any> = {};
  if (contextName) {
    const found = raw.contexts.get(contextName);
    if (!found) {
      if (overrides.context)
        throw new KubeconfigError(`context was not found for specified context: ${contextName}`);
    } else context = found;
  }
  const clusterName = overrides.cluster || context.cluster;
  const userName = overrides.user || context.user;
  const cluster = clusterName ? raw.clusters.get(clusterName) : undefined;
  if (overrides.cluster && !cluster)
    throw new KubeconfigError(`cluster "${overrides.cluster}" does not exist`);
  const user = userName ? raw.users.get(userName) : undefined;
  const server = overrides.server || cluster?.data.server;
  if (!server)
    throw new KubeconfigError(
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
    );
  const namespace = overrides.namespace || context.namespace;
  const userData = user?.data ?? {};
  const userDir = user?.dir ?? '.';
  return {
    server: String(server).replace(/\/+$/, ''),
    caPem: overrides.certificateAuthority
      ? readFileSync(overrides.certificateAuthority, 'utf8')
      : readPem(
          cluster?.data['certificate-authority-data'],
          cluster?.data['certificate-authority'],
          cluster?.dir ?? '.',
        ),
    insecureSkipTlsVerify:
      overrides.insecureSkipTlsVerify || cluster?.data['insecure-skip-tls-verify'] === true,
    token:
      overrides.token ||
      userData.token ||
      (typeof userData.tokenFile === 'string' ? readFileSync(userData.tokenFile, 'utf8').trim() : undefined),
    certPem: readPem(userData['client-certificate-data'], userData['client-certificate'], userDir),
    keyPem: readPem(userData['client-key-data'], userData['client-key'], userDir),
    username: userData.username,
    password: userData.password,
    namespace: namespace || 'default',
    namespaceExplicit: Boolean(namespace),
    contextName,
    impersonate: impersonationOf(overrides, userData),
  };
}

function impersonationOf(
  overrides: KubeconfigOverrides,
  userData: Record<string, any>,
): ClientConfig['impersonate'] {
  const user = overrides.as || (typeof userData.as === 'string' ? userData.as : undefined);
  const groups = overrides.asGroups?.length
    ? overrides.asGroups
    : Array.isArray(userData['as-groups'])
      ? userData['as-groups'].map(String)
      : undefined;
  const uid = overrides.asUid || (typeof userData['as-uid'] === 'string' ? userData['as-uid'] : undefined);
  return user || groups?.length || uid ? { user, groups, uid } : undefined;
}
