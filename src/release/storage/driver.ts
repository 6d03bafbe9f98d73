/**
 * Where release records live (Helm's pkg/storage/driver): one interface, one file per backend.
 * Keys are `sh.helm.release.v1.NAME.vN`; labels name/owner/status/version select records.
 */
import type { Release } from '../record.ts';

export class ReleaseNotFoundError extends Error {
  override name = 'ReleaseNotFoundError';
  constructor() {
    super('release: not found');
  }
}

export class ReleaseExistsError extends Error {
  override name = 'ReleaseExistsError';
  constructor() {
    super('release: already exists');
  }
}

export class NoDeployedReleasesError extends Error {
  override name = 'NoDeployedReleasesError';
  constructor(readonly releaseName: string) {
    super(`${JSON.stringify(releaseName)} has no deployed releases`);
  }
}

export interface Driver {
  /** Secret, ConfigMap or Memory, as HELM_DRIVER names them in messages */
  readonly name: string;
  get(key: string): Promise<Release>;
  /** every record of the driver's namespace (all namespaces when it has none) that `filter` keeps */
  list(filter: (r: Release) => boolean): Promise<Release[]>;
  /** records whose labels include all of `labels`; ReleaseNotFoundError when none */
  query(labels: Record<string, string>): Promise<Release[]>;
  create(key: string, r: Release): Promise<void>;
  update(key: string, r: Release): Promise<void>;
  delete(key: string): Promise<Release>;
}

/** Labels Helm reserves on storage objects; user labels (--labels) may not use them. */
export const SYSTEM_LABELS = ['name', 'owner', 'status', 'version', 'createdAt', 'modifiedAt'];

export function withoutSystemLabels(labels: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (!SYSTEM_LABELS.includes(k)) out[k] = v;
  return out;
}

export function containsSystemLabels(labels: Record<string, string>): boolean {
  return Object.keys(labels).some((k) => SYSTEM_LABELS.includes(k));
}

/** The labels Helm writes on a storage object: user labels, then the system ones. */
export function storageLabels(
  r: Release,
  stamp: 'createdAt' | 'modifiedAt',
  unixSeconds: number,
): Record<string, string> {
  return {
    ...r.labels,
    [stamp]: String(unixSeconds),
    name: r.name,
    owner: 'helm',
    status: r.info.status,
    version: String(r.version),
  };
}

export function releaseKey(name: string, version: number): string {
  return `sh.helm.release.v1.${name}.v${version}`;
}
