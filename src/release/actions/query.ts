/**
 * The read-only actions: status and get (one revision, the last by default), history (every
 * revision), values (user-supplied or computed), and list (Helm's action.List: the latest
 * revision of each release, filtered by state, name and labels, sorted and paged).
 */
import { Chart, coalesceValues, type Metadata } from '../../chart/index.ts';
import { parseLabelSelector } from '../../kube/index.ts';
import type { GoMap } from '../../template/index.ts';
import { type Configuration, validateReleaseName } from '../configuration.ts';
import type { Release } from '../record.ts';
import { epochMillis } from '../time.ts';

/** releaseContent: revision `version`, or the last one when 0. */
export async function releaseContent(cfg: Configuration, name: string, version = 0): Promise<Release> {
  try {
    validateReleaseName(name);
  } catch {
    throw new Error(`releaseContent: Release name is invalid: ${name}`);
  }
  return version <= 0 ? cfg.storage.last(name) : cfg.storage.get(name, version);
}

export async function releaseHistory(cfg: Configuration, name: string): Promise<Release[]> {
  try {
    validateReleaseName(name);
  } catch {
    throw new Error(`release name is invalid: ${name}`);
  }
  return cfg.storage.history(name);
}

/**
 * Status's resources (kube.Client.Get with related pods): per `version/Kind`, in the order the
 * manifest first names them, the objects (or Tables); pods that the workloads select last.
 */
export async function releaseResources(
  cfg: Configuration,
  r: Release,
  asTable: boolean,
): Promise<Map<string, Record<string, any>[]>> {
  const out = new Map<string, Record<string, any>[]>();
  const kube = cfg.kube;
  if (!kube) return out;
  const related: Record<string, any>[] = [];
  const seen: string[] = [];
  for (const info of await kube.build(r.manifest)) {
    let obj: Record<string, any>;
    try {
      obj = await kube.getAs(info, asTable);
    } catch {
      // Helm notes the failure in a buffer it never prints
      continue;
    }
    const key = `${info.resource.version}/${info.resource.kind}`;
    out.set(key, [...(out.get(key) ?? []), obj]);
    const kind = info.object.kind;
    const selector: Record<string, string> | undefined =
      kind === 'ReplicationController'
        ? info.object.spec?.selector
        : ['ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(kind)
          ? info.object.spec?.selector?.matchLabels
          : undefined;
    if (!selector || typeof selector !== 'object') continue;
    const id = JSON.stringify(Object.entries(selector).sort());
    if (seen.includes(id)) continue;
    seen.push(id);
    related.push(await kube.podsBySelector(info.namespace || r.namespace, selector, asTable));
  }
  if (related.length) out.set('v1/Pod(related)', related);
  return out;
}

/** `helm get values`: the user-supplied values, or with `all` those coalesced with the chart's. */
export function releaseValues(r: Release, all: boolean): GoMap | null {
  if (!all) return r.config;
  const md = ((r.chart?.metadata as GoMap | undefined) ?? {}) as unknown as Metadata;
  const chart = new Chart({ ...md, dependencies: [] } as Metadata);
  chart.values = ((r.chart?.values as GoMap | undefined) ?? {}) as GoMap;
  return coalesceValues(chart, r.config, () => {});
}

const LIST_STATES = [
  'deployed',
  'uninstalled',
  'uninstalling',
  'pending-install',
  'pending-upgrade',
  'pending-rollback',
  'superseded',
  'failed',
] as const;

export interface ListOptions {
  byDate: boolean;
  reverse: boolean;
  limit: number;
  offset: number;
  filter: string;
  selector: string;
  /** states to show; empty shows every state but superseded (Helm's ListAll) */
  states: string[];
}

const byName = (a: Release, b: Release) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
function byDate(a: Release, b: Release): number {
  const ta = Math.floor(epochMillis(a.info.lastDeployed) / 1000);
  const tb = Math.floor(epochMillis(b.info.lastDeployed) / 1000);
  return ta !== tb ? ta - tb : byName(a, b);
}

export async function listReleases(cfg: Configuration, o: ListOptions): Promise<Release[]> {
  let filter: RegExp | undefined;
  if (o.filter) {
    try {
      filter = new RegExp(o.filter);
    } catch (e) {
      throw new Error(`error parsing regexp: ${(e as Error).message}`);
    }
  }
  const all = await cfg.storage.list((r) => !filter || filter.test(r.name));
  const states = o.states.length ? o.states : LIST_STATES.filter((s) => s !== 'superseded');
  let rels = all;
  if (!(o.states.length === 1 && o.states[0] === 'superseded')) {
    const latest = new Map<string, Release>();
    for (const r of all) {
      const key = `${r.namespace}/${r.name}`;
      const seen = latest.get(key);
      if (seen && seen.version > r.version) continue;
      latest.set(key, r);
    }
    rels = [...latest.values()];
  }
  // a status Helm does not know counts as unknown, which no mask selects
  rels = rels.filter((r) => states.includes(r.info.status));
  if (o.selector) {
    const sel = parseLabelSelector(o.selector);
    rels = rels.filter((r) => sel.matches(r.labels));
  }
  if (o.byDate) rels.sort(byDate);
  else rels.sort(byName);
  if (o.reverse) rels.reverse();
  if (o.offset >= rels.length) return [];
  const limit = o.limit > 0 && o.limit < all.length ? o.limit : all.length;
  return rels.slice(o.offset, Math.min(o.offset + limit, rels.length));
}
