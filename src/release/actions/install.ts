/**
 * `helm install` (Helm's action.Install): check the name, install the chart's CRDs, render,
 * check that no object already belongs to someone else, record the release as pending-install,
 * run pre-install hooks, create the objects in install order, wait, run post-install hooks and
 * record it deployed, or failed (and uninstalled with --rollback-on-failure).
 */
import type { Chart } from '../../chart/index.ts';
import { type Capabilities, defaultCapabilities, RenderError, renderRelease } from '../../engine/index.ts';
import type { GoMap } from '../../template/index.ts';
import { clusterCapabilities } from '../capabilities.ts';
import { type Configuration, logError, recordRelease, validateReleaseName } from '../configuration.ts';
import { execHooks } from '../hooks.ts';
import { chartRecord, hookRecord, type Release } from '../record.ts';
import {
  describeResource,
  MANAGED_BY_LABEL,
  RELEASE_NAME_ANNOTATION,
  RELEASE_NAMESPACE_ANNOTATION,
  ResourceClient,
  type ResourceInfo,
} from '../resources.ts';
import { containsSystemLabels, SYSTEM_LABELS } from '../storage/driver.ts';
import { type WaitStrategy, waitReady } from '../wait.ts';
import { Uninstall } from './uninstall.ts';

export type DryRun = 'none' | 'client' | 'server';

export interface InstallOptions {
  releaseName: string;
  namespace: string;
  dryRun: DryRun;
  createNamespace: boolean;
  description: string;
  disableHooks: boolean;
  skipCrds: boolean;
  waitStrategy: WaitStrategy;
  waitForJobs: boolean;
  timeoutMs: number;
  rollbackOnFailure: boolean;
  labels: Record<string, string>;
  subNotes: boolean;
  includeCrds: boolean;
  skipSchemaValidation: boolean;
  /** client-only rendering: --kube-version and --api-versions */
  kubeVersion?: Capabilities['kubeVersion'];
  apiVersions: string[];
  /** hooks and objects the server would refuse are reported, not created (--dry-run=server) */
}

export function defaultInstallOptions(): InstallOptions {
  return {
    releaseName: '',
    namespace: 'default',
    dryRun: 'none',
    createNamespace: false,
    description: '',
    disableHooks: false,
    skipCrds: false,
    waitStrategy: 'hookOnly',
    waitForJobs: false,
    timeoutMs: 300_000,
    rollbackOnFailure: false,
    labels: {},
    subNotes: false,
    includeCrds: false,
    skipSchemaValidation: false,
    apiVersions: [],
  };
}

/** A failure after the release exists: the record (failed) rides along for the caller. */
export class InstallError extends Error {
  constructor(
    message: string,
    readonly release?: Release,
  ) {
    super(message);
  }
}

function checkOwnership(existing: Record<string, any>, name: string, namespace: string): string | undefined {
  const labels: Record<string, string> = existing.metadata?.labels ?? {};
  const annotations: Record<string, string> = existing.metadata?.annotations ?? {};
  const problems: string[] = [];
  const require = (kind: string, m: Record<string, string>, k: string, v: string) => {
    if (!(k in m))
      problems.push(
        `${kind} validation error: missing key ${JSON.stringify(k)}: must be set to ${JSON.stringify(v)}`,
      );
    else if (m[k] !== v)
      problems.push(
        `${kind} validation error: key ${JSON.stringify(k)} must equal ${JSON.stringify(v)}: current value is ${JSON.stringify(m[k])}`,
      );
  };
  require('label', labels, MANAGED_BY_LABEL, 'Helm');
  require('annotation', annotations, RELEASE_NAME_ANNOTATION, name);
  require('annotation', annotations, RELEASE_NAMESPACE_ANNOTATION, namespace);
  return problems.length ? `invalid ownership metadata; ${problems.join('; ')}` : undefined;
}

export class Install {
  readonly options: InstallOptions;

  constructor(
    private readonly cfg: Configuration,
    options: Partial<InstallOptions> = {},
  ) {
    this.options = { ...defaultInstallOptions(), ...options };
  }

  private get talksToServer(): boolean {
    return this.options.dryRun !== 'client' && this.cfg.kube !== undefined;
  }

  private async availableName(): Promise<void> {
    const name = this.options.releaseName;
    const fail = (why: string) => {
      logError(this.cfg, 'release name check failed', why);
      return new Error(`release name check failed: ${why}`);
    };
    try {
      validateReleaseName(name);
    } catch (e) {
      throw fail(`release name ${JSON.stringify(name)}: ${(e as Error).message}`);
    }
    if (this.options.dryRun !== 'none') return;
    let history: Release[] = [];
    try {
      history = await this.cfg.storage.history(name);
    } catch {
      return;
    }
    if (history.length > 0) throw fail('cannot reuse a name that is still in use');
  }

  private async installCrds(kube: ResourceClient, chart: Chart): Promise<void> {
    const crds = chart.crdObjects();
    if (crds.length === 0) return;
    const created: ResourceInfo[] = [];
    for (const crd of crds) {
      let infos: ResourceInfo[];
      try {
        infos = await kube.build(new TextDecoder().decode(crd.file.data));
      } catch (e) {
        throw new Error(`failed to install CRD ${crd.name}: ${(e as Error).message}`);
      }
      if (infos.length === 0) throw new Error(`failed to install CRD ${crd.name}: resources are empty`);
      for (const info of infos) {
        if (await kube.get(info)) continue;
        await kube.apply(info);
        created.push(info);
      }
    }
    if (created.length > 0) {
      await waitReady(kube, created, 'legacy', 60_000);
      kube.refreshDiscovery();
    }
  }

