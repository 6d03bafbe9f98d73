// The kubeconfig that points kubectl and helm at the cluster: one cluster
// (server URL and CA), one user (the admin bearer token), context `bosun`.
// Merging into an existing file replaces only the `bosun` entries.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse, stringify } from 'yaml';

export const contextName = 'bosun';

export interface KubeconfigParams {
  server: string;
  caPem: string;
  token: string;
}

interface Named {
  name: string;
  [field: string]: unknown;
}

interface Kubeconfig {
  apiVersion: string;
  kind: string;
  preferences?: unknown;
  clusters: Named[];
  users: Named[];
  contexts: Named[];
  'current-context'?: string;
  [field: string]: unknown;
}

function entries(params: KubeconfigParams) {
  return {
    cluster: {
      name: contextName,
      cluster: {
        server: params.server,
        'certificate-authority-data': Buffer.from(params.caPem).toString('base64'),
      },
    },
    user: { name: contextName, user: { token: params.token } },
    context: {
      name: contextName,
      context: { cluster: contextName, user: contextName, namespace: 'default' },
    },
  };
}

export function kubeconfigYaml(params: KubeconfigParams): string {
  const e = entries(params);
  const config: Kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [e.cluster],
    users: [e.user],
    contexts: [e.context],
    'current-context': contextName,
  };
  return stringify(config);
}

/** Writes a kubeconfig holding only this cluster (owner-only: it carries the token). */
export function writeKubeconfig(path: string, params: KubeconfigParams): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, kubeconfigYaml(params), { mode: 0o600 });
}

/** Adds or replaces the `bosun` cluster, user and context in an existing kubeconfig, and selects it. */
export function mergeKubeconfig(path: string, params: KubeconfigParams): void {
  const existing = existsSync(path)
    ? (parse(readFileSync(path, 'utf8')) as Partial<Kubeconfig> | null)
    : null;
  const config: Kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    ...(existing ?? {}),
    clusters: existing?.clusters ?? [],
    users: existing?.users ?? [],
    contexts: existing?.contexts ?? [],
  };
  const e = entries(params);
  const upsert = (list: Named[], entry: Named) => [...list.filter((x) => x.name !== entry.name), entry];
  config.clusters = upsert(config.clusters, e.cluster);
  config.users = upsert(config.users, e.user);
  config.contexts = upsert(config.contexts, e.context);
  config['current-context'] = contextName;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, stringify(config), { mode: 0o600 });
}
