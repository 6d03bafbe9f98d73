/**
 * Records as Kubernetes objects (Helm's Secrets and ConfigMaps drivers): one object per
 * revision, named by the release key, labelled name/owner/status/version. A Secret holds the
 * encoded record as data (so base64 twice on the wire, as Helm has it); a ConfigMap as text.
 */
import { ApiStatusError, type RestClient } from '../../kube/client/index.ts';
import { decodeRelease, encodeRelease, type Release } from '../record.ts';
import {
  type Driver,
  ReleaseExistsError,
  ReleaseNotFoundError,
  storageLabels,
  withoutSystemLabels,
} from './driver.ts';

type Obj = Record<string, any>;

abstract class ObjectDriver implements Driver {
  abstract readonly name: string;
  protected abstract readonly resource: 'secrets' | 'configmaps';
  protected abstract wrap(key: string, encoded: string, labels: Record<string, string>): Obj;
  protected abstract unwrap(obj: Obj): string;

  /** `namespace` '' lists every namespace (helm list -A). */
  constructor(
    private readonly rest: RestClient,
    private readonly namespace: string,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  private path(name?: string): string {
    const base = this.namespace
      ? `/api/v1/namespaces/${encodeURIComponent(this.namespace)}/${this.resource}`
      : `/api/v1/${this.resource}`;
    return name ? `${base}/${encodeURIComponent(name)}` : base;
  }

  private decode(obj: Obj): Release | undefined {
    try {
      return { ...decodeRelease(this.unwrap(obj)), labels: { ...(obj.metadata?.labels ?? {}) } };
    } catch {
      // Helm skips records it cannot decode (and logs at debug level)
      return undefined;
    }
  }

  async get(key: string): Promise<Release> {
    let obj: Obj;
    try {
      obj = await this.rest.json('GET', this.path(key));
    } catch (e) {
      if (e instanceof ApiStatusError && e.code === 404) throw new ReleaseNotFoundError();
      throw new Error(`get: failed to get ${JSON.stringify(key)}: ${(e as Error).message}`);
    }
    let r: Release;
    try {
      r = decodeRelease(this.unwrap(obj));
    } catch (e) {
      throw new Error(`get: failed to decode data ${JSON.stringify(key)}: ${(e as Error).message}`);
    }
    return { ...r, labels: withoutSystemLabels(obj.metadata?.labels ?? {}) };
  }

  private async select(selector: string): Promise<Obj[]> {
    const list = await this.rest.json('GET', this.path(), { query: { labelSelector: selector } });
    return (list.items ?? []) as Obj[];
  }

  async list(filter: (r: Release) => boolean): Promise<Release[]> {
    let items: Obj[];
    try {
      items = await this.select('owner=helm');
    } catch (e) {
      throw new Error(`list: failed to list: ${(e as Error).message}`);
    }
    return items.map((o) => this.decode(o)).filter((r): r is Release => r !== undefined && filter(r));
  }

  async query(labels: Record<string, string>): Promise<Release[]> {
    const selector = Object.keys(labels)
      .sort()
      .map((k) => `${k}=${labels[k]}`)
      .join(',');
    let items: Obj[];
    try {
      items = await this.select(selector);
    } catch (e) {
      throw new Error(`query: failed to query with labels: ${(e as Error).message}`);
    }
    if (items.length === 0) throw new ReleaseNotFoundError();
    return items.map((o) => this.decode(o)).filter((r): r is Release => r !== undefined);
  }

  async create(key: string, r: Release): Promise<void> {
    const obj = this.wrap(key, encodeRelease(r), storageLabels(r, 'createdAt', this.now()));
    try {
      await this.rest.json('POST', this.pathFor(r), { body: obj });
    } catch (e) {
      if (e instanceof ApiStatusError && e.code === 409) throw new ReleaseExistsError();
      throw new Error(`create: failed to create: ${(e as Error).message}`);
    }
  }

  async update(key: string, r: Release): Promise<void> {
    const obj = this.wrap(key, encodeRelease(r), storageLabels(r, 'modifiedAt', this.now()));
    try {
      await this.rest.json('PUT', `${this.pathFor(r)}/${encodeURIComponent(key)}`, { body: obj });
    } catch (e) {
      throw new Error(`update: failed to update: ${(e as Error).message}`);
    }
  }

  async delete(key: string): Promise<Release> {
    const r = await this.get(key);
    await this.rest.json('DELETE', this.path(key));
    return r;
  }

  /** Writes go to the record's namespace (the driver's when it lists all namespaces). */
  private pathFor(r: Release): string {
    const ns = this.namespace || r.namespace || 'default';
    return `/api/v1/namespaces/${encodeURIComponent(ns)}/${this.resource}`;
  }
}

export class SecretsDriver extends ObjectDriver {
  readonly name = 'Secret';
  protected readonly resource = 'secrets';
  protected wrap(key: string, encoded: string, labels: Record<string, string>): Obj {
    return {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: key, labels },
      type: 'helm.sh/release.v1',
      data: { release: Buffer.from(encoded).toString('base64') },
    };
  }
  protected unwrap(obj: Obj): string {
    return Buffer.from(String(obj.data?.release ?? ''), 'base64').toString('latin1');
  }
}

export class ConfigMapsDriver extends ObjectDriver {
  readonly name = 'ConfigMap';
  protected readonly resource = 'configmaps';
  protected wrap(key: string, encoded: string, labels: Record<string, string>): Obj {
    return {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: key, labels },
      data: { release: encoded },
    };
  }
  protected unwrap(obj: Obj): string {
    return String(obj.data?.release ?? '');
  }
}