  /** `modTime`: the chart files' modification times, as Helm's loader records them. */
  async run(chart: Chart, values: GoMap, modTime?: (name: string) => string | undefined): Promise<Release> {
    const o = this.options;
    const kube = this.talksToServer ? this.cfg.kube : undefined;
    await this.availableName();
    if (kube && !o.skipCrds && chart.crdObjects().length > 0) {
      if (o.dryRun !== 'none')
        this.cfg.warn(
          'level=WARN msg="This chart or one of its subcharts contains CRDs. Rendering may fail or contain inaccuracies."',
        );
      else await this.installCrds(kube, chart);
    }
    let caps: Capabilities;
    if (kube) caps = await clusterCapabilities(kube.rest);
    else {
      caps = defaultCapabilities();
      if (o.kubeVersion) caps = { ...caps, kubeVersion: o.kubeVersion };
      caps = { ...caps, apiVersions: [...caps.apiVersions, ...o.apiVersions] };
    }
    if (containsSystemLabels(o.labels))
      throw new Error(
        `user supplied labels contains system reserved label name. System labels: [${SYSTEM_LABELS.join(' ')}]`,
      );

    const now = this.cfg.now();
    const rel: Release = {
      name: o.releaseName,
      namespace: o.namespace,
      version: 1,
      info: { firstDeployed: now, lastDeployed: now, description: '', status: 'unknown', notes: '' },
      chart: chartRecord(chart, modTime),
      config: values,
      manifest: '',
      hooks: [],
      applyMethod: 'ssa',
      labels: { ...o.labels },
    };
    try {
      const rendered = renderRelease(chart, values, {
        release: {
          name: o.releaseName,
          namespace: o.namespace,
          revision: 1,
          isInstall: true,
          isUpgrade: false,
        },
        capabilities: caps,
        includeCrds: o.includeCrds,
        subNotes: o.subNotes,
        skipSchemaValidation: o.skipSchemaValidation,
        warn: (m) => this.cfg.warn(m),
      });
      rel.manifest = rendered.manifest;
      rel.hooks = rendered.hooks.map(hookRecord);
      rel.info.notes = rendered.notes;
    } catch (e) {
      if (e instanceof RenderError) throw new InstallError(e.message, rel);
      throw e;
    }
    rel.info.status = 'pending-install';
    rel.info.description = 'Initial install underway';

    let resources: ResourceInfo[] = [];
    if (kube) {
      try {
        resources = await kube.build(rel.manifest);
      } catch (e) {
        throw new Error(`unable to build kubernetes objects from release manifest: ${(e as Error).message}`);
      }
      for (const r of resources) ResourceClient.markOwned(r, rel.name, rel.namespace);
      for (const r of resources) {
        const existing = await kube.get(r);
        if (!existing) continue;
        const problem = checkOwnership(existing, rel.name, rel.namespace);
        if (problem)
          throw new Error(
            `unable to continue with install: ${describeResource(r)} exists and cannot be imported into the current release: ${problem}`,
          );
      }
    }
    if (o.dryRun !== 'none') {
      rel.info.description = 'Dry run complete';
      return rel;
    }
    if (!kube) throw new Error('Kubernetes cluster unreachable');

    if (o.createNamespace) {
      const [ns] = await kube.build(
        `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${JSON.stringify(o.namespace)}\n  labels:\n    name: ${JSON.stringify(o.namespace)}\n`,
      );
      if (ns && !(await kube.get(ns))) await kube.apply(ns);
    }

    await this.cfg.storage.create(rel);
    try {
      if (!o.disableHooks) {
        try {
          await execHooks(this.cfg, rel, 'pre-install', o.timeoutMs);
        } catch (e) {
          throw new Error(`failed pre-install: ${(e as Error).message}`);
        }
      }
      for (const r of resources) await kube.apply(r);
      await waitReady(
        kube,
        o.waitForJobs ? resources : resources.filter((r) => r.object.kind !== 'Job'),
        o.waitStrategy,
        o.timeoutMs,
      );
      if (!o.disableHooks) {
        try {
          await execHooks(this.cfg, rel, 'post-install', o.timeoutMs);
        } catch (e) {
          throw new Error(`failed post-install: ${(e as Error).message}`);
        }
      }
    } catch (e) {
      throw await this.fail(rel, e as Error);
    }
    rel.info.status = 'deployed';
    rel.info.description = o.description || 'Install complete';
    await recordRelease(this.cfg, rel);
    return rel;
  }

  private async fail(rel: Release, err: Error): Promise<InstallError> {
    rel.info.status = 'failed';
    rel.info.description = `Release ${JSON.stringify(rel.name)} failed: ${err.message}`;
    if (this.options.rollbackOnFailure) {
      const uninstall = new Uninstall(this.cfg, {
        disableHooks: this.options.disableHooks,
        keepHistory: false,
        timeoutMs: this.options.timeoutMs,
      });
      try {
        await uninstall.run(rel.name);
      } catch (u) {
        return new InstallError(
          `an error occurred while uninstalling the release. original install error: ${err.message}: ${(u as Error).message}`,
          rel,
        );
      }
      return new InstallError(
        `release ${rel.name} failed, and has been uninstalled due to rollback-on-failure being set: ${err.message}`,
        rel,
      );
    }
    await recordRelease(this.cfg, rel);
    return new InstallError(err.message, rel);
  }
}
