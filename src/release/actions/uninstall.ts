/**
 * `helm uninstall` (Helm's action.Uninstall): pre-delete hooks, the release's objects deleted in
 * uninstall order (those annotated `helm.sh/resource-policy: keep` left alone), post-delete
 * hooks, then every record purged, or the last one kept as uninstalled with --keep-history.
 */
import { sortManifests, splitManifests, UNINSTALL_ORDER } from '../../engine/index.ts';
import { type Configuration, validateReleaseName } from '../configuration.ts';
import { execHooks } from '../hooks.ts';
import type { Release } from '../record.ts';
import type { ResourceInfo } from '../resources.ts';
import { NoDeployedReleasesError, ReleaseNotFoundError } from '../storage/driver.ts';
import { type WaitStrategy, waitDeleted } from '../wait.ts';

export interface UninstallOptions {
  disableHooks: boolean;
  dryRun: boolean;
  keepHistory: boolean;
  ignoreNotFound: boolean;
  waitStrategy: WaitStrategy;
  timeoutMs: number;
  description: string;
  /** background, foreground or orphan */
  cascade: string;
}

export interface UninstallResult {
  release?: Release;
  /** "These resources were kept due to the resource policy: ..." */
  info: string;
}

const byRevision = (a: Release, b: Release) => a.version - b.version;

export class Uninstall {
  readonly options: UninstallOptions;

  constructor(
    private readonly cfg: Configuration,
    options: Partial<UninstallOptions> = {},
  ) {
    this.options = {
      disableHooks: false,
      dryRun: false,
      keepHistory: false,
      ignoreNotFound: false,
      waitStrategy: 'hookOnly',
      timeoutMs: 300_000,
      description: '',
      cascade: 'background',
      ...options,
    };
  }

  async run(name: string): Promise<UninstallResult> {
    const o = this.options;
    if (o.dryRun) {
      try {
        return { release: await this.cfg.storage.last(name), info: '' };
      } catch (e) {
        if (o.ignoreNotFound && e instanceof ReleaseNotFoundError) return { info: '' };
        throw e;
      }
    }
    try {
      validateReleaseName(name);
    } catch {
      throw new Error(`uninstall: Release name is invalid: ${name}`);
    }
    let history: Release[];
    try {
      history = await this.cfg.storage.history(name);
    } catch (e) {
      if (o.ignoreNotFound) return { info: '' };
      throw new Error(`uninstall: Release not loaded: ${name}: ${(e as Error).message}`);
    }
    history.sort(byRevision);
    const rel = history[history.length - 1]!;
    if (rel.info.status === 'uninstalled') {
      if (!o.keepHistory) {
        await this.purge(history);
        return { release: rel, info: '' };
      }
      throw new Error(`the release named ${JSON.stringify(name)} is already deleted`);
    }

    rel.info.status = 'uninstalling';
    rel.info.deleted = this.cfg.now();
    rel.info.description = 'Deletion in progress (or silently failed)';
    if (!o.disableHooks) await execHooks(this.cfg, rel, 'pre-delete', o.timeoutMs);
    await this.cfg.storage.update(rel).catch(() => undefined);

    const errors: string[] = [];
    const { deleted, kept } = await this.deleteObjects(rel, name);
    const result: UninstallResult = {
      release: rel,
      info: kept ? `These resources were kept due to the resource policy:\n${kept}` : '',
    };
    if (o.waitStrategy !== 'hookOnly' && this.cfg.kube)
      await waitDeleted(this.cfg.kube, deleted, o.timeoutMs).catch((e: Error) => errors.push(e.message));
    if (!o.disableHooks)
      await execHooks(this.cfg, rel, 'post-delete', o.timeoutMs).catch((e: Error) => errors.push(e.message));

    rel.info.status = 'uninstalled';
    rel.info.description = o.description || 'Uninstallation complete';
    const failed = () =>
      new Error(`uninstallation completed with ${errors.length} error(s): ${errors.join('; ')}`);
    if (!o.keepHistory) {
      await this.purge(history).catch((e: Error) =>
        errors.push(`uninstall: Failed to purge the release: ${e.message}`),
      );
      if (errors.length) throw failed();
      return result;
    }
    await this.cfg.storage.update(rel).catch(() => undefined);
    let deployed: Release[] = [];
    try {
      deployed = await this.cfg.storage.deployedAll(name);
    } catch (e) {
      if (!(e instanceof NoDeployedReleasesError)) throw e;
    }
    for (const d of deployed) {
      d.info.status = 'superseded';
      await this.cfg.storage.update(d).catch(() => undefined);
    }
    if (errors.length) throw failed();
    return result;
  }

  private async purge(history: Release[]): Promise<void> {
    for (const r of history) await this.cfg.storage.delete(r.name, r.version);
  }

  private async deleteObjects(
    rel: Release,
    name: string,
  ): Promise<{ deleted: ResourceInfo[]; kept: string }> {
    const kube = this.cfg.kube;
    if (!kube) return { deleted: [], kept: '' };
    const docs = splitManifests(rel.manifest);
    let sorted: ReturnType<typeof sortManifests>['manifests'];
    try {
      sorted = sortManifests(new Map(docs.map((d, i) => [`manifest-${i}`, d])), UNINSTALL_ORDER).manifests;
    } catch (e) {
      throw new Error(
        `failed to delete release: ${name}: corrupted release record. You must manually delete the resources: ${(e as Error).message}`,
      );
    }
    let kept = '';
    let toDelete = '';
    for (const m of sorted) {
      const policy = m.head.metadata?.annotations?.['helm.sh/resource-policy'];
      if (policy === 'keep') kept += `[${m.head.kind}] ${m.head.metadata?.name ?? ''}\n`;
      else toDelete += `\n---\n${m.content}`;
    }
    let resources: ResourceInfo[];
    try {
      resources = await kube.build(toDelete);
    } catch {
      throw new Error(`failed to delete release: ${name}`);
    }
    const propagation =
      { orphan: 'Orphan', foreground: 'Foreground', background: 'Background' }[this.options.cascade] ??
      'Background';
    const deleted: ResourceInfo[] = [];
    try {
      for (const r of resources) if (await kube.delete(r, propagation)) deleted.push(r);
    } catch {
      throw new Error(`failed to delete release: ${name}`);
    }
    return { deleted, kept };
  }
}
